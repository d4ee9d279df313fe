//! When to run the freshness check. Statting every sheet (the CLI's check) costs about
//! 200 ms on 20,000 sheets, too much to pay before every keystroke's search. On Linux,
//! inotify watches every folder of the corpus: a request runs the full check only when
//! an event arrived since the last one (the request itself drains the queue, so an edit
//! made before the request is never missed). Where inotify is unavailable or runs out of
//! watches, every request runs the full check.

use std::path::{Path, PathBuf};

/// Decides whether the corpus may have changed since the last check.
pub(super) struct Watcher {
    root: PathBuf,
    #[cfg(target_os = "linux")]
    inotify: Option<inotify::Inotify>,
}

impl Watcher {
    /// Watches every folder under `root`; falls back to "always changed" on failure.
    pub(super) fn new(root: &Path) -> Watcher {
        #[cfg(target_os = "linux")]
        {
            let mut w = Watcher { root: root.to_path_buf(), inotify: inotify::Inotify::init().ok() };
            w.rewatch();
            w
        }
        #[cfg(not(target_os = "linux"))]
        Watcher { root: root.to_path_buf() }
    }

    /// Whether notifications are in force (else every request runs the full check).
    pub(super) fn active(&self) -> bool {
        #[cfg(target_os = "linux")]
        return self.inotify.is_some();
        #[cfg(not(target_os = "linux"))]
        false
    }

    /// Whether anything under the corpus changed since the last call (drains the queue).
    /// `true` when unsure.
    pub(super) fn changed(&mut self) -> bool {
        #[cfg(target_os = "linux")]
        if let Some(ino) = &mut self.inotify {
            let mut buf = [0u8; 16384];
            let mut any = false;
            loop {
                match ino.read_events(&mut buf) {
                    Ok(events) => {
                        let mut n = 0;
                        for _ in events {
                            n += 1;
                        }
                        any |= n > 0;
                        if n == 0 {
                            return any;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return any,
                    Err(_) => {
                        self.inotify = None;
                        return true;
                    }
                }
            }
        }
        let _ = &self.root;
        true
    }

    /// (Re)adds a watch on every folder (after a change: new folders get one).
    pub(super) fn rewatch(&mut self) {
        #[cfg(target_os = "linux")]
        if let Some(ino) = &mut self.inotify {
            use inotify::WatchMask;
            let mask = WatchMask::MODIFY
                | WatchMask::CLOSE_WRITE
                | WatchMask::ATTRIB
                | WatchMask::CREATE
                | WatchMask::DELETE
                | WatchMask::DELETE_SELF
                | WatchMask::MOVE_SELF
                | WatchMask::MOVED_FROM
                | WatchMask::MOVED_TO;
            let mut stack = vec![self.root.clone()];
            let mut seen = 0usize;
            while let Some(dir) = stack.pop() {
                seen += 1;
                // A runaway tree (symlink loops) or a full watch table: give up on
                // notifications and check on every request instead.
                if seen > 100_000 || ino.watches().add(&dir, mask).is_err() {
                    self.inotify = None;
                    return;
                }
                let Ok(entries) = std::fs::read_dir(&dir) else { continue };
                for e in entries.flatten() {
                    let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false)
                        || (e.file_type().map(|t| t.is_symlink()).unwrap_or(false) && e.path().is_dir());
                    if is_dir && !e.file_name().to_string_lossy().starts_with('.') {
                        stack.push(e.path());
                    }
                }
            }
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn edits_creations_and_removals_are_noticed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/x.txt"), "one").unwrap();
        let mut w = Watcher::new(dir.path());
        assert!(w.active());
        assert!(!w.changed(), "nothing happened yet");
        std::fs::write(dir.path().join("a/x.txt"), "two").unwrap();
        assert!(w.changed(), "an edit in a subfolder");
        assert!(!w.changed(), "drained");
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        assert!(w.changed(), "a new folder");
        w.rewatch();
        std::fs::write(dir.path().join("b/y.txt"), "new").unwrap();
        assert!(w.changed(), "a sheet in the new folder");
        std::fs::remove_file(dir.path().join("a/x.txt")).unwrap();
        assert!(w.changed(), "a removal");
    }
}
