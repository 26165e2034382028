//! One stack of layers over a base view, in the spirit of helix's
//! compositor. Each layer is a type implementing [`Component`]: it names
//! its keymap context, handles an action (or leaves it to the layer
//! below), and draws itself over what is under it. The top layer's
//! context decides the keys and the status-line hints; an action goes to
//! the top layer first and falls through every layer that ignores it,
//! down to the base view ([`Base`]: the explorer, a presentation or the
//! presenter console); the screen draws the base and then every layer
//! from the bottom up.
//!
//! A layer's state lives in the layer, on the stack. While it handles an
//! action it stays there (its handler finds it with
//! `app.layers.get_mut::<Self>()`), so everything else the action sets
//! off (the deck following a change from disk, the matrix following the
//! "as of" date, undo remembering the deck's selection) sees the stack
//! whole.
//!
//! A handler returns the work it asks for outside the reducer with the
//! action (`Handled::Consumed(effects)`, as a helix component returns
//! `EventResult::Consumed(callback)`), and so does every helper it calls
//! that asks for some: effects travel up by return value, and only
//! `App::apply` records them for the event loop.
//!
//! # Adding a layer
//! 1. Write its file (in this folder, or beside the app code it drives):
//!    the state type, and `impl Component` for it: `context` and
//!    `handle`, which returns `Handled::Consumed(effects)` with the work
//!    it asks for outside the reducer (`Effects::none()` for none), or
//!    `Handled::Ignored(action)` for whatever it leaves to the layers
//!    below. Its drawing is `impl Draw` in its `ui` module (`render`). A dialog should take raw input ([`is_raw_input`]:
//!    a click beside it, a wheel turn, a paste) so that it does not reach
//!    the view behind.
//! 2. Register it: a `mod` line below (or in `app/mod.rs`), and push it
//!    where it opens (`app.layers.push(MyLayer { .. })`).
//! 3. If it has keys of its own (rather than an existing context's): a
//!    `keymap::Context` with its rows in the key table, and the way to
//!    reach it in `route_tests::app_in`.
//!
//! Nothing else changes: routing, drawing, the status-line hints and
//! help all read the stack. `app/route_tests.rs` then checks that each
//! key the keymap binds in the new layer's context is taken there, and
//! that raw input stays with it.

mod backstage;
mod blank;
mod changes;
mod go_to;
mod help;
mod slide_index;

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use backstage::Backstage;
pub use blank::Blank;
pub use changes::ChangesView;
pub use go_to::GoTo;
pub use help::HelpView;
pub use slide_index::SlideIndex;

use super::keymap::Context;
use super::{Action, App, Areas, Effects};
use crate::theme::Theme;

/// What a layer (or the base view) did with an action.
#[derive(Debug)]
#[must_use]
pub enum Handled {
    /// Taken: nothing below sees it. With the work it asks for outside
    /// the reducer (saving the deck, a search on the worker, a command
    /// for the room...), which `App::apply` records for the event loop.
    Consumed(Effects),
    /// Not this layer's: it goes on to the layer below.
    Ignored(Action),
}

/// How a layer (or base view) draws itself. Implemented in `ui`, beside
/// the code that draws it, so the app never reaches into the screen.
pub trait Draw {
    /// Draws over what is drawn under it, noting in `areas` what the
    /// mouse needs.
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas);
}

/// One layer of the stack: its keymap context, its handling of actions
/// and (through [`Draw`], in `ui`) its drawing.
pub trait Component: Any + Draw {
    /// The keymap context while this layer is on top.
    fn context(&self) -> Context;

    /// Handles `action` for the topmost layer of this type (which is on
    /// the stack: `app.layers.get_mut::<Self>()`), or gives it back for
    /// the layer below.
    fn handle(app: &mut App, action: Action) -> Handled
    where
        Self: Sized;

    /// True for a layer drawn over the whole screen: what is under it
    /// need not be drawn.
    fn covers_screen(&self) -> bool {
        false
    }
}

/// A handler, as the stack calls it.
type Handler = fn(&mut App, Action) -> Handled;

/// What the stack holds: a component with its handler.
trait Layer: Component {
    fn handler(&self) -> Handler;
}

impl<T: Component> Layer for T {
    fn handler(&self) -> Handler {
        T::handle
    }
}

/// Input that names no command: a click, a wheel turn, pasted text. A
/// dialog takes it even when it has no use for it, so that it reaches
/// neither the view behind the dialog nor a text field under it.
pub fn is_raw_input(action: &Action) -> bool {
    matches!(
        action,
        Action::ClickItem(..)
            | Action::ClickCell { .. }
            | Action::ScrollUp(_)
            | Action::ScrollDown(_)
            | Action::Paste(_)
    )
}

/// The stack, bottom first.
#[derive(Default)]
pub struct Layers(Vec<Box<dyn Layer>>);

impl Layers {
    pub fn push<T: Component>(&mut self, layer: T) {
        self.0.push(Box::new(layer));
    }

    /// The top layer's context, if a layer is open.
    pub fn top_context(&self) -> Option<Context> {
        self.0.last().map(|l| l.context())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Bottom to top: the order they are drawn in.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Component> {
        self.0.iter().map(|l| l.as_ref() as &dyn Component)
    }

    /// The topmost layer of type `T`.
    pub fn get<T: Component>(&self) -> Option<&T> {
        self.0
            .iter()
            .rev()
            .find_map(|l| (l.as_ref() as &dyn Any).downcast_ref::<T>())
    }

    pub fn get_mut<T: Component>(&mut self) -> Option<&mut T> {
        self.0
            .iter_mut()
            .rev()
            .find_map(|l| (l.as_mut() as &mut dyn Any).downcast_mut::<T>())
    }

    /// True if a layer of type `T` is open.
    pub fn has<T: Component>(&self) -> bool {
        self.get::<T>().is_some()
    }

    /// True if the top layer is of type `T`.
    pub fn top_is<T: Component>(&self) -> bool {
        self.0.last().is_some_and(|l| (l.as_ref() as &dyn Any).is::<T>())
    }

    /// Takes the topmost layer of type `T` off the stack.
    pub fn take<T: Component>(&mut self) -> Option<T> {
        let at = self.0.iter().rposition(|l| (l.as_ref() as &dyn Any).is::<T>())?;
        let layer: Box<dyn Any> = self.0.remove(at);
        layer.downcast::<T>().ok().map(|b| *b)
    }

    /// Closes every layer of type `T`, wherever it is in the stack.
    pub fn close<T: Component>(&mut self) {
        self.0.retain(|l| !(l.as_ref() as &dyn Any).is::<T>());
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Hands `action` to the top layer, then down the stack while layers
/// ignore it, then to the base view. The context of whoever took it,
/// with the effects it returned, or `None` if nobody did.
pub(super) fn route(app: &mut App, mut action: Action) -> Option<(Context, Effects)> {
    let mut depth = app.layers.0.len();
    while depth > 0 {
        depth -= 1;
        // A handler that ignored the action left the stack as it was;
        // this guards the index all the same.
        let Some(layer) = app.layers.0.get(depth) else {
            continue;
        };
        let (handler, context) = (layer.handler(), layer.context());
        match handler(app, action) {
            Handled::Consumed(effects) => return Some((context, effects)),
            Handled::Ignored(back) => action = back,
        }
    }
    let context = app.base_view().context();
    match app.base_action(action) {
        Handled::Consumed(effects) => Some((context, effects)),
        Handled::Ignored(_) => None,
    }
}
