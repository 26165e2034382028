//! Colour themes from `assets/themes/*.toml` (built in) or the user's
//! config directory, and NO_COLOR, which keeps only bold, reverse and
//! underline so the selection stays visible.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use demarche_core::safe_read::{self, Kind, ReadError};

const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../../assets/themes/default.toml")),
    ("light", include_str!("../../../assets/themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../assets/themes/high-contrast.toml"),
    ),
    ("projector", include_str!("../../../assets/themes/projector.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error(
        "unknown theme \"{0}\": built in are default, light, high-contrast and projector; \
         a name is looked up as NAME.toml in the config's themes folder, and a path must contain a /"
    )]
    Unknown(String),
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(transparent)]
    Read(#[from] ReadError),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    styles: HashMap<String, StyleSpec>,
}

/// Every style the interface uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub matched: Style,
    pub quote: Style,
    pub party_a: Style,
    pub party_b: Style,
    pub observer: Style,
    pub dimmed: Style,
    pub empty: Style,
    pub marker: Style,
    pub cursor: Style,
    pub as_of: Style,
    pub status: Style,
    pub key: Style,
    pub error: Style,
    pub pinned: Style,
}

fn color(name: &Option<String>, theme: &str) -> Result<Option<Color>, String> {
    name.as_deref()
        .map(|n| Color::from_str(n).map_err(|_| format!("theme {theme}: \"{n}\" is not a colour")))
        .transpose()
}

fn to_style(spec: &StyleSpec, theme: &str) -> Result<Style, String> {
    let mut style = Style::default();
    if let Some(fg) = color(&spec.fg, theme)? {
        style = style.fg(fg);
    }
    if let Some(bg) = color(&spec.bg, theme)? {
        style = style.bg(bg);
    }
    let flags = [
        (spec.bold, Modifier::BOLD),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
        (spec.dim, Modifier::DIM),
    ];
    for (on, m) in flags {
        if on {
            style = style.add_modifier(m);
        }
    }
    Ok(style)
}

impl Theme {
    /// Parses a theme file; every style key must be known and present.
    pub fn parse(text: &str, origin: &str) -> Result<Theme, ThemeError> {
        let invalid = |message: String| ThemeError::Invalid {
            path: origin.to_string(),
            message,
        };
        let file: ThemeFile = toml::from_str(text).map_err(|e| invalid(e.message().to_string()))?;
        let get = |key: &str| -> Result<Style, ThemeError> {
            let spec = file
                .styles
                .get(key)
                .ok_or_else(|| invalid(format!("missing style \"{key}\"")))?;
            to_style(spec, &file.name).map_err(invalid)
        };
        Ok(Theme {
            text: get("text")?,
            muted: get("muted")?,
            title: get("title")?,
            heading: get("heading")?,
            border: get("border")?,
            border_focus: get("border_focus")?,
            selected: get("selected")?,
            matched: get("match")?,
            quote: get("quote")?,
            party_a: get("party_a")?,
            party_b: get("party_b")?,
            observer: get("observer")?,
            dimmed: get("dimmed")?,
            empty: get("empty")?,
            marker: get("marker")?,
            cursor: get("cursor")?,
            as_of: get("as_of")?,
            status: get("status")?,
            key: get("key")?,
            error: get("error")?,
            pinned: get("pinned")?,
            name: file.name,
        })
    }

    pub fn built_in(name: &str) -> Option<Theme> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        Theme::parse(text, name).ok()
    }

    /// A theme by `name`: a built-in one, or `NAME.toml` in the config's
    /// themes folder. A name has no `/`, so it cannot lead out of that
    /// folder; anything with a `/` is a path to a theme file (`./mine.toml`),
    /// read through the same guards as every other file.
    pub fn named(name: &str, config_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        if name.contains('/') {
            return Theme::from_file(Path::new(name));
        }
        if let Some(theme) = Theme::built_in(name) {
            return Ok(theme);
        }
        let path = config_dir.map(|d| d.join("themes").join(format!("{name}.toml")));
        match path {
            Some(path) if !name.is_empty() && !name.contains('\\') && path.symlink_metadata().is_ok() => {
                Theme::from_file(&path)
            }
            _ => Err(ThemeError::Unknown(name.to_string())),
        }
    }

    /// A theme file, read as `Kind::Theme` (regular files, 1 MiB at most).
    fn from_file(path: &Path) -> Result<Theme, ThemeError> {
        let origin = path.display().to_string();
        let text = safe_read::read_text_if_exists(path, Kind::Theme)?.ok_or_else(|| ThemeError::Invalid {
            path: origin.clone(),
            message: "no such theme file".into(),
        })?;
        Theme::parse(&text, &origin)
    }

    /// Colours removed; reverse, bold and underline carry the meaning.
    pub fn without_color(&self) -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        let mut t = self.clone();
        for style in t.styles_mut() {
            *style = strip(*style);
        }
        t.selected = Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        t.matched = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        t.status = Style::default().add_modifier(Modifier::REVERSED);
        t.error = Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        t
    }

    fn styles_mut(&mut self) -> [&mut Style; 21] {
        [
            &mut self.text,
            &mut self.muted,
            &mut self.title,
            &mut self.heading,
            &mut self.border,
            &mut self.border_focus,
            &mut self.selected,
            &mut self.matched,
            &mut self.quote,
            &mut self.party_a,
            &mut self.party_b,
            &mut self.observer,
            &mut self.dimmed,
            &mut self.empty,
            &mut self.marker,
            &mut self.cursor,
            &mut self.as_of,
            &mut self.status,
            &mut self.key,
            &mut self.error,
            &mut self.pinned,
        ]
    }
}

