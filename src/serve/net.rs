//! The connections of `concord serve`: HTTP/1.1 on loopback, kept alive, read by one
//! thread each, answered by a fixed number of workers.
//!
//! **Why not a connection pool.** A browser keeps its connections open between requests
//! and opens spare ones it may never use. A server whose threads each own a connection
//! for its whole life is starved by them: with `tiny_http` 0.12 (used before), a burst of
//! new connections could be queued behind idle kept-alive ones, and their requests waited
//! until another client closed (13–24 s in the load runs of `bench/SERVE.md`). Here every
//! connection has its own thread, which only reads and writes; an idle connection costs
//! a sleeping thread and is closed after [`IDLE`]. What is bounded is the work: at most
//! `workers` requests are answered at once ([`Permits`]), and a connection holds a
//! permit only while its request is being answered, never while it waits for the next.
//!
//! Requests are parsed by `httparse` (the parser under `hyper`); only `GET` and `HEAD`
//! without a body are answered, as [`super::App::handle`] wants. A request with a body
//! is answered and its connection closed, so no body is ever mistaken for a request.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::http::{Request, Response, SECURITY_HEADERS};

/// How long a kept-alive connection may stay idle (or a request take to arrive whole).
pub const IDLE: Duration = Duration::from_secs(60);

/// Most connections open at once; beyond it a new one is answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 512;

/// Most bytes of a request's line and headers.
const MAX_HEAD: usize = 16 * 1024;

/// Most headers in a request.
const MAX_HEADERS: usize = 64;

/// Answers one request; called by up to `workers` connection threads at once.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// A counting semaphore: how many requests may be answered at once.
pub struct Permits {
    free: Mutex<usize>,
    freed: Condvar,
}

impl Permits {
    /// `n` permits (at least one).
    pub fn new(n: usize) -> Permits {
        Permits { free: Mutex::new(n.max(1)), freed: Condvar::new() }
    }

    /// Waits for a permit, given back when the guard drops.
    pub fn take(&self) -> Permit<'_> {
        let mut free = self.free.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *free -= 1;
        Permit(self)
    }
}

/// A permit of [`Permits`], held while a request is answered.
pub struct Permit<'a>(&'a Permits);

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(std::sync::PoisonError::into_inner) += 1;
        self.0.freed.notify_one();
    }
}

/// Accepts connections on `listener` until it fails, each read by its own thread; at most
/// `workers` requests are answered by `handler` at once.
///
/// # Errors
/// Only an error of `accept` that is not about one connection (e.g. out of descriptors
/// is retried after a pause; a closed listener ends the loop).
pub fn run(listener: &TcpListener, workers: usize, handler: Arc<Handler>) -> io::Result<()> {
    let permits = Arc::new(Permits::new(workers));
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            // Aborted or reset before it was accepted: that connection's problem only.
            Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset) => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // Out of file descriptors and the like: wait for connections to close.
            Err(e) if e.raw_os_error().is_some_and(|c| c == 23 || c == 24) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            Err(e) => return Err(e),
        };
        if open.fetch_add(1, Ordering::AcqRel) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::AcqRel);
            refuse_busy(stream);
            continue;
        }
        let (permits, handler, guard) = (Arc::clone(&permits), Arc::clone(&handler), OpenGuard(Arc::clone(&open)));
        let spawned = std::thread::Builder::new().name("concord-conn".into()).spawn(move || {
            let _guard = guard;
            let _ = connection(stream, &permits, &*handler);
        });
        // Without a thread (out of memory or threads) the closure is dropped with its
        // stream and guard: that client sees its connection closed, the count stays right.
        drop(spawned);
    }
}

/// Counts a connection as open until dropped.
struct OpenGuard(Arc<AtomicUsize>);

impl Drop for OpenGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Tells a client over the connection limit to come back later, without reading it.
fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let res = Response::text(503, "concord serve has too many open connections; try again\n");
    let _ = write_response(&mut stream, &res, false, false);
    close(stream);
}

