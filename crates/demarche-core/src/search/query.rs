//! Turns the text typed into the search box into a `Query`. The syntax is
//! documented once, in the `search` module; this file follows it rule by rule.

use crate::date::{Date, DateError, Precision};
use crate::model::Evidence;

/// How a term is compared with a field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The term's characters appear in order, not necessarily together.
    Fuzzy,
    /// The term appears as a contiguous substring.
    Exact,
    /// The field starts with the term.
    Prefix,
    /// The field ends with the term.
    Suffix,
    /// The field is exactly the term.
    Whole,
}

/// One word of the query that is not a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub kind: Kind,
    /// True for `!` terms: the position is kept only if nothing matches.
    pub negated: bool,
    /// True when the term has an uppercase letter (smart case).
    pub case_sensitive: bool,
    /// What to look for: already case-folded unless `case_sensitive`.
    pub text: String,
}

/// The filters of a query. Several values for one actor, topic, tag,
/// event, source, kind or year filter are alternatives; the date bounds
/// (`from:`, `to:`, `before:`, `after:`) all have to hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Actor ids or parts of actor names, already case-folded.
    pub actors: Vec<String>,
    /// Topic ids or parts of topic names, already case-folded.
    pub topics: Vec<String>,
    /// Tags or parts of tags, already case-folded.
    pub tags: Vec<String>,
    /// Event ids or parts of event names, already case-folded.
    pub events: Vec<String>,
    /// Source ids or parts of source titles, already case-folded.
    pub sources: Vec<String>,
    /// Evidence kinds.
    pub kinds: Vec<Evidence>,
    pub years: Vec<Date>,
    /// The latest `from:` date.
    pub from: Option<Date>,
    /// The earliest `to:` date.
    pub to: Option<Date>,
    /// The earliest `before:` date.
    pub before: Option<Date>,
    /// The latest `after:` date.
    pub after: Option<Date>,
    /// Each filter word as typed, to say which filters a hit passed.
    pub typed: Vec<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A parsed query: terms that must all match, and filters that narrow
/// the positions they are looked for in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub(super) terms: Vec<Term>,
    pub(super) filters: Filters,
}

/// Why a query cannot be run. An unknown `name:` prefix is not an error:
/// such a word is searched for as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("{filter}: {reason}")]
    BadDate { filter: &'static str, reason: DateError },
    #[error("year: expects a year such as 2015, found \"{0}\"")]
    BadYear(String),
    #[error("kind:{value} is no evidence kind{hint}; kinds: {}", Evidence::WORDS.join(", "))]
    BadKind { value: String, hint: String },
}

/// Lowercases `text` one character at a time, keeping any character whose
/// lowercase form is longer than one character (such as `İ`), so that a
/// character index in the result is the same index in `text`.
pub(crate) fn fold_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_case_into(text, &mut out);
    out
}

/// `fold_case`, appending to `out`.
pub(crate) fn fold_case_into(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| {
        if c.is_ascii() {
            return c.to_ascii_lowercase();
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    }));
}

impl Query {
    /// Reads a query in the syntax the `search` module documents. Only a
    /// malformed `from:`, `to:` or `year:` value is an error.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut query = Query::default();
        for word in words(text) {
            if !query.filters.add(&word)? {
                query.terms.extend(Term::parse(&word));
            }
        }
        Ok(query)
    }

    /// True when the query neither searches nor filters: it then lists
    /// every position in date order.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty()
    }

    /// The filter words of the query, as typed: every hit passed them all.
    pub fn filter_words(&self) -> &[String] {
        &self.filters.typed
    }

    /// Terms that must match, in query order.
    pub(super) fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }

    /// Terms that must not match.
    pub(super) fn negative(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| t.negated)
    }
}

/// Splits on whitespace; a backslash keeps the whitespace after it in
/// the word, so `new\ york` is one term.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_whitespace() => {
                word.push(next);
                chars.next();
            }
            _ if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl Term {
    /// The term a word stands for; `None` for a word that is only
    /// operators (`'`, `!`, `^`, `$`, `!^`, ...).
    fn parse(word: &str) -> Option<Term> {
        let (negated, rest) = match word.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        let (kind, text) = match rest.strip_prefix('\'') {
            Some(literal) => (Kind::Exact, literal),
            None => anchors(rest, negated),
        };
        if text.is_empty() {
            return None;
        }
        let case_sensitive = text.chars().any(char::is_uppercase);
        Some(Term {
            kind,
            negated,
            case_sensitive,
            text: if case_sensitive {
                text.to_string()
            } else {
                fold_case(text)
            },
        })
    }
}

