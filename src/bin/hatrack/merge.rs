//! `hatrack merge BASE OURS THEIRS`: git's merge driver for workspace files (`%O %A %B`).
//!
//! Git hands the driver three files and expects the result in OURS and an exit status of 0
//! when the merge succeeded. The merge always succeeds for valid workspaces: clashes are
//! decided as the app decides them and listed on stderr, never left as conflict markers
//! (which would make the file invalid JSON). Only an input that is not a valid workspace makes
//! it fail, and then OURS is left as it was, for git to report as a conflict.

use hatrack::domain::merge3::merge3;
use hatrack::domain::Workspace;

use crate::files::{parse, read_text, read_workspace, write_atomic};
use crate::Failure;

pub fn run(base: &str, ours: &str, theirs: &str) -> Result<(), Failure> {
    // Git gives an empty ancestor when both branches added the file.
    let base_text = read_text(base)?;
    let base_ws = if base_text.trim().is_empty() {
        Workspace::default()
    } else {
        parse(base, &base_text)?
    };
    let ours_ws = read_workspace(ours)?;
    let theirs_ws = read_workspace(theirs)?;
    let merged = merge3(&base_ws, &ours_ws, &theirs_ws);
    let text = merged.workspace.to_canonical_json();
    // The merge combines valid records field by field; a reference can still come out dangling
    // if a hand edit removed a record that the other side started to use. Better a conflict git
    // reports than an invalid file.
    if let Err(f) = parse("the merged workspace", &text) {
        return Err(Failure::input(format!(
            "{}\nhatrack merge: {ours} is left as it was.",
            f.message
        )));
    }
    write_atomic(ours, &text)?;
    for clash in &merged.clashes {
        eprintln!("hatrack merge: {}", clash.sentence());
    }
    Ok(())
}