/// Closes a connection after its last response: the sending side first, then what the
/// client still sends (an unread body) is read and dropped for a moment, so that the
/// close does not turn into a reset that could discard the response before it is read.
fn close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 4096];
    let mut left = 256 * 1024usize;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// What one request on a connection asks for, beyond [`Request`].
struct Parsed {
    req: Request,
    /// HTTP/1.1 (else 1.0).
    http11: bool,
    /// The client may send another request on this connection.
    keep_alive: bool,
    /// A body was announced: it is not read, so the connection must close after answering.
    has_body: bool,
    /// Bytes of the buffer taken by the line and headers.
    len: usize,
}

/// What reading the next request gave.
enum Next {
    Request(Box<Parsed>),
    /// The client closed, or stayed idle past [`IDLE`], between requests.
    Closed,
    /// A malformed or oversized request: answer with this status and close.
    Refuse(u16, &'static str),
}

/// Serves one connection: reads requests one after the other (keeping bytes that arrive
/// early for the next one), answers each under a permit, until the client closes, stays
/// idle too long, or a request asks to close.
fn connection(mut stream: TcpStream, permits: &Permits, handler: &Handler) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    // Head and body go out as two writes: without this, Nagle's algorithm holds the body
    // back until the client acknowledges the head (tens of milliseconds on loopback).
    stream.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(2048);
    loop {
        match read_request(&mut stream, &mut buf)? {
            Next::Closed => return Ok(()),
            Next::Refuse(status, message) => {
                let res = Response::text(status, message);
                let _ = write_response(&mut stream, &res, false, false);
                close(stream);
                return Ok(());
            }
            Next::Request(p) => {
                buf.drain(..p.len);
                let res = {
                    let _permit = permits.take();
                    // A panicking page must not take the connection's thread with it
                    // unanswered (the handler is built not to panic; this is the net).
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler(&p.req)))
                        .unwrap_or_else(|_| Response::text(500, "concord serve failed on this request\n"))
                };
                let keep = p.keep_alive && !p.has_body;
                let head_only = p.req.method == "HEAD";
                write_response_version(&mut stream, &res, keep, head_only, p.http11)?;
                if !keep {
                    close(stream);
                    return Ok(());
                }
            }
        }
    }
}

/// Reads until `buf` holds a whole request head, and parses it.
fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<Next> {
    let mut chunk = [0u8; 4096];
    loop {
        if !buf.is_empty() {
            match parse(buf) {
                Ok(Some(p)) => return Ok(Next::Request(Box::new(p))),
                Ok(None) => {}
                Err(refuse) => return Ok(refuse),
            }
            if buf.len() > MAX_HEAD {
                return Ok(Next::Refuse(431, "request line and headers too large\n"));
            }
        }
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                // Idle between requests: close quietly. Halfway through one: say so.
                return Ok(if buf.iter().all(u8::is_ascii_whitespace) {
                    Next::Closed
                } else {
                    Next::Refuse(408, "the request did not arrive in time\n")
                });
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted) => {
                return Ok(Next::Closed);
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Next::Closed);
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
}

