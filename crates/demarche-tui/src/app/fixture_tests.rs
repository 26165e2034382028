//! What the app's unit tests share: the explorer fixture with a deck of
//! positions pinned by id.

use super::App;
use demarche_core::deck::{Deck, Target};

/// The explorer fixture's data, with `ids` pinned in order.
pub(crate) fn with_positions(ids: &[&str]) -> App {
    let data = demarche_core::load::load_str(
        "explorer.toml",
        include_str!("../../../../tests/fixtures/explorer.toml"),
    )
    .unwrap()
    .dataset;
    let mut deck = Deck::default();
    for id in ids {
        deck.pin(Target::Position((*id).into()));
    }
    App::new(data).with_deck(deck)
}
