//! `hatrack validate FILE...`: every FORMAT.md rule, for CI and pre-commit hooks.

use crate::files::read_workspace;
use crate::Failure;

/// Checks every file (not stopping at the first bad one); fails if any is not valid.
pub fn run(files: &[&str]) -> Result<(), Failure> {
    let mut problems: Vec<String> = vec![];
    for file in files {
        match read_workspace(file) {
            Ok(_) => println!("{file}: valid"),
            Err(f) => problems.push(f.message),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::input(problems.join("\n")))
    }
}
