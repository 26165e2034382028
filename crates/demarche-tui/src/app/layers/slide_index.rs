//! The slide index (`i` while presenting): every slide, the current one
//! marked; Enter shows the selected one, a digit types a slide number.

use super::{Component, GoTo, Handled, is_raw_input};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effects, PAGE};

/// The index, with its selected slide.
#[derive(Debug)]
pub struct SlideIndex {
    pub selected: usize,
}

impl Component for SlideIndex {
    fn context(&self) -> Context {
        Context::Index
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let last = app.deck.current.len().saturating_sub(1);
        let Some(SlideIndex { selected }) = app.layers.get_mut::<SlideIndex>() else {
            return Handled::Ignored(action);
        };
        match action {
            Action::Up | Action::ScrollUp(_) => *selected = selected.saturating_sub(1),
            Action::Down | Action::ScrollDown(_) => *selected = (*selected + 1).min(last),
            Action::PageUp => *selected = selected.saturating_sub(PAGE * 2),
            Action::PageDown => *selected = (*selected + PAGE * 2).min(last),
            Action::First => *selected = 0,

            Action::Last => *selected = last,
            Action::Activate => {
                let slide = *selected;
                app.layers.close::<SlideIndex>();
                app.show_slide(slide);
            }
            Action::Digit(d) => app.layers.push(GoTo::typed(d)),
            Action::Back | Action::ToggleIndex => app.layers.close::<SlideIndex>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(Effects::none())
    }
}
