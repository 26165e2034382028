//! demarche: explore negotiation positions side by side in the terminal.
//!
//! Data flows one way: TOML -> validated model (`load`, `model`) -> app
//! state (`app`) -> pure render (`ui`).
//!
//! Nothing prints directly: the command line writes through `stream`,
//! which neutralises every byte, and the explorer draws sanitised text.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod annotations;
pub mod app;
pub mod asof;
pub mod atomic;
pub mod attribution;
pub mod cli;
pub mod date;
pub mod deck;
pub mod diagnostic;
pub mod dirs;
pub mod edit;
pub mod export;
pub mod grid;
pub mod history;
pub mod import;
pub mod load;
pub mod matrix;
pub mod model;
pub mod notes;
pub mod output;
pub mod remembered;
pub mod remote;
pub mod safe_read;
pub mod search;
pub mod sources;
pub mod standing;
pub mod stream;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod tui;
pub mod ui;
pub mod verify;