/// Reads `^` and `$`; a negated term without anchors is exact, because
/// "no field has these letters somewhere in this order" excludes too much.
fn anchors(text: &str, negated: bool) -> (Kind, &str) {
    let (prefix, text) = text.strip_prefix('^').map_or((false, text), |t| (true, t));
    let (suffix, text) = text.strip_suffix('$').map_or((false, text), |t| (true, t));
    let kind = match (prefix, suffix) {
        (true, true) => Kind::Whole,
        (true, false) => Kind::Prefix,
        (false, true) => Kind::Suffix,
        (false, false) if negated => Kind::Exact,
        (false, false) => Kind::Fuzzy,
    };
    (kind, text)
}

impl Filters {
    /// Records `word` if it is a filter; false if it is a plain term.
    fn add(&mut self, word: &str) -> Result<bool, QueryError> {
        let Some((name, value)) = word.split_once(':') else {
            return Ok(false);
        };
        match name.to_ascii_lowercase().as_str() {
            // An empty value is a filter still being typed: ignored.
            "actor" | "topic" | "tag" | "event" | "source" | "kind" | "year" | "from" | "to" | "before"
            | "after"
                if value.is_empty() => {}
            "actor" => self.actors.push(fold_case(value)),
            "topic" => self.topics.push(fold_case(value)),
            "tag" => self.tags.push(fold_case(value)),
            "event" => self.events.push(fold_case(value)),
            "source" => self.sources.push(fold_case(value)),
            "kind" => self.kinds.push(kind(value)?),
            "year" => self.years.push(year(value)?),
            "before" => {
                let date = date("before", value)?;
                self.before = Some(self.before.map_or(date, |d| d.min(date)));
            }
            "after" => {
                let date = date("after", value)?;
                self.after = Some(self.after.map_or(date, |d| d.max(date)));
            }
            "from" => {
                let date = date("from", value)?;
                self.from = Some(self.from.map_or(date, |d| d.max(date)));
            }
            "to" => {
                let date = date("to", value)?;
                self.to = Some(self.to.map_or(date, |d| d.min(date)));
            }
            _ => return Ok(false),
        }
        if !value.is_empty() {
            self.typed.push(word.to_string());
        }
        Ok(true)
    }
}

fn date(filter: &'static str, value: &str) -> Result<Date, QueryError> {
    Date::parse(value).map_err(|reason| QueryError::BadDate { filter, reason })
}

fn kind(value: &str) -> Result<Evidence, QueryError> {
    let folded = fold_case(value);
    Evidence::parse(&folded).ok_or_else(|| QueryError::BadKind {
        value: value.to_string(),
        hint: crate::load::did_you_mean(crate::load::nearest(&folded, Evidence::WORDS)),
    })
}

