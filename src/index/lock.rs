//! The index directory's lock: an OS file lock held by the process that updates the
//! index; a second process waits a bounded time, then says who holds it.

use std::fs::File;
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

pub(super) fn lock_path(dir: &Path) -> PathBuf {
    dir.join("concord.lock")
}

/// Takes the exclusive lock, waiting at most `wait`.
pub(super) fn acquire_lock(dir: &Path, wait: Duration) -> Result<File> {
    let path = lock_path(dir);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| Error::Write { path: path.clone(), source })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(source)) => return Err(Error::Write { path, source }),
        }
        if start.elapsed() >= wait {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(Error::IndexLocked {
                path: dir.to_path_buf(),
                holder: if holder.is_empty() { "unknown process".into() } else { holder.to_string() },
                waited_secs: start.elapsed().as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Record who holds it, for the message a waiting process prints.
    let _ = file.set_len(0);
    let _ = file.seek(std::io::SeekFrom::Start(0));
    let _ = write!(file, "pid {}", std::process::id());
    let _ = file.flush();
    Ok(file)
}
