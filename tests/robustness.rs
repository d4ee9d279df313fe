//! Hostile input, crashes and concurrent runs: every case ends in a clear
//! message and a defined exit code, never a panic, never a broken index.

use std::io::Write as _;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use crate::util::*;

fn is_root() -> bool {
    StdCommand::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn distinct_docs(stdout: &[u8]) -> usize {
    json_lines(stdout)
        .iter()
        .map(|h| h["doc"].as_str().unwrap_or("").to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

fn assert_no_panic(out: &std::process::Output) {
    let err = stderr_of(out);
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(out.status.code().is_some(), "killed by a signal: {err}");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let w = Work::new();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("The Corvus Council met in 1994.\n".encode_utf16().flat_map(u16::to_le_bytes));
    w.write("utf16.txt", bytes);
    let out = w.cmd(&["search", "Corvus", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(json_lines(&out.stdout)[0]["line"], 1);
}

#[test]
fn empty_file_is_a_sheet_with_no_passages() {
    let w = Work::new();
    w.write("empty.txt", "").write("other.txt", "Some text.\n");
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("2 added"), "{}", stdout_of(&out));
}

#[test]
fn binary_file_is_refused_by_name_and_the_rest_is_indexed() {
    let w = Work::new();
    w.write("blob.txt", b"GIF89a\0\0\x01binary").write("ok.txt", "Plain sheet.\n");
    let out = w.cmd(&["search", "plain", "--format", "json"]).output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("blob.txt") && stderr_of(&out).contains("binary"), "{}", stderr_of(&out));
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_read_once() {
    let w = Work::new();
    w.write("d/a.txt", "Looped sheet.\n");
    std::os::unix::fs::symlink("..", w.corpus().join("d/up")).unwrap();
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("indexed 1 sheet"), "{}", stdout_of(&out));
}

#[cfg(unix)]
#[test]
fn vanished_file_is_named_and_the_run_goes_on() {
    // A dangling link stands for a file deleted between listing and reading.
    let w = Work::new();
    w.write("ok.txt", "Still here.\n");
    std::os::unix::fs::symlink("gone.txt", w.corpus().join("vanished.txt")).unwrap();
    let out = w.cmd(&["search", "still", "--format", "json"]).output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("vanished.txt"), "{}", stderr_of(&out));
    assert_eq!(json_lines(&out.stdout).len(), 1);
    let out = w.cmd(&["--skip-invalid", "index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt as _;
    if is_root() {
        eprintln!("skipped: root reads files without read permission");
        return;
    }
    let w = Work::new();
    w.write("secret.txt", "x").write("ok.txt", "y\n");
    std::fs::set_permissions(w.corpus().join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("secret.txt"), "{}", stderr_of(&out));
}

#[test]
fn corpus_path_that_is_a_file_is_an_error() {
    let w = Work::new();
    let file = w.dir.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let out = concord(w.dir.path(), &file, &w.index(), &["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("not a readable directory"), "{}", stderr_of(&out));
}

#[cfg(unix)]
#[test]
fn read_only_index_dir_is_an_error() {
    use std::os::unix::fs::PermissionsExt as _;
    if is_root() {
        eprintln!("skipped: root writes into read-only directories");
        return;
    }
    let w = Work::new();
    w.write("a.txt", "x\n");
    std::fs::create_dir_all(w.index()).unwrap();
    std::fs::set_permissions(w.index(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = w.cmd(&["index"]).output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains(&w.index().display().to_string()), "names the index: {err}");
    assert!(err.to_lowercase().contains("permission denied"), "says why: {err}");
}

/// An index that cannot be written (permission refused) is reported, naming the index, and
/// never deleted to be rebuilt: only a damaged or foreign index is rebuilt.
#[test]
fn read_only_existing_index_is_reported_and_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    if is_root() {
        eprintln!("skipped: root writes into read-only directories");
        return;
    }
    let w = Work::new();
    w.write("a.txt", "The Hydra Council was founded in 1961.\n");
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    w.write("b.txt", "The Lynx Board met in 1970.\n");
    let tdir = w.index().join("tantivy");
    let files_before: Vec<_> = std::fs::read_dir(&tdir).unwrap().flatten().map(|e| e.file_name()).collect();
    let mode = |p: &std::path::Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    mode(&tdir, 0o555);
    mode(&w.index(), 0o555);
    let out = w.cmd(&["index"]).output().unwrap();
    mode(&w.index(), 0o755);
    mode(&tdir, 0o755);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains(&w.index().display().to_string()), "names the index: {err}");
    assert!(err.to_lowercase().contains("permission denied"), "says why: {err}");
    assert!(!err.contains("rebuil"), "no rebuild of a good index: {err}");
    let files_after: Vec<_> = std::fs::read_dir(&tdir).unwrap().flatten().map(|e| e.file_name()).collect();
    for f in &files_before {
        assert!(files_after.contains(f), "{f:?} of the old index is gone");
    }
    // The old index still answers; once writable, the update goes through.
    let hits = w.cmd(&["search", "Hydra", "--format", "json"]).output().unwrap();
    assert_eq!(hits.status.code(), Some(0), "{}", stderr_of(&hits));
    assert_eq!(distinct_docs(&hits.stdout), 1);
    let out = w.cmd(&["index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn truncated_segment_files_are_rebuilt_or_refused_never_a_panic() {
    let w = Work::new();
    for i in 0..20 {
        w.write(
            &format!("s{i}.txt"),
            format!("Sheet {i} about the Hydra Council, founded in 19{i:02}.\n\nMore text.\n"),
        );
    }
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    let tdir = w.index().join("tantivy");
    let segment_files = || {
        let mut v: Vec<_> = std::fs::read_dir(&tdir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x != "json" && x != "lock"))
            .collect();
        v.sort();
        v
    };
    let mut extensions: Vec<String> =
        segment_files().iter().filter_map(|p| Some(p.extension()?.to_string_lossy().into_owned())).collect();
    extensions.sort();
    extensions.dedup();
    assert!(extensions.len() >= 4, "{extensions:?}");
    for ext in extensions {
        // The segment's current file of this kind (a rebuild renames segments).
        let Some(f) = segment_files().into_iter().find(|p| p.extension().is_some_and(|x| x == ext.as_str())) else {
            continue;
        };
        let len = std::fs::metadata(&f).unwrap().len();
        let keep = std::fs::read(&f).unwrap();
        std::fs::OpenOptions::new().write(true).open(&f).unwrap().set_len(len / 2).unwrap();
        let out = w.cmd(&["search", "Hydra", "--format", "json", "--limit", "100"]).output().unwrap();
        assert_no_panic(&out);
        assert!(matches!(out.status.code(), Some(0 | 2)), "{}: {}", f.display(), stderr_of(&out));
        if out.status.code() == Some(0) {
            assert_eq!(json_lines(&out.stdout).len(), 20, "{}: {}", f.display(), stderr_of(&out));
        }
        // Whatever happened, the next run works and is complete.
        if f.exists() {
            std::fs::write(&f, keep).unwrap();
        }
        let out = w.cmd(&["search", "Hydra", "--format", "json", "--limit", "100"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {}", f.display(), stderr_of(&out));
        assert_eq!(json_lines(&out.stdout).len(), 20);
    }
}

#[test]
fn huge_single_line_and_large_file_are_indexed() {
    let w = Work::new();
    // 50 MB on one line.
    let unit = "The Lynx Council met on 5 May 1999 and agreed a work programme, ";
    let line: String = unit.repeat(50 * 1024 * 1024 / unit.len());
    w.write("one-line.txt", line.as_bytes());
    // 100 MB in ordinary paragraphs.
    let para = "In 2004 the Pavo Committee (PC) opened an office. It met again in March 2005.\n\n";
    let big = para.repeat(100 * 1024 * 1024 / para.len());
    w.write("big.txt", big.as_bytes());
    w.write("needle.txt", "A unique needle sheet.\n");
    let out = w.cmd(&["index"]).output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let out = w.cmd(&["search", "needle", "--format", "json"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 1);
    let out = w.cmd(&["search", "Lynx", "--format", "json", "--limit", "1"]).output().unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["doc"], "one-line.txt");
}

/// Kills `concord index` at random moments (SIGKILL) while the corpus changes; after
/// every kill the previous index must still answer, and the final run must be exact.
#[cfg(unix)]
#[test]
fn sigkill_loop_never_breaks_the_index() {
    let w = Work::new();
    for i in 0..400 {
        let body = format!(
            "The Auriga Council (AC) number {i} was created in {}.\n\nIt met on 3 March 1999.\n",
            1900 + i % 100
        );
        w.write(&format!("part{}/s{i}.txt", i % 7), body.repeat(20));
    }
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    // A small deterministic pseudo-random sequence of delays.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut killed_mid_run = 0;
    for round in 0..50 {
        // Change a few sheets so every run has work to do.
        for k in 0..200 {
            let i = (round * 200 + k) % 400;
            let body = format!("The Auriga Council (AC) number {i} was revised in round {round}.\n");
            w.write(&format!("part{}/s{i}.txt", i % 7), body.repeat(20));
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % 300);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(["--corpus"])
            .arg(w.corpus())
            .arg("--index")
            .arg(w.index())
            .args(["-q", "index"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        // The index answers (it may first finish the interrupted update).
        let out = w.cmd(&["search", "Auriga", "--format", "json", "--limit", "100000"]).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "round {round}: {}", stderr_of(&out));
        assert_eq!(distinct_docs(&out.stdout), 400, "round {round}: every sheet mentions Auriga");
    }
    eprintln!("{killed_mid_run} of 50 kills landed while indexing");
    assert!(killed_mid_run >= 5, "only {killed_mid_run} kills interrupted a run: the loop tests too little");
    let out = w.cmd(&["search", "\"round 49\"", "--format", "json", "--limit", "10000"]).output().unwrap();
    assert_eq!(distinct_docs(&out.stdout), 200);
}

/// Two processes at once: the second waits for the lock, then sees a complete index.
#[test]
fn concurrent_runs_wait_for_each_other() {
    let w = Work::new();
    for i in 0..300 {
        w.write(&format!("s{i}.txt"), format!("The Cetus Forum met in {}.\n", 1950 + i % 50).repeat(10));
    }
    let spawn = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--corpus")
            .arg(w.corpus())
            .arg("--index")
            .arg(w.index())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Either process may take the lock first, so both get patience well beyond
    // the other's run, however loaded the machine.
    let a = spawn(&["--lock-timeout", "900", "index"]);
    let b = spawn(&["--lock-timeout", "900", "search", "Cetus", "--format", "json", "--limit", "100000"]);
    // Both outputs are drained at once: a process blocked on a full pipe must not be
    // mistaken for one holding the lock (the CI failure this test once had).
    let (a, b) = (std::thread::spawn(move || a.wait_with_output()), std::thread::spawn(move || b.wait_with_output()));
    let (a, b) = (a.join().unwrap().unwrap(), b.join().unwrap().unwrap());
    assert_eq!(a.status.code(), Some(0), "{}", stderr_of(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr_of(&b));
    assert_eq!(distinct_docs(&b.stdout), 300, "the reader never sees a half-built index");

    // With no patience, the second process says who holds the lock.
    let mut holder = std::fs::OpenOptions::new().write(true).open(w.index().join("concord.lock")).unwrap();
    holder.lock().unwrap();
    writeln!(holder, "pid 4242").unwrap();
    let out = w.cmd(&["--lock-timeout", "0", "search", "Cetus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("locked by another concord process"), "{}", stderr_of(&out));
}

/// Kills `concord claims` at random moments while sheets change, so that the view cache
/// (`index/view.bin`) is left missing, old or mid-write: the next run must still list
/// exactly the claims a fresh index gives.
#[cfg(unix)]
#[test]
fn sigkill_around_the_view_cache_never_serves_stale_claims() {
    let w = Work::new();
    let sheet = |i: usize, year: usize| {
        format!(
            "# Sheet {i}\n\nThe Auriga Council (AC) was established on 3 March {year}.\n\nThe AC met in May 2001.\n"
        )
    };
    for i in 0..120 {
        w.write(&format!("s{i}.txt"), sheet(i, 1990));
    }
    let claims = |index: &std::path::Path| {
        let out = concord(w.dir.path(), &w.corpus(), index, &["-q", "claims", "--format", "json"]).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    assert!(!json_lines(claims(&w.index()).as_bytes()).is_empty(), "the sheets make claims");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..12 {
        for k in 0..10 {
            let i = (round * 10 + k) % 120;
            w.write(&format!("s{i}.txt"), sheet(i, 1991 + round));
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--corpus")
            .arg(w.corpus())
            .arg("--index")
            .arg(w.index())
            .args(["-q", "claims", "--format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(seed % 400));
        let _ = child.kill();
        let _ = child.wait();
        let fresh = w.dir.path().join(format!("fresh-{round}"));
        assert_eq!(claims(&w.index()), claims(&fresh), "round {round}");
        // A second run reads the cache the first one wrote.
        assert_eq!(claims(&w.index()), claims(&fresh), "round {round}, from the cache");
    }
}

/// A reader that stops draining its output (a pager, a full pipe) does not hold the index
/// lock: the hits are in memory before anything is printed.
#[test]
fn a_search_blocked_on_its_output_does_not_hold_the_lock() {
    use std::io::Read as _;
    let w = Work::new();
    for i in 0..300 {
        w.write(&format!("s{i}.txt"), format!("The Cetus Forum met in {}.\n", 1950 + i % 50).repeat(10));
    }
    assert_eq!(w.cmd(&["-q", "index"]).output().unwrap().status.code(), Some(0));
    let mut reader = StdCommand::new(env!("CARGO_BIN_EXE_concord"))
        .arg("--corpus")
        .arg(w.corpus())
        .arg("--index")
        .arg(w.index())
        .args(["search", "Cetus", "--format", "json", "--limit", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = reader.stdout.take().unwrap();
    // Output has begun (hundreds of KB, far more than a pipe holds); stop reading.
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    let out = w.cmd(&["--lock-timeout", "5", "-q", "index"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the blocked reader held the lock: {}", stderr_of(&out));
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    assert!(reader.wait().unwrap().success());
    assert!(rest.len() > 100_000, "the output must overflow a pipe for this test to mean anything");
}

/// Editing a sheet in place (same size, same second, its folder's mtime untouched) is seen
/// by the very next search: freshness never rests on a folder listing alone.
#[test]
fn a_sheet_edited_in_place_in_the_same_second_is_seen_by_the_next_search() {
    use std::time::UNIX_EPOCH;
    let w = Work::new();
    w.write("topic/1990/a.txt", "The Cetus Forum met in 1990.\n");
    w.write("topic/1990/b.txt", "The Lynx Board met in 1991.\n");
    let hits = |q: &str| distinct_docs(&w.cmd(&["-q", "search", q, "--format", "json"]).output().unwrap().stdout);
    assert_eq!(hits("Cetus"), 1);
    let path = w.corpus().join("topic/1990/a.txt");
    let folder = w.corpus().join("topic/1990");
    let folder_mtime = std::fs::metadata(&folder).unwrap().modified().unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    // Overwrite the bytes in place (no truncation, no rename): same size.
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.write_all(b"The Dorad Forum met in 1990.\n").unwrap();
    // Back to the same second, another nanosecond.
    let since = before.duration_since(UNIX_EPOCH).unwrap();
    let nanos = (since.subsec_nanos() + 1) % 1_000_000_000;
    f.set_modified(UNIX_EPOCH + Duration::new(since.as_secs(), nanos)).unwrap();
    drop(f);
    assert_eq!(std::fs::metadata(&folder).unwrap().modified().unwrap(), folder_mtime, "the folder looks unchanged");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 29);
    assert_eq!(hits("Dorad"), 1, "the edit was not seen");
    assert_eq!(hits("Cetus"), 0, "the old text is still found");
}
