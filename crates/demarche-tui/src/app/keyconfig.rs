//! The user's own key bindings: a `[keys]` table in `config.toml`, one
//! sub-table per context, binding keys to the keymap's action names:
//!
//! ```toml
//! [keys.browse]
//! down = ["j", "Down", "Ctrl-n"]
//! [keys.global]
//! open_search = ["/", "Ctrl-f"]
//! ```
//!
//! A user binding replaces that action's default keys in that context, and
//! takes its keys away from any other action there. A bad binding is
//! reported with file:line:col and the defaults are kept for it.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyModifiers};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::action::Action;
use super::keymap::{Binding, Context, Key};
use demarche_core::diagnostic::Diagnostic;

/// One binding the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct UserBinding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// The name an action has in the config file (`open_search`,
/// `select_topic_0`, `shift_as_of_-1`), from the explicit table in
/// `names`; `None` for an action no key can be bound to.
pub fn action_name(action: &Action) -> Option<&'static str> {
    names::of_action(action)
}

/// The name a context has in the config file (`browse`, `present`).
pub fn context_name(context: Context) -> &'static str {
    names::of_context(context)
}

/// Parses a key as the help writes it: `j`, `G`, `Space`, `Enter`, `Esc`,
/// `Tab`, `Backspace`, `Delete`, `Up`, `PgDn`, `F5`, `Ctrl-x`.
pub(crate) fn parse_key(text: &str) -> Option<Key> {
    if let Some(rest) = text.strip_prefix("Ctrl-").or_else(|| text.strip_prefix("C-")) {
        let mut chars = rest.chars();
        let c = chars.next().filter(|_| chars.next().is_none())?;
        return Some(Key::ctrl(c.to_ascii_lowercase()));
    }
    let code = match text.to_ascii_lowercase().as_str() {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        f if f.len() > 1 && f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
        }
        _ => {
            let mut chars = text.chars();
            let c = chars
                .next()
                .filter(|c| !c.is_control() && chars.next().is_none())?;
            KeyCode::Char(c)
        }
    };
    Some(Key {
        code,
        mods: KeyModifiers::NONE,
    })
}

/// Reads the `[keys]` table of a parsed config file against the default
/// bindings (which say which contexts and actions exist). Problems go to
/// `diags`; the bindings that are sound are returned.
pub fn read(root: &DeTable, defaults: &[Binding], diags: &mut Vec<Diagnostic>) -> Vec<UserBinding> {
    let Some(keys) = root.get("keys") else {
        return Vec::new();
    };
    let Some(contexts) = table(keys, "[keys]", diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, actions) in contexts {
        let Some(context) = known_context(name, defaults, diags) else {
            continue;
        };
        let label = format!("[keys.{}]", name.get_ref());
        let Some(actions) = table(actions, &label, diags) else {
            continue;
        };
        for (action_key, value) in actions {
            let Some(action) = known_action(context, action_key, defaults, diags) else {
                continue;
            };
            if let Some(keys) = key_list(value, diags) {
                out.push(UserBinding {
                    context,
                    action,
                    keys,
                });
            }
        }
    }
    out
}

fn table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => {
            let msg = format!("{label} must be a table of context names");
            diags.push(Diagnostic::error(value.span(), msg));
            None
        }
    }
}

fn suggestion(word: &str, known: &[String]) -> String {
    let near = strsim_nearest(word, known);
    let hint = near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"));
    let list = if known.len() <= 12 {
        format!("; known: {}", known.join(", "))
    } else {
        String::new()
    };
    format!("{hint}{list}")
}

fn strsim_nearest<'a>(word: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

