//! demarche: explore negotiation positions side by side in the terminal.
//!
//! Data flows one way: TOML -> validated model (`load`, `model`) -> app
//! state (`app`) -> pure render (`ui`).

pub mod app;
pub mod asof;
pub mod attribution;
pub mod cli;
pub mod date;
pub mod deck;
pub mod diagnostic;
pub mod display;
pub mod export;
pub mod grid;
pub mod history;
pub mod load;
pub mod matrix;
pub mod model;
pub mod output;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod synthetic;
pub mod theme;
pub mod timeline;
pub mod tui;
pub mod ui;
pub mod verify;
pub mod width;