/// Parses a request head at the start of `buf`: `Ok(None)` while it is incomplete.
fn parse(buf: &[u8]) -> Result<Option<Parsed>, Next> {
    // Blank lines before a request are allowed (RFC 9112 §2.2).
    let skip = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
    let rest = buf.get(skip..).unwrap_or_default();
    if rest.is_empty() {
        return Ok(None);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut r = httparse::Request::new(&mut headers);
    let len = match r.parse(rest) {
        Ok(httparse::Status::Complete(n)) => n + skip,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(Next::Refuse(431, "too many headers\n")),
        Err(_) => return Err(Next::Refuse(400, "malformed HTTP request\n")),
    };
    let (Some(method), Some(path), Some(version)) = (r.method, r.path, r.version) else {
        return Err(Next::Refuse(400, "malformed HTTP request\n"));
    };
    let http11 = version == 1;
    let value = |name: &str| -> Vec<String> {
        r.headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
            .collect()
    };
    let hosts = value("host");
    if hosts.len() > 1 {
        return Err(Next::Refuse(400, "more than one Host header\n"));
    }
    let connection = value("connection").join(",").to_ascii_lowercase();
    let tokens: Vec<&str> = connection.split(',').map(str::trim).collect();
    let keep_alive = if http11 { !tokens.contains(&"close") } else { tokens.contains(&"keep-alive") };
    let has_body = !value("transfer-encoding").is_empty()
        || value("content-length").iter().any(|v| v.parse::<u64>().map_or(true, |n| n > 0));
    let req = Request { method: method.to_string(), url: path.to_string(), host: hosts.into_iter().next() };
    Ok(Some(Parsed { req, http11, keep_alive, has_body, len }))
}

/// The reason phrase of the statuses the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_response(stream: &mut TcpStream, res: &Response, keep: bool, head_only: bool) -> io::Result<()> {
    write_response_version(stream, res, keep, head_only, true)
}