fn known_context(
    name: &Spanned<std::borrow::Cow<str>>,
    defaults: &[Binding],
    diags: &mut Vec<Diagnostic>,
) -> Option<Context> {
    let mut contexts: Vec<Context> = Vec::new();
    for b in defaults {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    if let Some(c) = contexts
        .iter()
        .find(|c| context_name(**c) == name.get_ref().as_ref())
    {
        return Some(*c);
    }
    let names: Vec<String> = contexts.iter().map(|c| context_name(*c).to_string()).collect();
    let msg = format!(
        "unknown key context \"{}\"{}",
        name.get_ref(),
        suggestion(name.get_ref(), &names)
    );
    diags.push(Diagnostic::error(name.span(), msg));
    None
}

fn known_action(
    context: Context,
    name: &Spanned<std::borrow::Cow<str>>,
    defaults: &[Binding],
    diags: &mut Vec<Diagnostic>,
) -> Option<Action> {
    let mut names: Vec<String> = Vec::new();
    for b in defaults.iter().filter(|b| b.context == context) {
        let Some(n) = action_name(&b.action) else {
            continue;
        };
        if n == name.get_ref().as_ref() {
            return Some(b.action.clone());
        }
        if !names.iter().any(|known| known == n) {
            names.push(n.to_string());
        }
    }
    let msg = format!(
        "unknown action \"{}\" in [keys.{}]{}",
        name.get_ref(),
        context_name(context),
        suggestion(name.get_ref(), &names)
    );
    diags.push(Diagnostic::error(name.span(), msg));
    None
}

/// A key, or a list of keys; every one must parse, or none is taken.
fn key_list(value: &Spanned<DeValue>, diags: &mut Vec<Diagnostic>) -> Option<Vec<Key>> {
    let items: Vec<(&str, Range<usize>)> = match value.get_ref() {
        DeValue::String(s) => vec![(s.as_ref(), value.span())],
        DeValue::Array(list) => list
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Some((s.as_ref(), item.span())),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .or_else(|| {
                diags.push(Diagnostic::error(
                    value.span(),
                    "a key binding must be a string or a list of strings",
                ));
                None
            })?,
        _ => {
            diags.push(Diagnostic::error(
                value.span(),
                "a key binding must be a string or a list of strings",
            ));
            return None;
        }
    };
    let mut keys = Vec::new();
    for (text, span) in items {
        match parse_key(text) {
            Some(key) => keys.push(key),
            None => {
                let msg = format!(
                    "\"{text}\" is not a key: use a character (j, G, ?), Space, Enter, Esc, Tab, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn, F1-F24, or Ctrl-x"
                );
                diags.push(Diagnostic::error(span, msg));
            }
        }
    }
    (keys.len() == value_len(value) && !keys.is_empty()).then_some(keys)
}

fn value_len(value: &Spanned<DeValue>) -> usize {
    match value.get_ref() {
        DeValue::Array(list) => list.len(),
        _ => 1,
    }
}

/// The default bindings with the user's applied: each user binding
/// replaces its action's keys in its context (in the same place in the
/// help) and takes those keys from other actions of that context.
pub fn apply(defaults: Vec<Binding>, user: &[UserBinding]) -> Vec<Binding> {
    let mut out = defaults;
    for u in user {
        let template = out
            .iter()
            .position(|b| b.context == u.context && b.action == u.action)
            .map(|at| (at, out[at].help, out[at].hint));
        let Some((at, help, hint)) = template else {
            continue;
        };
        let taken = |b: &Binding| b.context == u.context && (b.action == u.action || u.keys.contains(&b.key));
        let before = out[..at].iter().filter(|b| taken(b)).count();
        out.retain(|b| !taken(b));
        let new = u.keys.iter().map(|&key| Binding {
            context: u.context,
            key,
            action: u.action.clone(),
            help,
            hint,
        });
        let at = at - before;
        out.splice(at..at, new);
    }
    out
}

/// Each key a user binding took from another action of its context, in
/// words: which key, from which action, and what that action keeps
/// (`bindings` is the keymap with the user's applied). Said at start-up
/// and by `demarche keys`, so a binding never silently disarms another.
pub fn takeovers(defaults: &[Binding], user: &[UserBinding], bindings: &[Binding]) -> Vec<String> {
    let mut out = Vec::new();
    for u in user {
        for key in &u.keys {
            let Some(lost) = defaults
                .iter()
                .find(|b| b.context == u.context && b.key == *key && b.action != u.action)
            else {
                continue;
            };
            let left: Vec<String> = bindings
                .iter()
                .filter(|b| b.context == u.context && b.action == lost.action)
                .map(|b| b.key.label())
                .collect();
            let keeps = match left.as_slice() {
                [] => "it has no key left".to_string(),
                keys => format!("it keeps {}", keys.join(" ")),
            };
            out.push(format!(
                "[keys.{}] {} = \"{}\" takes {} from {} ({}); {keeps}",
                context_name(u.context),
                action_name(&u.action).unwrap_or("-"),
                key.label(),
                key.label(),
                action_name(&lost.action).unwrap_or("-"),
                lost.help,
            ));
        }
    }
    out
}

/// Every setting `config.toml` has (docs/CONFIG.md): `theme` is read by
/// `theme::choose`, `keys` here.
const SETTINGS: &[&str] = &["theme", "keys"];

/// A top-level key that is no setting (a typo such as `them`) is named,
/// so it is not silently without effect.
fn unknown_settings(root: &DeTable, diags: &mut Vec<Diagnostic>) {
    let known: Vec<String> = SETTINGS.iter().map(|s| s.to_string()).collect();
    for name in root.keys().filter(|k| !SETTINGS.contains(&k.get_ref().as_ref())) {
        let msg = format!(
            "unknown setting \"{}\", ignored{}",
            name.get_ref(),
            suggestion(name.get_ref(), &known)
        );
        diags.push(Diagnostic::error(name.span(), msg));
    }
}

/// The user's bindings from `config.toml` in `config_dir`, and a report
/// of any problem in it (sanitised, at most `diagnostic::MAX_SHOWN`
/// problems, ready for stderr). No file means no bindings; a file that
/// cannot be read (a FIFO, a device, over 1 MiB) is reported at once.
pub fn from_file(config_dir: &std::path::Path) -> (Vec<UserBinding>, Option<String>) {
    let (path, text) = match crate::theme::read_config(config_dir) {
        Ok(Some(found)) => found,
        Ok(None) => return (Vec::new(), None),
        Err(e) => {
            let why = demarche_core::text::sanitize::span(&e.to_string());
            return (Vec::new(), Some(format!("{why}\nthe default keys are kept")));
        }
    };
    let name = path.display().to_string();
    let (root, syntax) = DeTable::parse_recoverable(&text);
    let mut diags: Vec<Diagnostic> = syntax
        .iter()
        .map(|e| {
            Diagnostic::error(
                e.span().unwrap_or(0..0),
                format!("TOML syntax: {}", e.message().trim()),
            )
        })
        .collect();
    let user = if diags.is_empty() {
        unknown_settings(root.get_ref(), &mut diags);
        read(root.get_ref(), &super::keymap::defaults(), &mut diags)
    } else {
        Vec::new()
    };
    // In file order, as the data file's problems are.
    diags.sort_by_key(|d| d.span.start);
    let report = (!diags.is_empty()).then(|| {
        let text = demarche_core::diagnostic::render_capped(&name, &text, &diags);
        let clean: Vec<String> = text.lines().map(demarche_core::text::sanitize::span).collect();
        format!(
            "{}\n{name}: the default keys are kept for these bindings",
            clean.join("\n")
        )
    });
    (user, report)
}

pub mod names;
#[cfg(test)]
mod tests;
