//! The blank layer: the room sees nothing; any key brings the slide
//! back. The one owner of blanking: the room's keys, a console's command
//! and the screen all ask here.

use super::{Component, Handled, Layers};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effects};

/// The presentation blanked.
pub struct Blank;

impl Blank {
    /// True while the room's screen is blanked.
    pub fn is_on(layers: &Layers) -> bool {
        layers.has::<Blank>()
    }

    /// Blanks the room's screen, or brings the slide back.
    pub fn set(layers: &mut Layers, on: bool) {
        if on && !Blank::is_on(layers) {
            layers.push(Blank);
        } else if !on {
            layers.close::<Blank>();
        }
    }
}

impl Component for Blank {
    fn context(&self) -> Context {
        Context::Blank
    }

    /// Whatever comes, the slide comes back: a key meant for the slide
    /// must not act on a screen the presenter cannot see.
    fn handle(app: &mut App, _: Action) -> Handled {
        Blank::set(&mut app.layers, false);
        Handled::Consumed(Effects::none())
    }
}
