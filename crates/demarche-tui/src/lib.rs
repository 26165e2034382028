//! demarche-tui: the terminal front end. Data flows one way: a key ->
//! `app::Action` -> `App::apply` (pure) -> effects carried out by `tui`
//! -> `ui::draw` (pure). `remote` is the two-screen link's transport;
//! `theme` the colours; `output` the scripting commands' text and JSON.
//!
//! Nothing prints directly: the explorer draws sanitised text.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod app;
pub mod output;
pub mod remote;
pub mod theme;
pub mod tui;
pub mod ui;
