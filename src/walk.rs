//! Which files a run checks: files named on the command line whatever their extension,
//! and the Markdown files under named directories (or what a config's `include` and
//! `exclude` pick), respecting `.gitignore`.

use std::path::{Path, PathBuf};

pub const EXTENSIONS: &[&str] = &["md", "markdown"];

/// A path to check with the name to show for it, or a path that could not be walked.
pub enum Entry {
    File(PathBuf, String),
    Error(String, String),
}

pub fn collect(paths: &[PathBuf]) -> Vec<Entry> {
    collect_with(paths, &mut |p: &Path| has_md_extension(p))
}

pub fn has_md_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// Like [`collect`], with `accept` deciding which files found in directories are checked.
pub fn collect_with(paths: &[PathBuf], accept: &mut dyn FnMut(&Path) -> bool) -> Vec<Entry> {
    let mut out = Vec::new();
    for p in paths {
        let shown = display(p);
        match std::fs::metadata(p) {
            Err(e) => out.push(Entry::Error(shown, crate::engine::io_reason(&e))),
            Ok(m) if m.is_dir() => walk_dir(p, accept, &mut out),
            Ok(_) => out.push(Entry::File(p.clone(), shown)),
        }
    }
    out
}

fn walk_dir(dir: &Path, accept: &mut dyn FnMut(&Path) -> bool, out: &mut Vec<Entry>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let path = e.path();
                if e.depth() == 0 {
                    continue;
                }
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                if is_dir && !has_md_extension(path) {
                    continue;
                }
                if !is_dir && !accept(path) {
                    continue;
                }
                // A directory named `x.md` is not a draft; say so rather than skip it silently.
                if is_dir {
                    out.push(Entry::Error(
                        display(path),
                        "is a directory, not a file".to_string(),
                    ));
                    continue;
                }
                out.push(Entry::File(path.to_path_buf(), display(path)));
            }
            Err(err) => {
                let msg = err.to_string();
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => display(path),
                    ignore::Error::WithDepth { err, .. } => match &**err {
                        ignore::Error::WithPath { path, .. } => display(path),
                        ignore::Error::Loop { child, .. } => display(child),
                        _ => display(dir),
                    },
                    ignore::Error::Loop { child, .. } => display(child),
                    _ => display(dir),
                };
                out.push(Entry::Error(path, msg));
            }
        }
    }
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
