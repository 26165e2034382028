//! The detail pane: everything about the selected position, with its
//! "responds to" and "answered by" links, scrolled when long.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{wrap, wrap_plain};
use super::{Areas, pane_block, scrolled};
use crate::app::{App, Focus, Pane};
use crate::theme::Theme;
use demarche_core::date::Precision;
use demarche_core::search::{Field, FieldMatch};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, areas: &mut Areas) {
    let focused = app.explorer.view.focus == Focus::Detail;
    let block = pane_block(" Detail ", area, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    areas.panes.push((Pane::Detail, area));
    let (lines, links) = lines_and_links(app, theme, usize::from(inner.width));
    let most = lines.len().saturating_sub(usize::from(inner.height));
    areas.detail = Some(super::DetailDrawn {
        scroll: app.explorer.view.detail_scroll.min(most),
        height: usize::from(inner.height),
        links,
    });
    scrolled(frame, inner, lines, app.explorer.view.detail_scroll, theme.text);
}

fn label(name: &str, theme: &Theme) -> Line<'static> {
    Line::styled(name.to_string(), theme.heading)
}

fn precision_note(p: Precision) -> &'static str {
    match p {
        Precision::Day => "",
        Precision::Month => " (month given)",
        Precision::Year => " (year given)",
    }
}

/// Every line of the detail for the current selection, and the line
/// where each of its links starts.
pub(crate) fn lines_and_links(app: &App, theme: &Theme, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let Some(p) = app.selected() else {
        return (empty_cell(app, theme, width), Vec::new());
    };
    let stance = app.explorer.highlights.get(&p).map(|indices| FieldMatch {
        field: Field::Stance,
        indices: indices.clone(),
    });
    position_lines_and_links(app, p, stance.as_slice(), theme, width)
}

/// Search highlights of one field, shifted by `by` characters (for text
/// drawn with a prefix, such as a quote's opening mark).
fn marks_of(marks: &[FieldMatch], field: Field, by: usize) -> Vec<usize> {
    let found = marks.iter().find(|m| m.field == field);
    found.map_or_else(Vec::new, |m| m.indices.iter().map(|i| i + by).collect())
}

/// The detail of position `p` with `marks` highlighted: the detail pane
/// and the search preview both draw this.
pub(crate) fn position_lines(
    app: &App,
    p: usize,
    marks: &[FieldMatch],
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    position_lines_and_links(app, p, marks, theme, width).0
}

/// `position_lines`, with the line where each link starts.
fn position_lines_and_links(
    app: &App,
    p: usize,
    marks: &[FieldMatch],
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let data = app.data();
    let text = app.text();
    let position = &data.positions[p];
    let t = &text.positions[p];
    let mut out = Vec::new();
    let actor = &text.actors[position.actor];
    let mark = |field: Field, by: usize| marks_of(marks, field, by);
    out.extend(wrap(
        &actor.name,
        width,
        theme.title,
        &mark(Field::Actor, 0),
        theme.matched,
    ));
    out.extend(wrap(
        &t.stance,
        width,
        theme.text.patch(Style::new().bold()),
        &mark(Field::Stance, 0),
        theme.matched,
    ));
    if let Some(as_of) = app.dates.as_of.filter(|_| app.is_after_as_of(p)) {
        let note = format!(
            "{}: stated after the \"as of\" date, {as_of}",
            demarche_core::attribution::NOT_YET_STATED
        );
        out.extend(wrap_plain(&note, width, theme.dimmed));
    }
    if let Some(quote) = &t.quote {
        out.push(Line::default());
        out.push(label(
            demarche_core::attribution::quote_label(position.evidence),
            theme,
        ));
        let quoted = format!("“{quote}”");
        for line in wrap(
            &quoted,
            width.saturating_sub(2),
            theme.quote,
            &mark(Field::Quote, 1),
            theme.matched,
        ) {
            let mut spans = vec![Span::styled("▌ ", theme.quote)];
            spans.extend(line.spans);
            out.push(Line::from(spans));
        }
    }
    out.push(Line::default());
    evidence_lines(&mut out, app, p, width, theme);
    let speaker = t.speaker.clone().unwrap_or_else(|| "not named".to_string());
    let speaker_marks = if t.speaker.is_some() {
        mark(Field::Speaker, 0)
    } else {
        Vec::new()
    };
    field(&mut out, "Speaker", &speaker, width, theme, &speaker_marks);
    let mut date = if position.date.is_bounded() {
        format!("{} (somewhere between the two)", position.date)
    } else {
        format!("{}{}", position.date, precision_note(position.date.precision()))
    };
    if position.date_reported {
        date.push_str(", reported: the date of the report, not of the act");
    }
    field(&mut out, "Date", &date, width, theme, &[]);
    if let Some(why) =
        demarche_core::history::no_longer_stands(&app.lib.matrix, data, text, p, app.dates.as_of)
    {
        field(&mut out, "No longer stands", &why, width, theme, &[]);
    }
    if !position.also_topics.is_empty() {
        let names: Vec<&str> = position
            .also_topics
            .iter()
            .map(|&t| text.topics[t].name.as_str())
            .collect();
        field(&mut out, "Also on", &names.join("; "), width, theme, &[]);
    }
    if let Some(e) = position.event {
        let when = data.events[e].date;
        let name = format!("{} ({when})", text.events[e].name);
        field(&mut out, "Event", &name, width, theme, &mark(Field::Event, 0));
    }
    source_lines(
        &mut out,
        app,
        position.source,
        width,
        theme,
        &mark(Field::Source, 0),
    );
    if !t.tags.is_empty() {
        // Shown as "#a #b", searched as "a, b": both put two characters
        // between tags, so "#" shifts every index by one.
        let tags: Vec<String> = t.tags.iter().map(|tag| format!("#{tag}")).collect();
        field(
            &mut out,
            "Tags",
            &tags.join(" "),
            width,
            theme,
            &mark(Field::Tags, 1),
        );
    }
    if let Some(notes) = &t.notes {
        out.push(label("Notes", theme));
        out.extend(wrap(
            notes,
            width,
            theme.text,
            &mark(Field::Notes, 0),
            theme.matched,
        ));
    }
    let links = link_lines(&mut out, app, p, width, theme);
    history_lines(&mut out, app, p, width, theme);
    (out, links)
}

