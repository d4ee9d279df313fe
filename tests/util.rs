//! Shared helpers: a fresh temporary workspace per test and a command for the built binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A temporary corpus and index for one test.
pub struct Work {
    pub dir: TempDir,
}

impl Work {
    pub fn new() -> Work {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("corpus")).expect("corpus dir");
        Work { dir }
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes a sheet (creating folders) relative to the corpus.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Work {
        let p = self.corpus().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, content).expect("write sheet");
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.corpus().join(rel)).expect("remove sheet");
    }

    /// `concord --corpus <tmp>/corpus --index <tmp>/index ARGS`, run in the temp dir.
    pub fn cmd(&self, args: &[&str]) -> Command {
        concord(self.dir.path(), &self.corpus(), &self.index(), args)
    }
}

/// The built binary with an explicit corpus and index, never touching `index/`.
pub fn concord(cwd: &Path, corpus: &Path, index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_concord"));
    c.current_dir(cwd).env("NO_COLOR", "1").arg("--corpus").arg(corpus).arg("--index").arg(index).args(args);
    c
}

/// The repository's bundled corpus.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Parses JSON Lines output.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