/// `$XDG_CONFIG_HOME/demarche`, or `~/.config/demarche`.
pub fn config_dir() -> Option<PathBuf> {
    Some(demarche_core::dirs::xdg("XDG_CONFIG_HOME", ".config")?.join("demarche"))
}

#[derive(Debug, Default, Deserialize)]
struct Config {
    theme: Option<String>,
}

/// `config.toml` in `config_dir`, if there is one: read as `Kind::Config`
/// (a regular file of 1 MiB at most), so a FIFO or a device planted there
/// is reported at once instead of hanging every command.
pub(crate) fn read_config(config_dir: &Path) -> Result<Option<(PathBuf, String)>, ReadError> {
    let path = config_dir.join("config.toml");
    Ok(safe_read::read_text_if_exists(&path, Kind::Config)?.map(|text| (path, text)))
}

/// The theme to use: `--theme`, else `theme = "..."` in `config.toml`,
/// else the default; NO_COLOR (set and not empty) strips colour.
pub fn choose(flag: Option<&str>, config_dir: Option<&Path>, no_color: bool) -> Result<Theme, ThemeError> {
    let from_config = || -> Result<Option<String>, ThemeError> {
        let Some((path, text)) = config_dir.map(read_config).transpose()?.flatten() else {
            return Ok(None);
        };
        let config: Config = toml::from_str(&text).map_err(|e| ThemeError::Invalid {
            path: path.display().to_string(),
            message: e.message().to_string(),
        })?;
        Ok(config.theme)
    };
    let name = match flag {
        Some(name) => name.to_string(),
        None => from_config()?.unwrap_or_else(|| "default".to_string()),
    };
    let theme = Theme::named(&name, config_dir)?;
    Ok(if no_color { theme.without_color() } else { theme })
}

/// NO_COLOR counts when it is set to anything but the empty string.
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_themes_parse() {
        for (name, _) in BUILT_IN {
            assert!(Theme::built_in(name).is_some(), "{name}");
        }
    }

    /// WCAG relative luminance of an RGB colour.
    fn luminance(c: Color) -> f64 {
        let Color::Rgb(r, g, b) = c else {
            panic!("the projector theme names exact colours, not {c:?}");
        };
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    #[test]
    fn projector_theme_is_high_contrast_everywhere() {
        let mut t = Theme::built_in("projector").unwrap();
        let page = t.text.bg.expect("the projector theme sets its own background");
        for style in t.styles_mut() {
            assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
            let fg = style.fg.expect("every style names its colour");
            let (a, b) = (luminance(fg), luminance(style.bg.unwrap_or(page)));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 7.0, "{style:?}: contrast {ratio:.1}:1");
        }
    }

    #[test]
    fn no_color_keeps_selection_visible() {
        let t = Theme::built_in("light").unwrap().without_color();
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.party_a.fg, None);
        assert_eq!(t.text.bg, None);
    }

    #[test]
    fn config_file_and_user_themes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "theme = \"high-contrast\"\n").unwrap();
        assert_eq!(
            choose(None, Some(dir.path()), false).unwrap().name,
            "high-contrast"
        );
        assert_eq!(
            choose(Some("light"), Some(dir.path()), false).unwrap().name,
            "light"
        );
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        let mine = BUILT_IN[0].1.replace("name = \"default\"", "name = \"mine\"");
        std::fs::write(dir.path().join("themes/mine.toml"), mine).unwrap();
        assert_eq!(
            choose(Some("mine"), Some(dir.path()), false).unwrap().name,
            "mine"
        );
        assert!(matches!(
            choose(Some("nope"), Some(dir.path()), false),
            Err(ThemeError::Unknown(_))
        ));
    }

    #[test]
    fn a_name_stays_in_the_themes_folder_and_a_path_needs_a_slash() {
        let config = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let mine = BUILT_IN[0].1.replace("name = \"default\"", "name = \"mine\"");
        std::fs::write(elsewhere.path().join("x.toml"), &mine).unwrap();
        std::fs::create_dir(config.path().join("themes")).unwrap();
        // `../../x` has a slash: a path, read as such, never a name.
        let relative = elsewhere.path().join("x.toml");
        let found = choose(Some(relative.to_str().unwrap()), Some(config.path()), false);
        assert_eq!(found.unwrap().name, "mine");
        assert!(matches!(
            choose(Some("x"), Some(config.path()), false),
            Err(ThemeError::Unknown(_))
        ));
        let missing = choose(Some("./nope.toml"), Some(config.path()), false).unwrap_err();
        assert!(missing.to_string().contains("no such theme file"), "{missing}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_device_as_a_theme_or_config_is_refused() {
        let config = tempfile::tempdir().unwrap();
        std::fs::create_dir(config.path().join("themes")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", config.path().join("themes/zero.toml")).unwrap();
        let e = choose(Some("zero"), Some(config.path()), false).unwrap_err();
        assert!(
            e.to_string()
                .contains("is a device, not a regular file; theme files"),
            "{e}"
        );
        std::os::unix::fs::symlink("/dev/zero", config.path().join("config.toml")).unwrap();
        let e = choose(None, Some(config.path()), false).unwrap_err();
        assert!(
            e.to_string()
                .contains("is a device, not a regular file; config files"),
            "{e}"
        );
    }
}