/// The party's earlier positions on the topic, oldest first, each with
/// the words that went `[-…-]` and came `{+…+}` since the one before:
/// marks that read without colour.
pub(super) fn history_lines(out: &mut Vec<Line<'static>>, app: &App, p: usize, width: usize, theme: &Theme) {
    let steps = app.lib.histories.of(&app.lib.matrix, app.data(), app.text(), p);
    if steps.len() < 2 {
        return;
    }
    let data = app.data();
    let position = &data.positions[p];
    let who = &app.text().actors[position.actor].short;
    out.push(label(
        &format!("History ({who}, {} positions)", steps.len()),
        theme,
    ));
    for step in steps.iter() {
        let q = &data.positions[step.position];
        let kind = q.evidence.map_or(String::new(), |e| format!(" · {}", e.word()));
        let here = if step.position == p { " (this one)" } else { "" };
        // The next step replaces a step anyway: only a relation is news.
        let by_relation = app
            .lib
            .matrix
            .rules
            .home(step.position)
            .is_some_and(|m| m.ended_by.is_some_and(|e| e.relation.is_some()));
        let ended = demarche_core::history::no_longer_stands(
            &app.lib.matrix,
            data,
            app.text(),
            step.position,
            app.dates.as_of,
        )
        .filter(|_| by_relation)
        .map_or(String::new(), |why| format!(" · {why}"));
        out.extend(wrap_plain(
            &format!("{}{kind}{here}{ended}", q.date),
            width,
            theme.muted,
        ));
        diff_lines(out, "", &step.stance, width, theme);
        if let Some(quote) = &step.quote {
            diff_lines(out, "quote: ", quote, width, theme);
        }
    }
}

/// `pieces` as marked text, the changed runs (with their marks) styled.
fn diff_lines(
    out: &mut Vec<Line<'static>>,
    lead: &str,
    pieces: &[demarche_core::history::Piece],
    width: usize,
    theme: &Theme,
) {
    use demarche_core::history::Piece;
    let mut text = String::from(lead);
    let mut marks = Vec::new();
    for piece in pieces {
        let shown = demarche_core::history::marked(std::slice::from_ref(piece));
        if !matches!(piece, Piece::Same(_)) {
            let at = text.chars().count();
            marks.extend(at..at + shown.chars().count());
        }
        text.push_str(&shown);
    }
    out.extend(wrap(&text, width, theme.text, &marks, theme.matched));
}

