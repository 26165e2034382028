//! The work an action asks for outside the reducer (I/O, threads, the
//! terminal), as values: a handler returns its `Effects` with what it
//! did (`Handled::Consumed`), `App::apply` records them, and the event
//! loop carries them out and feeds the outcome back as actions. So the
//! app can be driven and tested without any of that work happening.

/// One piece of work for the event loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write the deck to its file (atomically).
    SaveDeck,
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Export the deck in this format beside the deck file.
    Export(demarche_core::export::DeckFormat),
    /// Run query number `generation` on the search worker.
    Search(u64, String),
    /// Read the data file again.
    Reload,
    /// Send a command to the audience window (console side).
    Remote(crate::remote::Command),
    /// Read the text of source number `n` (for the reader).
    ReadSource(usize),
    /// Give the terminal back and stop until continued (Ctrl-Z).
    Suspend,
    /// Console side: read the deck file again (the room holds another).
    ReadDeck,
    /// Remember for this deck whether exports include the user's notes.
    RememberExport(bool),
    /// Write a captured position to the data file (through `edit`).
    AddPosition(demarche_core::edit::Entry),
}

/// The effects one action asks for, in the order they are to be carried
/// out. Must be used: effects dropped on the way up would be work that
/// silently never happens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Effects(Vec<Effect>);

impl Effects {
    /// No work outside the reducer.
    pub fn none() -> Effects {
        Effects(Vec::new())
    }

    pub fn one(effect: Effect) -> Effects {
        Effects(vec![effect])
    }

    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    /// Appends `more`, after what is already asked for.
    pub fn extend(&mut self, more: Effects) {
        self.0.extend(more.0);
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
