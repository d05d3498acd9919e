//! Small reusable pieces of UI.

pub mod field;
pub mod keyed;
pub mod later;
pub mod paste_people;
pub mod person_picker;
pub mod share;
pub mod shell;
pub mod toast;
pub mod when;