fn year(value: &str) -> Result<Date, QueryError> {
    match Date::parse(value) {
        Ok(date) if date.precision() == Precision::Year => Ok(date),
        _ => Err(QueryError::BadYear(value.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str) -> Term {
        let query = Query::parse(word).unwrap();
        assert_eq!(query.terms.len(), 1, "{word}");
        query.terms[0].clone()
    }

    fn kind(word: &str) -> (Kind, bool, String) {
        let t = term(word);
        (t.kind, t.negated, t.text)
    }

    #[test]
    fn each_term_form() {
        let s = |t: &str| t.to_string();
        assert_eq!(kind("trade"), (Kind::Fuzzy, false, s("trade")));
        assert_eq!(kind("'trade"), (Kind::Exact, false, s("trade")));
        assert_eq!(kind("^trade"), (Kind::Prefix, false, s("trade")));
        assert_eq!(kind("trade$"), (Kind::Suffix, false, s("trade")));
        assert_eq!(kind("^trade$"), (Kind::Whole, false, s("trade")));
        assert_eq!(kind("!trade"), (Kind::Exact, true, s("trade")));
        assert_eq!(kind("!'trade"), (Kind::Exact, true, s("trade")));
        assert_eq!(kind("!^trade"), (Kind::Prefix, true, s("trade")));
        assert_eq!(kind("!trade$"), (Kind::Suffix, true, s("trade")));
        assert_eq!(kind("!^trade$"), (Kind::Whole, true, s("trade")));
    }

    #[test]
    fn quote_makes_the_rest_literal() {
        assert_eq!(kind("'^x$"), (Kind::Exact, false, "^x$".to_string()));
        assert_eq!(kind("'$"), (Kind::Exact, false, "$".to_string()));
        assert_eq!(kind("'!"), (Kind::Exact, false, "!".to_string()));
    }

    #[test]
    fn operators_alone_are_ignored() {
        for word in ["'", "!", "!'", "^", "$", "^$", "!^", "!$", "   "] {
            let query = Query::parse(word).unwrap();
            assert!(query.is_empty(), "{word:?}");
        }
    }

    #[test]
    fn terms_split_on_whitespace_and_escaped_space_joins() {
        let query = Query::parse("  tariff\tsteel  'new\\ york ").unwrap();
        let texts: Vec<&str> = query.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["tariff", "steel", "new york"]);
    }

    #[test]
    fn smart_case() {
        let lower = term("trade");
        assert!(!lower.case_sensitive);
        let upper = term("WTO");
        assert!(upper.case_sensitive);
        assert_eq!(upper.text, "WTO");
        assert!(term("Édition").case_sensitive);
        assert!(!term("édition").case_sensitive);
    }

    #[test]
    fn fold_case_keeps_char_positions() {
        assert_eq!(fold_case("ÉTÉ Trade"), "été trade");
        let odd = "İstanbul";
        assert_eq!(fold_case(odd).chars().count(), odd.chars().count());
    }

    #[test]
    fn filters_are_recognised() {
        let query = Query::parse("Actor:EU topic:Tariffs year:2015 from:2014-03 to:2016 steel").unwrap();
        assert_eq!(query.filters.actors, ["eu"]);
        assert_eq!(query.filters.topics, ["tariffs"]);
        assert_eq!(query.filters.years, [Date::year(2015)]);
        assert_eq!(query.filters.from, Date::month(2014, 3));
        assert_eq!(query.filters.to, Some(Date::year(2016)));
        assert_eq!(query.terms.len(), 1);
    }

    #[test]
    fn new_filters_are_recognised() {
        let query =
            Query::parse("tag:PLA event:sunny source:lin kind:Quote kind:action before:2015 after:2013-06")
                .unwrap();
        assert_eq!(query.filters.tags, ["pla"]);
        assert_eq!(query.filters.events, ["sunny"]);
        assert_eq!(query.filters.sources, ["lin"]);
        assert_eq!(query.filters.kinds, [Evidence::Quote, Evidence::Action]);
        assert_eq!(query.filters.before, Some(Date::year(2015)));
        assert_eq!(query.filters.after, Date::month(2013, 6));
        assert!(query.terms.is_empty());
        let err = Query::parse("kind:qoute").unwrap_err();
        assert_eq!(
            err.to_string(),
            "kind:qoute is no evidence kind (did you mean \"quote\"?); kinds: quote, joint, paraphrase, characterization, action"
        );
    }

    #[test]
    fn repeated_dates_narrow() {
        let query = Query::parse("from:2014 from:2015-06 to:2018 to:2017-01-02").unwrap();
        assert_eq!(query.filters.from, Date::month(2015, 6));
        assert_eq!(query.filters.to, Date::day(2017, 1, 2));
    }

    #[test]
    fn unknown_prefixes_and_negations_are_plain_terms() {
        assert_eq!(kind("http://x"), (Kind::Fuzzy, false, "http://x".to_string()));
        assert_eq!(kind("!actor:eu"), (Kind::Exact, true, "actor:eu".to_string()));
    }

    #[test]
    fn empty_filter_values_are_ignored() {
        assert!(Query::parse("actor: from:").unwrap().is_empty());
    }

    #[test]
    fn bad_dates_are_errors() {
        let err = Query::parse("from:2015-13").unwrap_err();
        assert!(matches!(err, QueryError::BadDate { filter: "from", .. }));
        assert!(err.to_string().starts_with("from: "), "{err}");
        assert!(matches!(
            Query::parse("to:yesterday"),
            Err(QueryError::BadDate { filter: "to", .. })
        ));
        assert_eq!(
            Query::parse("year:2015-09"),
            Err(QueryError::BadYear("2015-09".to_string()))
        );
    }
}
