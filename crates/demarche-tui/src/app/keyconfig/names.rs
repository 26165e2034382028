//! The names actions and contexts have in `[keys.CONTEXT]` of the config
//! file. They are written out here, not derived from the Rust names, so
//! renaming a variant never breaks a user's config: these strings are a
//! promise to every config file written so far (docs/CONFIG.md lists them).

use std::sync::LazyLock;

use super::super::action::Action;
use super::super::editor::Edit;
use super::super::keymap::Context;
use crate::app::Motion;
use demarche_core::export::DeckFormat;

/// Every action a key can be bound to, with its name: the variant in
/// snake case, any argument after an underscore (`select_topic_0`,
/// `shift_as_of_-1`), as the names were first derived.
pub static ACTIONS: LazyLock<Vec<(&'static str, Action)>> = LazyLock::new(|| {
    vec![
        ("activate", Action::Activate),
        ("back", Action::Back),
        ("capture", Action::Capture),
        ("clear_as_of", Action::ClearAsOf),
        ("copy_selection", Action::CopySelection),
        ("cycle_pair", Action::CyclePair),
        ("deck_add_heading", Action::DeckAddHeading),
        ("deck_edit", Action::DeckEdit),
        ("deck_move_-1", Action::DeckMove(-1)),
        ("deck_move_1", Action::DeckMove(1)),
        ("deck_remove", Action::DeckRemove),
        ("delete_digit", Action::DeleteDigit),
        ("digit_0", Action::Digit(0)),
        ("digit_1", Action::Digit(1)),
        ("digit_2", Action::Digit(2)),
        ("digit_3", Action::Digit(3)),
        ("digit_4", Action::Digit(4)),
        ("digit_5", Action::Digit(5)),
        ("digit_6", Action::Digit(6)),
        ("digit_7", Action::Digit(7)),
        ("digit_8", Action::Digit(8)),
        ("digit_9", Action::Digit(9)),
        ("down", Action::Down),
        ("edit_backspace", Action::Edit(Edit::Backspace)),
        ("edit_delete", Action::Edit(Edit::Delete)),
        ("edit_down", Action::Edit(Edit::Down)),
        ("edit_end", Action::Edit(Edit::End)),
        ("edit_export_title", Action::EditExportTitle),
        ("edit_home", Action::Edit(Edit::Home)),
        ("edit_left", Action::Edit(Edit::Left)),
        ("edit_newline", Action::Edit(Edit::Newline)),
        ("edit_right", Action::Edit(Edit::Right)),
        ("edit_up", Action::Edit(Edit::Up)),
        ("export_as_html", Action::ExportAs(DeckFormat::Html)),
        ("export_as_markdown", Action::ExportAs(DeckFormat::Markdown)),
        ("export_as_pandoc", Action::ExportAs(DeckFormat::Pandoc)),
        ("export_deck", Action::ExportDeck),
        ("first", Action::First),
        ("focus_timeline", Action::FocusTimeline),
        ("form_field_-1", Action::FormField(-1)),
        ("form_field_1", Action::FormField(1)),
        ("last", Action::Last),
        ("left", Action::Left),
        ("link_back", Action::LinkBack),
        ("next_pane", Action::NextPane),
        ("next_slide", Action::NextSlide),
        ("open_deck", Action::OpenDeck),
        ("open_go_to", Action::OpenGoTo),
        ("open_matrix", Action::OpenMatrix),
        ("open_search", Action::OpenSearch),
        ("open_source", Action::OpenSource),
        ("page_down", Action::PageDown),
        ("page_up", Action::PageUp),
        ("present", Action::Present),
        ("prev_pane", Action::PrevPane),
        ("prev_slide", Action::PrevSlide),
        ("quit", Action::Quit),
        ("reader_move_down", Action::ReaderMove(Motion::Down)),
        ("reader_move_left", Action::ReaderMove(Motion::Left)),
        ("reader_move_page_down", Action::ReaderMove(Motion::PageDown)),
        ("reader_move_page_up", Action::ReaderMove(Motion::PageUp)),
        ("reader_move_right", Action::ReaderMove(Motion::Right)),
        (
            "reader_move_sentence_next",
            Action::ReaderMove(Motion::SentenceNext),
        ),
        (
            "reader_move_sentence_prev",
            Action::ReaderMove(Motion::SentencePrev),
        ),
        ("reader_move_up", Action::ReaderMove(Motion::Up)),
        ("reader_move_word_next", Action::ReaderMove(Motion::WordNext)),
        ("reader_move_word_prev", Action::ReaderMove(Motion::WordPrev)),
        ("reader_select", Action::ReaderSelect),
        ("reader_step_-1", Action::ReaderStep(-1)),
        ("reader_step_1", Action::ReaderStep(1)),
        ("reload", Action::Reload),
        ("right", Action::Right),
        ("scroll_notes_-1", Action::ScrollNotes(-1)),
        ("scroll_notes_1", Action::ScrollNotes(1)),
        ("search_backspace", Action::SearchBackspace),
        ("search_clear_line", Action::SearchClearLine),
        ("search_focus_list", Action::SearchFocusList),
        ("search_focus_query", Action::SearchFocusQuery),
        ("search_mark", Action::SearchMark),
        ("search_mark_all", Action::SearchMarkAll),
        ("search_pin", Action::SearchPin),
        ("select_topic_0", Action::SelectTopic(0)),
        ("select_topic_1", Action::SelectTopic(1)),
        ("select_topic_2", Action::SelectTopic(2)),
        ("select_topic_3", Action::SelectTopic(3)),
        ("select_topic_4", Action::SelectTopic(4)),
        ("select_topic_5", Action::SelectTopic(5)),
        ("select_topic_6", Action::SelectTopic(6)),
        ("select_topic_7", Action::SelectTopic(7)),
        ("select_topic_8", Action::SelectTopic(8)),
        ("set_as_of_here", Action::SetAsOfHere),
        ("shift_as_of_-1", Action::ShiftAsOf(-1)),
        ("shift_as_of_1", Action::ShiftAsOf(1)),
        ("show_changes", Action::ShowChanges),
        ("suspend", Action::Suspend),
        ("toggle_backstage", Action::ToggleBackstage),
        ("toggle_blank", Action::ToggleBlank),
        ("toggle_clock", Action::ToggleClock),
        ("toggle_compare", Action::ToggleCompare),
        ("toggle_export_notes", Action::ToggleExportNotes),
        ("toggle_help", Action::ToggleHelp),
        ("toggle_index", Action::ToggleIndex),
        ("toggle_notes", Action::ToggleNotes),
        ("toggle_observers", Action::ToggleObservers),
        ("toggle_pin", Action::TogglePin),
        ("undo", Action::Undo),
        ("up", Action::Up),
    ]
});

/// The config name of `action`, if a key can be bound to it.
pub fn of_action(action: &Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| a == action).map(|(name, _)| *name)
}

/// The action named `name` in the config file.
pub fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

/// The config name of `context` (a match, so a new context cannot go
/// without one).
pub fn of_context(context: Context) -> &'static str {
    match context {
        Context::Always => "always",
        Context::Backstage => "backstage",
        Context::Blank => "blank",
        Context::Browse => "browse",
        Context::Capture => "capture",
        Context::Changes => "changes",
        Context::Console => "console",
        Context::Deck => "deck",
        Context::Detail => "detail",
        Context::Editor => "editor",
        Context::Export => "export",
        Context::Global => "global",
        Context::GoTo => "goto",
        Context::Help => "help",
        Context::Index => "index",
        Context::Matrix => "matrix",
        Context::Present => "present",
        Context::Reader => "reader",
        Context::Results => "results",
        Context::Search => "search",
        Context::Timeline => "timeline",
    }
}
