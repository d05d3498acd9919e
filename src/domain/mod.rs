//! The pure core of Hatrack: workspace types and every business rule, with no browser types.
//! Time is always a parameter (`now`), never read from a clock here.

pub mod actions;
pub mod assign;
pub mod away;
pub mod bundle;
pub mod canonical;
pub mod chart;
pub mod choice;
pub mod chunks;
pub mod compact;
pub mod declare;
pub mod defaults;
pub mod duration;
pub mod example;
pub mod exchange;
pub mod handbook;
pub mod heatmap;
pub mod ics;
pub mod incident;
pub mod incident_list;
pub mod load;
pub mod markdown;
pub mod merge;
pub mod merge3;
pub mod model;
pub mod people;
pub mod process;
mod record;
pub mod refusal;
pub mod release;
pub mod replace;
pub mod rest;
pub mod review;
pub mod review_export;
pub mod review_pick;
pub mod roster;
pub mod rota;
pub mod share_link;
pub mod tabs;
pub mod text;
pub mod times;
pub mod validate;
pub mod zones;

pub use model::*;
pub use validate::{ImportError, ImportErrors, ImportKind};
