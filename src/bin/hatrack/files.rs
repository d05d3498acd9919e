//! Reading workspace files, with every problem named by file and JSON path, and writing them
//! so that a failed write never leaves half a file.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use hatrack::domain::merge::{is_too_large, too_large_message};
use hatrack::domain::Workspace;

use crate::Failure;

/// The file's text, or a sentence naming the file and what is wrong with it.
pub fn read_text(path: &str) -> Result<String, Failure> {
    let bytes = fs::read(path).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::NotFound => "there is no such file".to_string(),
            ErrorKind::PermissionDenied => "permission denied".to_string(),
            ErrorKind::IsADirectory => "it is a directory, not a file".to_string(),
            _ => e.to_string(),
        };
        Failure::input(format!("{path}: cannot read it: {why}."))
    })?;
    if is_too_large(bytes.len()) {
        return Err(Failure::input(format!(
            "{path}: {}",
            too_large_message(bytes.len())
        )));
    }
    String::from_utf8(bytes).map_err(|_| {
        Failure::input(format!(
            "{path}: this is not text (not UTF-8); a Hatrack workspace file is JSON."
        ))
    })
}

/// Reads and validates a workspace file: every problem on its own line as `FILE: path: problem`.
pub fn read_workspace(path: &str) -> Result<Workspace, Failure> {
    parse(path, &read_text(path)?)
}

pub fn parse(path: &str, text: &str) -> Result<Workspace, Failure> {
    Workspace::from_json(text).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("{path}: {e}")).collect();
        Failure::input(lines.join("\n"))
    })
}

/// Replaces the file's contents all at once: written beside it, then renamed over it.
pub fn write_atomic(path: &str, text: &str) -> Result<(), Failure> {
    let target = Path::new(path);
    let mut tmp: PathBuf = target.to_path_buf();
    tmp.set_file_name(format!(
        ".{}.hatrack-{}.tmp",
        target.file_name().and_then(|n| n.to_str()).unwrap_or("workspace"),
        std::process::id()
    ));
    let result = fs::write(&tmp, text).and_then(|()| fs::rename(&tmp, target));
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Failure::input(format!("{path}: cannot write it: {e}."))
    })
}

/// `hatrack canonical FILE`: rewrites a valid workspace file in canonical JSON, e.g. once
/// before putting a hand-made or older export into git.
pub fn canonical(path: &str) -> Result<(), Failure> {
    let text = read_text(path)?;
    let ws = parse(path, &text)?;
    let canonical = ws.to_canonical_json();
    if canonical != text {
        write_atomic(path, &canonical)?;
    }
    Ok(())
}
