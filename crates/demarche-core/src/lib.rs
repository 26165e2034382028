//! demarche-core: everything about negotiation positions that needs no
//! terminal. Data flows one way: TOML -> validated model (`load`,
//! `model`) -> what stands (`standing`, `matrix`, `asof`) -> text
//! (`text`), exports (`export`) and search (`search`). No ratatui or
//! crossterm in its dependency tree (tests/developers.rs checks Cargo.lock).
//!
//! Nothing prints: the command line writes through the terminal gate
//! (`text::gate`), and the explorer draws sanitised text.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod annotations;
pub mod asof;
pub mod atomic;
pub mod attribution;
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
pub mod remembered;
pub mod safe_read;
pub mod search;
pub mod sources;
pub mod standing;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod text;
pub mod timeline;
pub mod verify;
