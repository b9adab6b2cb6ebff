//! Running the real binary in a scratch folder.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Fires count-list on line 3 (three, but four names).
pub const BAD: &str = "# Review\n\nThree States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.\n";
/// The same sentence with a list that agrees.
pub const GOOD: &str = "# Review\n\nThree States Parties – Chile, Peru and Ecuador – reported.\n";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn tally(dir: &Path, args: &[&str]) -> Run {
    tally_with(dir, args, None, &[])
}

pub fn tally_with(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tally"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("tally runs");
    if let Some(s) = stdin {
        // tally may exit before reading its input (a usage error): a closed pipe here is
        // the test's expected outcome, not a failure of the harness.
        if let Err(e) = child.stdin.take().unwrap().write_all(s.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A scratch folder that is its own repository root (so no config above it is found).
pub fn repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join(".git")).unwrap();
    d
}

pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}
