//! The capture form: a selection in the reader becomes a position. The
//! stance comes first and empty; the quote is the selected characters;
//! the actor and topic are those of the position the reader came from;
//! the date is the source's; the evidence is `quote` inside quotation
//! marks, else `characterization`, and `reported_by` the source's author
//! where that author is an observer. Actor, topic, evidence and reporter
//! are fuzzy pick-lists (`pick`).
//!
//! Enter sends the entry to the event loop (`Effect::AddPosition`),
//! which writes it through `edit`; the answer comes back as
//! `Action::Captured`, and the file watch's reload shows the position. Esc keeps the form as a draft of its source, which
//! `c` reopens: nothing typed is lost.

mod pick;

use std::collections::HashSet;

pub use pick::Pick;

use super::editor::{Edit, Editor};
use super::layers::{Component, Handled};
use super::reader::inside_quotes;
use super::{Action, App, Context, Effect, Effects, Reader, ReaderDoc};
use demarche_core::edit::{Entry, Field, Kind};
use demarche_core::model::{Dataset, Evidence};

/// One field of the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Text(Editor),
    Pick(Pick),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    /// The position key it fills.
    pub key: &'static str,
    pub input: Input,
}

impl FormField {
    /// The value as it will be written ("" for none).
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(editor) => editor.text().trim().to_string(),
            Input::Pick(pick) => pick.chosen_id().unwrap_or_default().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaptureForm {
    pub source: usize,
    pub source_id: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Why the last save was refused, in full.
    pub error: Option<String>,
    /// Sent to be written; waiting for the answer.
    pub saving: bool,
}

impl CaptureForm {
    /// The form for `quote` from `from`..`to` of source `source`, with the
    /// defaults the reader's position and the text give.
    fn new(data: &Dataset, source: usize, position: Option<usize>, quote: String, inside: bool) -> Self {
        let came_from = position.map(|p| &data.positions[p]);
        let src = &data.sources[source];
        let author = src
            .author
            .as_deref()
            .and_then(|a| demarche_core::load::observer_named(data, a));
        let actor = came_from.map(|p| p.actor);
        let evidence = if inside {
            Evidence::Quote
        } else {
            Evidence::Characterization
        };
        // An analyst's own words are not reported by the analyst.
        let reporter = author.filter(|&o| actor != Some(o));
        let text = |key, value: &str| FormField {
            key,
            input: Input::Text(Editor::new(value, true)),
        };
        let pick = |key, pick: Pick| FormField {
            key,
            input: Input::Pick(pick),
        };
        let actors = |ids: Vec<usize>| {
            ids.into_iter()
                .map(|a| (data.actors[a].id.clone(), data.actors[a].name.clone()))
                .collect()
        };
        let all_actors: Vec<usize> = (0..data.actors.len()).collect();
        let topics = data
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        let kinds = Evidence::ALL
            .iter()
            .map(|e| (e.word().to_string(), e.word().to_string()))
            .collect();
        let mut reporters: Vec<(String, String)> = vec![(String::new(), "(none)".into())];
        reporters.extend(actors(data.observers()));
        let reporter_at =
            reporter.and_then(|o| reporters.iter().position(|(id, _)| *id == data.actors[o].id));
        CaptureForm {
            source,
            source_id: src.id.clone(),
            fields: vec![
                text("stance", ""),
                text("quote", &quote),
                pick("actor", Pick::new(actors(all_actors), actor)),
                pick("topic", Pick::new(topics, came_from.map(|p| p.topic))),
                text("date", &src.date.map(|d| d.iso()).unwrap_or_default()),
                pick(
                    "evidence",
                    Pick::new(kinds, Evidence::ALL.iter().position(|&e| e == evidence)),
                ),
                pick("reported_by", Pick::new(reporters, reporter_at.or(Some(0)))),
                text("speaker", ""),
            ],
            focus: 0,
            error: None,
            saving: false,
        }
    }

    /// The `demarche add position` command that adds what the form holds
    /// (for a form left unsaved when the explorer ends), quoted for a
    /// POSIX shell.
    pub(crate) fn command_line(&self, data: &str) -> String {
        let mut words = vec![
            "demarche".to_string(),
            "--data".into(),
            shell_quote(data),
            "add".into(),
            "position".into(),
            "--source".into(),
            shell_quote(&self.source_id),
        ];
        for field in &self.fields {
            let value = field.value();
            if !value.is_empty() {
                // Form keys are position keys; flags spell `_` as `-`.
                words.push(format!("--{}", field.key.replace('_', "-")));
                words.push(shell_quote(&value));
            }
        }
        words.join(" ")
    }