/// Writes `res` with its length, the security headers and, unless `keep`, `Connection:
/// close`; the body is left out for `HEAD`.
fn write_response_version(
    stream: &mut TcpStream,
    res: &Response,
    keep: bool,
    head_only: bool,
    http11: bool,
) -> io::Result<()> {
    use std::fmt::Write as _;
    let mut head = String::with_capacity(768);
    let version = if http11 { "HTTP/1.1" } else { "HTTP/1.0" };
    let _ = write!(head, "{version} {} {}\r\n", res.status, reason(res.status));
    let _ = write!(head, "Content-Type: {}\r\nContent-Length: {}\r\n", res.content_type, res.body.len());
    if let Some(t) = &res.timing {
        let _ = write!(head, "Server-Timing: {t}\r\n");
    }
    for (name, value) in SECURITY_HEADERS {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str(match (keep, http11) {
        (false, _) => "Connection: close\r\n",
        (true, false) => "Connection: keep-alive\r\n",
        (true, true) => "",
    });
    head.push_str("\r\n");
    if head_only || res.body.is_empty() {
        return stream.write_all(head.as_bytes());
    }
    // A small page goes out in one write; a large one is not copied.
    if res.body.len() <= 16 * 1024 {
        let mut all = head.into_bytes();
        all.extend_from_slice(&res.body);
        return stream.write_all(&all);
    }
    stream.write_all(head.as_bytes())?;
    stream.write_all(&res.body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};

    fn parsed(raw: &str) -> Parsed {
        match parse(raw.as_bytes()) {
            Ok(Some(p)) => p,
            Ok(None) => panic!("incomplete: {raw:?}"),
            Err(_) => panic!("refused: {raw:?}"),
        }
    }

    fn refused(raw: &str) -> u16 {
        match parse(raw.as_bytes()) {
            Err(Next::Refuse(status, _)) => status,
            _ => panic!("not refused: {raw:?}"),
        }
    }

    #[test]
    fn keep_alive_follows_the_version_and_the_connection_header() {
        let p = parsed("GET /a?q=1 HTTP/1.1\r\nHost: localhost:9\r\n\r\nGET /b");
        assert_eq!(p.req, Request::get("/a?q=1", "localhost:9"));
        assert!(p.keep_alive && p.http11 && !p.has_body);
        assert_eq!(p.len, "GET /a?q=1 HTTP/1.1\r\nHost: localhost:9\r\n\r\n".len(), "the next request stays");
        assert!(!parsed("GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n").keep_alive);
        assert!(!parsed("GET / HTTP/1.0\r\n\r\n").keep_alive);
        assert!(parsed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
        assert_eq!(parsed("\r\nGET / HTTP/1.1\r\n\r\n").req.host, None);
    }

    #[test]
    fn incomplete_heads_wait_and_bad_ones_are_refused() {
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: x"), Ok(None)));
        assert!(matches!(parse(b"\r\n"), Ok(None)));
        assert_eq!(refused("GET / HTTP/2.0\r\n\r\n"), 400);
        assert_eq!(refused("GET\0 / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
        let many: String = (0..MAX_HEADERS + 1).map(|i| format!("X-{i}: y\r\n")).collect();
        assert_eq!(refused(&format!("GET / HTTP/1.1\r\n{many}\r\n")), 431);
        // A body is announced: answered, then the connection closes.
        assert!(parsed("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").has_body);
        assert!(parsed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").has_body);
        assert!(parsed("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n").has_body);
        assert!(!parsed("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").has_body);
    }

    /// A server on a free loopback port answering with `handler`, `workers` at once.
    fn server(workers: usize, handler: Arc<Handler>) -> u16 {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || run(&listener, workers, handler));
        port
    }

    fn read_one(r: &mut BufReader<TcpStream>) -> (String, String) {
        let mut head = String::new();
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(r.read_line(&mut line).unwrap() > 0, "closed early; head so far: {head}");
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
            head.push_str(&line);
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).unwrap();
        (head, String::from_utf8(body).unwrap())
    }

    #[test]
    fn pipelined_requests_are_answered_in_order_and_head_has_no_body() {
        let port = server(1, Arc::new(|r: &Request| Response::text(200, &format!("{} {}", r.method, r.url))));
        let c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut r = BufReader::new(c);
        r.get_mut().write_all(b"GET /one HTTP/1.1\r\nHost: h\r\n\r\nHEAD /two HTTP/1.1\r\nHost: h\r\n\r\nGET /three HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").unwrap();
        let (head, body) = read_one(&mut r);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && head.contains("Content-Security-Policy:"), "{head}");
        assert_eq!(body, "GET /one");
        // HEAD: the length of the body it would have had, and no body.
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert_eq!(line, "HTTP/1.1 200 OK\r\n");
        let mut rest = String::new();
        while line != "\r\n" {
            line.clear();
            r.read_line(&mut line).unwrap();
            rest.push_str(&line);
        }
        assert!(rest.contains("Content-Length: 9\r\n"), "{rest}");
        let (head, body) = read_one(&mut r);
        assert!(head.contains("Connection: close"), "{head}");
        assert_eq!(body, "GET /three");
        let mut end = Vec::new();
        r.read_to_end(&mut end).unwrap();
        assert!(end.is_empty(), "closed after the request that asked for it");
    }

    #[test]
    fn a_request_with_a_body_is_answered_then_the_connection_closes() {
        let port = server(2, Arc::new(|r: &Request| Response::text(405, &r.method)));
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        c.write_all(b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 27\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n").unwrap();
        let mut all = String::new();
        c.read_to_string(&mut all).unwrap();
        assert!(all.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{all}");
        assert!(all.contains("Connection: close") && all.ends_with("POST"), "{all}");
        assert!(!all.contains("smuggled"), "the body is never read as a request");
    }

    #[test]
    fn workers_bound_the_requests_answered_at_once_not_the_connections() {
        // One worker. Connections that never send anything, then one that asks: answered.
        let port = server(1, Arc::new(|_: &Request| Response::text(200, "ok")));
        let idle: Vec<TcpStream> = (0..16).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
        let c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut r = BufReader::new(c);
        r.get_mut().write_all(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n").unwrap();
        assert_eq!(read_one(&mut r).1, "ok");
        drop(idle);
        // The permits: never more than `n` holders at once, every taker served.
        let permits = Arc::new(Permits::new(2));
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        std::thread::scope(|s| {
            for _ in 0..8 {
                let (permits, now, most) = (&permits, &now, &most);
                s.spawn(move || {
                    for _ in 0..50 {
                        let _p = permits.take();
                        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(n, Ordering::SeqCst);
                        std::thread::yield_now();
                        now.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert!(most.load(Ordering::SeqCst) <= 2 && most.load(Ordering::SeqCst) >= 1);
        assert_eq!(now.load(Ordering::SeqCst), 0);
    }
}
