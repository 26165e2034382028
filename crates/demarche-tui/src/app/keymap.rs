//! The one table that maps keys to actions. The help overlay and the
//! status-line hints are generated from it, so they cannot drift.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane};
use super::editor::Edit;

mod table;
use table::TABLE;

/// Where a binding applies. `Always` works everywhere, even while typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Always,
    Global,
    Browse,
    Detail,
    Timeline,
    Search,
    /// The search overlay's result list: letters are commands there.
    Results,
    Deck,
    Editor,
    Present,
    Console,
    /// A slide number being typed while presenting.
    GoTo,
    /// The presentation's slide index.
    Index,
    /// The presentation blanked: any key brings the slide back.
    Blank,
    /// What the room does not see: notes, messages, data errors.
    Backstage,
    Changes,
    Matrix,
    Export,
    Help,
    Reader,
    /// The capture form over the reader: printable keys are text.
    Capture,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Always | Context::Global => "Anywhere",
            Context::Browse => "Browsing (topics and columns)",
            Context::Detail => "Detail pane",
            Context::Timeline => "Timeline focus",
            Context::Search => "Search",
            Context::Results => "Search result list (after marking, or moving into it)",
            Context::Deck => "Talking-points deck",
            Context::Editor => "Note editor",
            Context::Present => "Presenting",
            Context::Console => "Presenter console",
            Context::GoTo => "Going to a slide by number",
            Context::Index => "Slide index",
            Context::Blank => "Blank screen",
            Context::Backstage => "Backstage (what the room does not see)",
            Context::Changes => "What changed",
            Context::Matrix => "Matrix (every party on every topic)",
            Context::Export => "Export the deck",
            Context::Help => "Help",
            Context::Reader => "Source reader (select and capture)",
            Context::Capture => "Capture form (a new position)",
        }
    }

    /// The contexts whose help comes first when help is opened here:
    /// presenting keys while presenting, and so on.
    pub(crate) fn family(self) -> &'static [Context] {
        use Context::*;
        match self {
            Present | GoTo | Index | Blank | Backstage => &[Present, GoTo, Index, Blank, Backstage],
            Deck | Editor => &[Deck, Editor],
            Search | Results => &[Search, Results],
            Changes => &[Changes],
            Matrix => &[Matrix],
            Console => &[Console],
            Export => &[Export],
            Detail => &[Detail],
            Timeline => &[Timeline],
            Reader | Capture => &[Reader, Capture],
            // The explorer's own help starts with the keys that work anywhere.
            Always | Global | Browse | Help => &[],
        }
    }

    /// Contexts where printable keys are text, not commands.
    fn takes_text(self) -> bool {
        matches!(self, Context::Search | Context::Editor | Context::Capture)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub(crate) const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Shift is part of the character for printable keys (`G`, `?`).
    fn matches(&self, event: &KeyEvent) -> bool {
        let mods = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.mods == mods
    }

    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the status line.
    pub hint: bool,
}

fn build() -> Vec<Binding> {
    TABLE
        .iter()
        .flat_map(|(context, keys, action, help, hint)| {
            keys.iter().map(move |&key| Binding {
                context: *context,
                key,
                action: action.clone(),
                help,
                hint: *hint,
            })
        })
        .collect()
}

/// The built-in bindings, before the user's.
pub fn defaults() -> Vec<Binding> {
    build()
}

static ACTIVE: OnceLock<Vec<Binding>> = OnceLock::new();

/// The keymap in force: the defaults with the user's bindings applied.
pub fn bindings() -> &'static [Binding] {
    ACTIVE.get_or_init(build)
}

/// Puts `bindings` in force (the defaults with the user's applied, by
/// `keyconfig::apply`). Called once at start-up, before the first key is
/// looked up; false if the keymap was already in use.
pub fn install(bindings: Vec<Binding>) -> bool {
    ACTIVE.set(bindings).is_ok()
}

/// The action a key press means in `context`, if any. Printable keys in a
/// text context become input.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let find = |ctx: Context| {
        bindings()
            .iter()
            .find(|b| b.context == ctx && b.key.matches(event))
            .map(|b| b.action.clone())
    };
    if let Some(action) = find(Context::Always).or_else(|| find(context)) {
        return Some(action);
    }
    if context == Context::Blank {
        return Some(Action::ToggleBlank);
    }
    if context.takes_text() {
        let plain = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
        return match event.code {
            KeyCode::Char(c) if plain && context != Context::Search => Some(Action::Edit(Edit::Insert(c))),
            KeyCode::Char(c) if plain => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    let plain = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    match (context, event.code) {
        // A letter with no command in the result list goes back to typing.
        (Context::Results, KeyCode::Char(c)) if plain => return Some(Action::SearchInput(c)),
        (Context::Results, _) => return None,
        _ => {}
    }
    match context {
        Context::Help
        | Context::Present
        | Context::GoTo
        | Context::Index
        | Context::Blank
        | Context::Backstage
        | Context::Console
        | Context::Deck
        | Context::Changes
        | Context::Reader
        | Context::Matrix
        | Context::Export => None,
        Context::Detail | Context::Timeline => find(Context::Global).or_else(|| find(Context::Browse)),
        _ => find(Context::Global),
    }
}

/// Runs of consecutive single characters collapse: `1 2 … 9` reads `1-9`.
fn join_labels(labels: &[String]) -> String {
    let chars: Vec<Option<char>> = labels
        .iter()
        .map(|s| {
            let mut it = s.chars();
            it.next().filter(|_| it.next().is_none())
        })
        .collect();
    let consecutive = chars
        .windows(2)
        .all(|w| matches!(w, [Some(a), Some(b)] if u32::from(*a) + 1 == u32::from(*b)));
    if labels.len() > 2 && consecutive {
        return format!("{}-{}", labels[0], labels[labels.len() - 1]);
    }
    labels.join(" ")
}

/// One line of help: the keys and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub help: &'static str,
}

