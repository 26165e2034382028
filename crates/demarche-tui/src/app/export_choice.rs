//! The export layer (`x`): one key per format, whether the user's notes
//! go in (a handout for students leaves them out), and the document's
//! title, typed in place. The notes choice is remembered per deck (the
//! event loop keeps it, `Effect::RememberExport`); the title is the
//! deck's own, saved in the deck file.

use super::editor::{Edit, Editor};
use super::layers::{Component, Handled, is_raw_input};
use super::{Action, App, Context, Effect, Effects};

/// The export layer's state.
#[derive(Debug, Default)]
pub struct ExportChoice {
    /// The title being typed, while it is.
    pub title: Option<Editor>,
}

impl Component for ExportChoice {
    fn context(&self) -> Context {
        match self.title {
            Some(_) => Context::Editor,
            None => Context::Export,
        }
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        let title = matches!(action, Action::EditExportTitle).then(|| app.export_title());
        let Some(choice) = app.layers.get_mut::<ExportChoice>() else {
            return Handled::Ignored(action);
        };
        if let Some(editor) = choice.title.as_mut() {
            // Typing the title: every key is the title's.
            match action {
                Action::Edit(Edit::Newline) | Action::Back => return Handled::Consumed(app.title_typed()),
                Action::Edit(edit) => editor.apply(edit),
                Action::Paste(text) => editor.apply(Edit::Paste(text)),
                _ => {}
            }
            return Handled::Consumed(Effects::none());
        }
        let mut effects = Effects::none();
        match action {
            Action::ExportAs(format) => {
                app.layers.close::<ExportChoice>();
                effects = Effects::one(Effect::Export(format));
            }
            Action::ToggleExportNotes => {
                app.deck.export_notes = !app.deck.export_notes;
                effects = Effects::one(Effect::RememberExport(app.deck.export_notes));
            }
            Action::EditExportTitle => choice.title = title.map(|t| Editor::new(&t, true)),
            Action::Back => app.layers.close::<ExportChoice>(),
            other if is_raw_input(&other) => {}
            other => return Handled::Ignored(other),
        }
        Handled::Consumed(effects)
    }
}

impl App {
    pub(super) fn open_export(&mut self) {
        self.layers.push(ExportChoice::default());
    }

    /// The title the export will carry: the deck's, else one made from
    /// the data's (as the export itself decides).
    pub(crate) fn export_title(&self) -> String {
        demarche_core::export::document_title(
            &self.lib.text,
            &self.deck.current,
            &demarche_core::export::ExportOptions::default(),
        )
    }

    /// Enter or Esc after typing the title: it becomes the deck's (none
    /// when left empty, so the default comes back), saved as usual.
    fn title_typed(&mut self) -> Effects {
        let Some(editor) = self.layers.get_mut::<ExportChoice>().and_then(|c| c.title.take()) else {
            return Effects::none();
        };
        let typed = editor.text().trim().to_string();
        let emptied = typed.is_empty();
        let title = (!emptied && typed != self.export_title()).then_some(typed);
        if title.is_some() && title.as_deref() != self.deck.current.title()
            || emptied && self.deck.current.title().is_some()
        {
            self.deck.current.set_title(title);
            self.deck.autosave.typed();
            return self.save_deck();
        }
        Effects::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use demarche_core::export::DeckFormat;

    fn app() -> App {
        crate::app::fixture_tests::with_positions(&["north-tariffs-1"])
    }

    #[test]
    fn notes_are_chosen_and_remembered_before_the_format() {
        let mut app = app();
        assert!(
            !app.deck.export_notes,
            "a handout leaves the notes out unless asked"
        );
        app.apply(Action::ExportDeck);
        app.apply(Action::ToggleExportNotes);
        assert!(app.deck.export_notes);
        assert_eq!(app.take_effects(), vec![Effect::RememberExport(true)]);
        assert_eq!(app.context(), Context::Export, "still choosing");
        app.apply(Action::ExportAs(DeckFormat::Html));
        assert_eq!(app.take_effects(), vec![Effect::Export(DeckFormat::Html)]);
        assert!(app.layers.is_empty());
    }

    #[test]
    fn the_choice_returns_its_export_and_queues_nothing_on_the_app() {
        let mut app = app();
        app.apply(Action::ExportDeck);
        let handled = ExportChoice::handle(&mut app, Action::ExportAs(DeckFormat::Html));
        let Handled::Consumed(effects) = handled else {
            panic!("the choice ignored its own key: {handled:?}");
        };
        assert_eq!(effects, Effects::one(Effect::Export(DeckFormat::Html)));
        assert!(app.take_effects().is_empty(), "only `apply` records effects");
        assert!(app.layers.is_empty(), "the choice closed");
    }

    #[test]
    fn the_title_is_typed_in_place_and_becomes_the_deck_s() {
        let mut app = app();
        let default = app.export_title();
        app.apply(Action::ExportDeck);
        app.apply(Action::EditExportTitle);
        assert_eq!(app.context(), Context::Editor, "letters type");
        for _ in 0..default.chars().count() {
            app.apply(Action::Edit(Edit::Backspace));
        }
        for c in "Seminar 3".chars() {
            app.apply(Action::Edit(Edit::Insert(c)));
        }
        app.apply(Action::Edit(Edit::Newline));
        assert_eq!(app.context(), Context::Export, "back to the choice");
        assert_eq!(app.deck.current.title(), Some("Seminar 3"));
        assert_eq!(app.export_title(), "Seminar 3");
        assert!(app.take_effects().contains(&Effect::SaveDeck), "saved as usual");
        // Emptied: the default again.
        app.apply(Action::EditExportTitle);
        for _ in 0.."Seminar 3".len() {
            app.apply(Action::Edit(Edit::Backspace));
        }
        app.apply(Action::Back);
        assert_eq!(app.deck.current.title(), None);
        assert_eq!(app.export_title(), default);
        assert_eq!(
            app.context(),
            Context::Export,
            "Esc ends the typing, not the choice"
        );
    }
}
