//! The app's one "as of" date, which the explorer's standings, the
//! timeline and the matrix all read, and the "since" date whose changes
//! they mark.

use super::App;
use demarche_core::asof::Standing;
use demarche_core::date::Date;

/// The dates every view shares.
#[derive(Debug, Default)]
pub struct Dates {
    /// Positions after this date are dimmed, earlier ones superseded.
    pub as_of: Option<Date>,
    /// Changes after this date are marked (`w`; in the matrix too).
    pub since: Option<Date>,
}

impl App {
    /// How a position stands at the "as of" date, when one is set (the
    /// one rule, `standing`, precomputed per slot: scrubbing stays cheap).
    pub fn standing(&self, p: usize) -> Option<Standing> {
        Some(self.standing_at(p)?.standing)
    }

    /// The standing and whether the dates settle it.
    pub(crate) fn standing_at(&self, p: usize) -> Option<demarche_core::standing::At> {
        let cursor = self.dates.as_of?;
        let member = self.lib.matrix.rules.home(p)?;
        Some(member.at(demarche_core::standing::cursor_day(Some(cursor))))
    }

    /// True if the position was stated after the "as of" date.
    pub(crate) fn is_after_as_of(&self, p: usize) -> bool {
        self.standing(p) == Some(Standing::Later)
    }

    /// Sets (or clears) the "as of" cursor; the matrix follows.
    pub(crate) fn set_as_of(&mut self, cursor: Option<Date>) {
        self.dates.as_of = cursor;
        self.refresh_matrix();
    }
}
