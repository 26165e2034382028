//! demarche: explore negotiation positions side by side in the terminal.
//!
//! Data flows one way: TOML -> validated model (`load`, `model`) -> app
//! state (`app`) -> pure render (`ui`).

pub mod date;
pub mod diagnostic;
pub mod display;
pub mod load;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod synthetic;