/// The kind of evidence, what it means, and who reported it.
fn evidence_lines(out: &mut Vec<Line<'static>>, app: &App, p: usize, width: usize, theme: &Theme) {
    let kind = app.data().positions[p].evidence;
    out.push(label("Evidence", theme));
    let word = kind.map_or(
        demarche_core::attribution::UNSTATED,
        demarche_core::model::Evidence::word,
    );
    let meaning = kind.map_or(
        "the data file does not say whose words these are",
        demarche_core::attribution::meaning,
    );
    for (n, line) in wrap_plain(&format!("{word}: {meaning}"), width, theme.text)
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push(line);
            continue;
        }
        // The kind's word in the badge style, the meaning plain.
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let split = text.find(':').filter(|_| text.starts_with(word)).unwrap_or(0);
        out.push(Line::from(vec![
            Span::styled(text[..split].to_string(), theme.key),
            Span::styled(text[split..].to_string(), theme.text),
        ]));
    }
    if let Some(name) = demarche_core::attribution::reporter_name(app.data(), app.text(), p) {
        field(out, "Reported by", &name, width, theme, &[]);
    }
}

fn field(
    out: &mut Vec<Line<'static>>,
    name: &str,
    value: &str,
    width: usize,
    theme: &Theme,
    marks: &[usize],
) {
    out.push(label(name, theme));
    out.extend(wrap(value, width, theme.text, marks, theme.matched));
}

fn source_lines(
    out: &mut Vec<Line<'static>>,
    app: &App,
    s: usize,
    width: usize,
    theme: &Theme,
    marks: &[usize],
) {
    let source = &app.text().sources[s];
    let date = app.data().sources[s].date.map(|d| d.to_string());
    let facts: Vec<&str> = [
        source.author.as_deref(),
        source.publisher.as_deref(),
        date.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.push(label("Source", theme));
    out.extend(wrap(
        &source.title,
        width,
        theme.text.patch(Style::new().italic()),
        marks,
        theme.matched,
    ));
    if !facts.is_empty() {
        out.extend(wrap_plain(&facts.join(", "), width, theme.muted));
    }
    if let Some(url) = &source.url {
        out.extend(wrap_plain(url, width, theme.muted));
    }
    let action = crate::app::Action::OpenSource;
    if let Some(key) = crate::app::keymap::key_for(crate::app::Context::Global, &action) {
        let hint = format!("{key}: read the source text, the passage highlighted");
        out.extend(wrap_plain(&hint, width, theme.muted));
    }
}

/// The links, and the line where each starts.
fn link_lines(out: &mut Vec<Line<'static>>, app: &App, p: usize, width: usize, theme: &Theme) -> Vec<usize> {
    let mut starts = Vec::new();
    let data = app.data();
    let focused = app.explorer.view.focus == Focus::Detail;
    let mut index = 0;
    for (title, targets) in data.link_groups(p) {
        out.push(label(&title, theme));
        for &target in &targets {
            let q = &data.positions[target];
            let text = format!(
                "→ {}, {}: {}",
                app.text().actors[q.actor].short,
                q.date,
                app.text().positions[target].stance
            );
            let style = if focused && index == app.explorer.view.link {
                theme.selected
            } else {
                theme.text
            };
            starts.push(out.len());
            out.extend(wrap_plain(&text, width, style));
            index += 1;
        }
    }
    if index > 0 {
        use crate::app::{Action, Context, keymap};
        let key = |action: Action| keymap::key_for(Context::Detail, &action).unwrap_or_default();
        let hint = format!(
            "{}/{} choose a link, {} follows it",
            key(Action::Left),
            key(Action::Right),
            key(Action::Activate)
        );
        out.extend(wrap_plain(&hint, width, theme.muted));
    }
    starts
}

fn empty_cell(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(row) = app.explorer.grid.rows.get(app.explorer.view.row) else {
        return wrap_plain("Nothing selected.", width, theme.empty);
    };
    let column = app.explorer.grid.columns.get(app.explorer.view.column);
    let who = match column {
        Some(c) if c.observers => "the observers".to_string(),
        Some(c) => c
            .actors
            .first()
            .map_or(String::new(), |&a| app.text().actors[a].name.clone()),
        None => String::new(),
    };
    let message = format!(
        "No stated position by {who} at this point ({}). Silence is data.",
        row.date
    );
    wrap_plain(&message, width, theme.empty)
}
