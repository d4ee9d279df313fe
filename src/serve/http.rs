//! The HTTP side kept small and socket-free: a [`Request`] in, a [`Response`] out, the
//! `Host` check, query-string decoding and the headers every response carries.

use std::sync::Arc;

/// The parts of a request the UI reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// Path and query as sent (`/sheet?doc=a.txt`).
    pub url: String,
    /// The `Host` header, if any.
    pub host: Option<String>,
}

impl Request {
    /// A `GET` of `url` with `Host: host`.
    pub fn get(url: &str, host: &str) -> Request {
        Request { method: "GET".into(), url: url.into(), host: Some(host.into()) }
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or("/")
    }

    /// The decoded value of query parameter `name` (the first one), if present.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.url.split_once('?')?.1.split('#').next().unwrap_or("");
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k) == name).then(|| decode(v))
        })
    }

    /// The value of `name`, trimmed, `None` when absent or blank.
    pub fn nonblank(&self, name: &str) -> Option<String> {
        self.param(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }
}

/// Decodes a form-encoded query component: `+` is a space, `%XX` a byte; invalid UTF-8
/// becomes U+FFFD and a malformed escape stays as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A finished response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body (shared: a cached page is answered without copying it).
    pub body: Arc<[u8]>,
    /// `Server-Timing` (`fresh;dur=…, page;dur=…` in ms), for measuring.
    pub timing: Option<String>,
}

impl Response {
    /// An HTML page.
    pub fn html(status: u16, body: String) -> Response {
        Response { status, content_type: "text/html; charset=utf-8", body: body.into_bytes().into(), timing: None }
    }

    /// A JSON document.
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response { status, content_type: "application/json", body: value.to_string().into_bytes().into(), timing: None }
    }

    /// Plain text (errors of the Host check, wrong methods).
    pub fn text(status: u16, body: &str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", body: body.as_bytes().into(), timing: None }
    }

    /// The body as text (tests).
    pub fn text_body(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Headers sent with every response. No `Access-Control-*` header is ever sent: another
/// origin's page cannot read anything from the server. Scripts may only come from the
/// server itself (`/app.js`), never inline, and fetches only go back to it.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

/// Whether `host` (a `Host` header) names this server on loopback: `127.0.0.1`,
/// `localhost` or `[::1]`, with this port (the port may be left out only when it is 80).
/// Anything else is refused, so that a page whose DNS name is re-bound to 127.0.0.1
/// cannot read from the server (DNS rebinding).
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim().to_ascii_lowercase();
    let (name, given_port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && !p.contains(']') => (n, Some(p)),
        _ => (host.as_str(), None),
    };
    let port_ok = match given_port {
        Some(p) => p.parse::<u16>() == Ok(port),
        None => port == 80,
    };
    port_ok && matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_decoded() {
        let r = Request::get("/search?q=first+meeting&body=NATO%2DRussia%20Council&x=%zz&e=#frag", "h");
        assert_eq!(r.path(), "/search");
        assert_eq!(r.param("q").as_deref(), Some("first meeting"));
        assert_eq!(r.param("body").as_deref(), Some("NATO-Russia Council"));
        assert_eq!(r.param("x").as_deref(), Some("%zz"));
        assert_eq!(r.param("e").as_deref(), Some(""));
        assert_eq!(r.nonblank("e"), None);
        assert_eq!(r.param("missing"), None);
        assert_eq!(decode("%C3%A9%FF"), "é\u{FFFD}");
        assert_eq!(Request::get("/", "h").param("q"), None);
    }

    #[test]
    fn only_loopback_names_with_our_port_pass() {
        for ok in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST:8080"] {
            assert!(host_allowed(Some(ok), 8080), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1.evil.example:8080",
            "localhost:8081",
            "localhost",
            "127.0.0.1:8080:1",
            "[::1]",
            "",
            "attacker.localhost:8080",
        ] {
            assert!(!host_allowed(Some(bad), 8080), "{bad}");
        }
        assert!(!host_allowed(None, 8080));
        assert!(host_allowed(Some("localhost"), 80));
    }
}
