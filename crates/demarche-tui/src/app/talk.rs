//! What a talk keeps between actions, shared by the room's screen and
//! the console link: the presentation left with Esc (which `P` resumes),
//! the consoles attached, the room rule's memory, and whether slides
//! start with the notes shown.

use super::present::Presenter;
use super::remote::RemoteInfo;
use super::room::Room;

/// The talk's state beyond the slide on screen (that is the base view's).
#[derive(Default)]
pub struct Talk {
    /// The presentation last left (Esc), which `P` resumes.
    pub(super) parked: Option<Presenter>,
    /// A presenter console is attached: notes, the clock, messages and
    /// data errors go to it, and the audience screen shows only the slide.
    pub(super) console_attached: bool,
    /// Whether presentations start with the user's notes shown (`--notes`).
    pub show_notes: bool,
    /// The console link: attached consoles and dropped messages.
    pub(super) remote: RemoteInfo,
    /// The room's screen rule: time, a confirmed leave, discretion.
    pub(super) room: Room,
}

/// What other modules read; the app alone changes it.
impl Talk {
    pub fn console_attached(&self) -> bool {
        self.console_attached
    }

    pub fn remote(&self) -> &RemoteInfo {
        &self.remote
    }
}
