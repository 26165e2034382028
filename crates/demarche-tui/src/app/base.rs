//! The base view under the layers: the explorer, a presentation or the
//! presenter console. It takes the actions no layer took, and is drawn
//! first. Apart from the layer stack so that the stack knows no view.

use super::console::ConsoleView;
use super::layers::{Component, Handled};
use super::present::Presenter;
use super::{Action, App, Explorer};

/// What the screen shows under the layers. The explorer's state lives
/// on (`App::explorer`) while a presentation is the base.
pub enum Base {
    /// Topics, columns, detail and timeline.
    Explorer,
    /// One slide per deck item, full screen.
    Presenter(Presenter),
    /// The presenter console of a two-screen talk (`demarche console`).
    Console(Box<ConsoleView>),
}

impl App {
    /// The base view as a component: what takes the actions no layer
    /// took, and is drawn first.
    pub fn base_view(&self) -> &dyn Component {
        match &self.base {
            Base::Presenter(presenter) => presenter,
            Base::Console(console) => console.as_ref(),
            Base::Explorer => &self.explorer,
        }
    }

    /// An action no layer took, for the base view.
    pub(super) fn base_action(&mut self, action: Action) -> Handled {
        match &self.base {
            Base::Presenter(_) => Presenter::handle(self, action),
            Base::Console(_) => ConsoleView::handle(self, action),
            Base::Explorer => Explorer::handle(self, action),
        }
    }
}