/// Keys grouped by context and by what they do, in table order.
pub fn help_sections() -> Vec<(&'static str, Vec<HelpLine>)> {
    help_sections_from(Context::Browse)
}

/// Keys grouped as in [`help_sections`], with the sections of `here`'s
/// family (see [`Context::family`]) first.
pub(crate) fn help_sections_from(here: Context) -> Vec<(&'static str, Vec<HelpLine>)> {
    help_sections_in(bindings(), here)
}

/// [`help_sections_from`] over any list of bindings (the defaults with a
/// user's bindings applied, in tests and `demarche keys`).
pub(crate) fn help_sections_in(bindings: &[Binding], here: Context) -> Vec<(&'static str, Vec<HelpLine>)> {
    type Section = (Context, &'static str, Vec<(Vec<String>, &'static str)>);
    let mut sections: Vec<Section> = Vec::new();
    for b in bindings {
        let title = b.context.title();
        if sections.last().is_none_or(|(_, t, _)| *t != title) {
            sections.push((b.context, title, Vec::new()));
        }
        let lines = &mut sections.last_mut().expect("pushed above").2;
        match lines.iter_mut().find(|(_, help)| *help == b.help) {
            Some((labels, _)) => labels.push(b.key.label()),
            None => lines.push((vec![b.key.label()], b.help)),
        }
    }
    // A stable sort: the family's sections first, each group in table order.
    sections.sort_by_key(|(context, _, _)| !here.family().contains(context));
    sections
        .into_iter()
        .map(|(_, t, lines)| {
            let lines = lines
                .into_iter()
                .map(|(labels, help)| HelpLine {
                    keys: join_labels(&labels),
                    help,
                })
                .collect();
            (t, lines)
        })
        .collect()
}

/// The keymap as Markdown, one `### Context` heading and table per section
/// of [`help_sections`]. docs/KEYS.md holds a copy that a test keeps current.
pub fn markdown_table() -> String {
    markdown_table_of(&defaults())
}

/// The Markdown table of any list of bindings.
pub(crate) fn markdown_table_of(bindings: &[Binding]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for (n, (title, lines)) in help_sections_in(bindings, Context::Browse)
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!("### {title}\n\n| Keys | Action |\n|---|---|\n"));
        for line in lines {
            let keys: Vec<String> = line
                .keys
                .split(' ')
                .map(|label| format!("`{}`", cell(label)))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), cell(line.help)));
        }
    }
    out
}

/// Status-line hints for a context: its own hinted keys, then global ones.
pub fn hints(context: Context) -> Vec<HelpLine> {
    let mut contexts = vec![context];
    if matches!(context, Context::Browse | Context::Detail | Context::Timeline) {
        contexts.push(Context::Global);
    }
    let mut out: Vec<HelpLine> = Vec::new();
    for ctx in contexts {
        for b in bindings().iter().filter(|b| b.context == ctx && b.hint) {
            match out.iter_mut().find(|l| l.help == b.help) {
                Some(line) => line.keys = format!("{}/{}", line.keys, b.key.label()),
                None => out.push(HelpLine {
                    keys: b.key.label(),
                    help: b.help,
                }),
            }
        }
    }
    out
}

/// The pane a wheel turn scrolls, used by the mouse path.
pub(crate) fn wheel_action(pane: Pane, down: bool) -> Action {
    if down {
        Action::ScrollDown(pane)
    } else {
        Action::ScrollUp(pane)
    }
}

/// The first key bound to `action` in `context`, for messages that name
/// a key (so they follow the keymap).
pub fn key_for(context: Context, action: &Action) -> Option<String> {
    bindings()
        .iter()
        .find(|b| b.context == context && &b.action == action)
        .map(|b| b.key.label())
}

/// Every key bound to `action` in `context`, as `a/b`; "unbound" when the
/// user took them all away. Messages that name a key use this (or
/// `key_for`), so they can never promise a key that does something else.
pub fn keys_for(context: Context, action: &Action) -> String {
    let labels: Vec<String> = bindings()
        .iter()
        .filter(|b| b.context == context && &b.action == action)
        .map(|b| b.key.label())
        .collect();
    if labels.is_empty() {
        "unbound".to_string()
    } else {
        labels.join("/")
    }
}