    pub fn field(&self, key: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn set_quote(&mut self, quote: String, evidence: Evidence) {
        for field in &mut self.fields {
            match (&mut field.input, field.key) {
                (Input::Text(editor), "quote") => *editor = Editor::new(&quote, true),
                (Input::Pick(pick), "evidence") => pick.choose_id(evidence.word()),
                _ => {}
            }
        }
    }

    /// The entry to write, or what is missing.
    pub fn entry(&self, data: &Dataset) -> Result<Entry, String> {
        let get = |key: &str| self.field(key).map(FormField::value).unwrap_or_default();
        let missing: Vec<&str> = ["stance", "actor", "topic", "date"]
            .into_iter()
            .filter(|k| get(k).is_empty())
            .collect();
        if !missing.is_empty() {
            return Err(format!("fill in: {}", missing.join(", ")));
        }
        let taken: HashSet<&str> = data.positions.iter().map(|p| p.id.as_str()).collect();
        let id = demarche_core::edit::position_id(&get("actor"), &get("date"), &get("stance"), &taken);
        let text = |entry: Entry, key: &str| {
            let value = get(key);
            entry.text(key, Some(value.as_str()))
        };
        let mut entry = Entry::new(Kind::Positions).text("id", Some(&id));
        entry = text(text(entry, "actor"), "topic");
        entry = entry.field("date", Field::Date(get("date")));
        entry = text(entry, "stance").text("source", Some(&self.source_id));
        for key in ["quote", "speaker", "evidence", "reported_by"] {
            entry = text(entry, key);
        }
        Ok(entry)
    }

    fn apply(&mut self, action: Action) {
        let count = self.fields.len();
        let field = &mut self.fields[self.focus];
        match (action, &mut field.input) {
            (Action::FormField(by), _) => {
                self.focus = (self.focus as isize + by).rem_euclid(count as isize) as usize;
            }
            (Action::Edit(edit), Input::Text(editor)) => editor.apply(edit),
            (Action::Paste(text), Input::Text(editor)) => editor.apply(Edit::Paste(text)),
            (Action::Edit(edit), Input::Pick(pick)) => pick.edit(edit),
            (Action::Up, Input::Pick(pick)) => pick.step(-1),
            (Action::Down, Input::Pick(pick)) => pick.step(1),
            _ => {}
        }
    }
}

/// `text` as one word for a POSIX shell: bare when it is plain, else in
/// single quotes (a quote inside as `'\''`).
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | ','));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

impl Component for CaptureForm {
    fn context(&self) -> Context {
        Context::Capture
    }

    fn handle(app: &mut App, action: Action) -> Handled {
        app.capture_action(action)
    }
}

impl App {
    /// Capture forms not saved: the one open, then the drafts.
    pub fn unsaved_captures(&self) -> impl Iterator<Item = &CaptureForm> {
        let open = self.layers.get::<CaptureForm>();
        open.into_iter().chain(self.session.capture_drafts.values())
    }

    /// `c` in the reader: the selection into a form, or the source's
    /// unsaved form back (with a new selection as its quote).
    pub(super) fn capture(&mut self) {
        let data = &self.lib.data;
        let Some(reader) = self.layers.get::<Reader>() else {
            return;
        };
        let ReaderDoc::Text(doc) = &reader.doc else {
            self.session.message = Some("the source's text is needed to capture from it".into());
            return;
        };
        let selected = reader
            .selected()
            .map(|(a, b)| (doc.quote(a, b), inside_quotes(&doc.lines, a, b)));
        let source_id = data.sources[reader.source].id.clone();
        let kind = |inside| {
            if inside {
                Evidence::Quote
            } else {
                Evidence::Characterization
            }
        };
        let form = match (self.session.capture_drafts.remove(&source_id), selected) {
            (Some(mut draft), Some((quote, inside))) => {
                if draft.field("quote").map(FormField::value) != Some(quote.clone()) {
                    draft.set_quote(quote, kind(inside));
                }
                draft
            }
            (Some(draft), None) => draft,
            (None, Some((quote, _))) if quote.is_empty() => return self.no_selection(),
            (None, Some((quote, inside))) => {
                CaptureForm::new(data, reader.source, reader.position, quote, inside)
            }
            (None, None) => return self.no_selection(),
        };
        self.layers.push(form);
    }

    fn no_selection(&mut self) {
        let key = |a: &Action| super::keymap::key_for(super::Context::Reader, a).unwrap_or_default();
        self.session.message = Some(format!(
            "select the words first: {} starts and ends a selection, then {} captures it",
            key(&Action::ReaderSelect),
            key(&Action::Capture)
        ));
    }

    /// Keys in the form. It takes every key but help's: what is not a
    /// command is the focused field's (and does nothing there if it has
    /// no use for it).
    fn capture_action(&mut self, action: Action) -> Handled {
        let Some(form) = self.layers.get_mut::<CaptureForm>() else {
            return Handled::Ignored(action);
        };
        let mut effects = Effects::none();
        match action {
            // Help opens over the form (from the layers below).
            Action::ToggleHelp => return Handled::Ignored(action),
            Action::Back => {
                if let Some(form) = self.layers.take::<CaptureForm>() {
                    let form = CaptureForm {
                        saving: false,
                        ..form
                    };
                    self.session.capture_drafts.insert(form.source_id.clone(), form);
                    self.session.message = Some(format!(
                        "capture kept: {} reopens it",
                        super::keymap::key_for(super::Context::Reader, &Action::Capture).unwrap_or_default()
                    ));
                }
            }
            Action::Activate if !form.saving => match form.entry(&self.lib.data) {
                Ok(entry) => {
                    form.error = None;
                    form.saving = true;
                    effects = Effects::one(Effect::AddPosition(entry));
                }
                Err(why) => form.error = Some(why),
            },
            other => form.apply(other),
        }
        Handled::Consumed(effects)
    }

    /// The event loop wrote the position (its id) or says why not.
    pub(super) fn captured(&mut self, result: Result<String, String>) {
        match result {
            Ok(id) => {
                if let Some(form) = self.layers.get::<CaptureForm>() {
                    self.session.capture_drafts.remove(&form.source_id);
                }
                self.layers.close::<CaptureForm>();
                self.layers.close::<Reader>();
                self.session.message = Some(format!("added position {id}"));
                // The file watch reloads the change (one reload, not two);
                // the new position is selected when it comes.
                self.session.select_after_reload = Some(id);
            }
            Err(why) => match self.layers.get_mut::<CaptureForm>() {
                Some(form) => {
                    form.saving = false;
                    form.error = Some(demarche_core::text::sanitize::block(&why));
                }
                None => self.session.message = Some(why),
            },
        }
    }
}

#[cfg(test)]
mod tests;
