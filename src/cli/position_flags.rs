//! `add position`'s flags, one table entry per key the format defines
//! for a position: the flag, how its value is written, its help. The
//! clap arguments and the new entry are both made from this table, so a
//! new key of the format is one more line here.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches};

use demarche_core::date::{Date, DateError};
use demarche_core::edit::{Entry, Field, Kind};
use demarche_core::model::Evidence;

/// How a flag's value becomes a TOML value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A string.
    Text,
    /// A date, plain or bounded (a TOML date where the file writes them
    /// so); one that does not parse is a usage error, as for `list --from`.
    Date,
    /// One of these words; any other is a usage error that lists them.
    Choice(&'static [&'static str]),
    /// A repeatable flag, written as a list of strings.
    List,
    /// A switch, written as `true`.
    Switch,
}

/// One position key as a flag of `add position`.
#[derive(Clone, Copy, Debug)]
pub struct KeyFlag {
    /// The key in the file.
    pub key: &'static str,
    /// The long flag, without `--`.
    pub flag: &'static str,
    pub form: Form,
    pub required: bool,
    pub value_name: &'static str,
    pub help: &'static str,
}

const fn flag(
    key: &'static str,
    flag: &'static str,
    form: Form,
    value_name: &'static str,
    help: &'static str,
) -> KeyFlag {
    KeyFlag {
        key,
        flag,
        form,
        required: false,
        value_name,
        help,
    }
}

const fn required(mut f: KeyFlag) -> KeyFlag {
    f.required = true;
    f
}

/// Every key of a position, in the order they are written (the format's).
/// `id` is made from the actor, date and stance when not given.
pub const POSITION_FLAGS: &[KeyFlag] = &[
    flag(
        "id",
        "id",
        Form::Text,
        "ID",
        "The position's id (default: made from the actor, the date and the stance's first words)",
    ),
    required(flag(
        "actor",
        "actor",
        Form::Text,
        "ID",
        "Who holds it: an actor id",
    )),
    required(flag(
        "topic",
        "topic",
        Form::Text,
        "ID",
        "What it is about: a topic id",
    )),
    required(flag(
        "date",
        "date",
        Form::Date,
        "DATE",
        "When it was stated: YYYY, YYYY-MM or YYYY-MM-DD, or a span known only within bounds, START/END",
    )),
    required(flag(
        "stance",
        "stance",
        Form::Text,
        "TEXT",
        "One line, in your words: what the actor holds",
    )),
    required(flag(
        "source",
        "source",
        Form::Text,
        "ID",
        "Where it is stated: a source id",
    )),
    flag(
        "quote",
        "quote",
        Form::Text,
        "TEXT",
        "Words that stand verbatim in the source's text (checked when it has one)",
    ),
    flag(
        "speaker",
        "speaker",
        Form::Text,
        "TEXT",
        "Who said it, e.g. \"Secretary of State John Kerry\"",
    ),
    flag(
        "event",
        "event",
        Form::Text,
        "ID",
        "The event it was stated at: an event id",
    ),
    flag("tags", "tag", Form::List, "TAG", "A short tag (repeat for more)"),
    flag("notes", "notes", Form::Text, "TEXT", "Longer context"),
    flag(
        "responds_to",
        "responds-to",
        Form::List,
        "ID",
        "A position this one answers (repeat for more)",
    ),
    flag(
        "evidence",
        "evidence",
        Form::Choice(&Evidence::WORDS),
        "KIND",
        "Whose words these are (docs/FORMAT.md: evidence kinds)",
    ),
    flag(
        "reported_by",
        "reported-by",
        Form::Text,
        "ID",
        "The observer whose text carries it",
    ),
    flag(
        "date_is",
        "date-is",
        Form::Choice(demarche_core::load::DATE_IS),
        "act|report",
        "What the date dates: the act (default) or its report",
    ),
    flag(
        "agreed",
        "agreed",
        Form::Switch,
        "",
        "One party's side of an agreement between the parties (joint evidence implies it)",
    ),
    flag(
        "also_topics",
        "also-topic",
        Form::List,
        "ID",
        "Another topic it bears on: a topic id (repeat for more)",
    ),
    flag(
        "supersedes",
        "supersedes",
        Form::List,
        "ID",
        "The same actor's position that stops standing from this one's date (repeat for more)",
    ),
    flag(
        "suspends",
        "suspends",
        Form::List,
        "ID",
        "An agreement, mechanism or commitment this actor suspends (repeat for more)",
    ),
    flag(
        "accepts",
        "accepts",
        Form::List,
        "ID",
        "Another actor's proposal or demand this one accepts (repeat for more)",
    ),
    flag(
        "rejects",
        "rejects",
        Form::List,
        "ID",
        "Another actor's proposal or demand this one rejects (repeat for more)",
    ),
    flag(
        "qualifies",
        "qualifies",
        Form::List,
        "ID",
        "A position this one accepts with a reservation; both stand (repeat for more)",
    ),
    flag(
        "conditional_on",
        "conditional-on",
        Form::List,
        "ID",
        "A position whose change this move depends on (repeat for more)",
    ),
];

/// A date flag's value as written, once `parse` reads it: the file keeps
/// the user's text, and a date that does not parse is a usage error, as
/// for `list --from`.
pub(super) fn date_as_written(
    text: &str,
    parse: fn(&str) -> Result<Date, DateError>,
) -> Result<String, String> {
    parse(text).map(|_| text.to_string()).map_err(|e| e.to_string())
}

/// The clap arguments of the table.
pub fn args() -> impl Iterator<Item = Arg> {
    POSITION_FLAGS.iter().map(|f| {
        let arg = Arg::new(f.key).long(f.flag).help(f.help).required(f.required);
        match f.form {
            Form::Switch => arg.action(ArgAction::SetTrue),
            Form::List => arg.value_name(f.value_name).action(ArgAction::Append),
            Form::Text => arg.value_name(f.value_name).action(ArgAction::Set),
            Form::Date => arg
                .value_name(f.value_name)
                .action(ArgAction::Set)
                .value_parser(|text: &str| date_as_written(text, Date::parse_bounded)),
            Form::Choice(words) => arg
                .value_name(f.value_name)
                .action(ArgAction::Set)
                .value_parser(PossibleValuesParser::new(words.iter().copied())),
        }
    })
}

/// The values given, as (key, field) in the table's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PositionArgs {
    pub fields: Vec<(&'static str, Field)>,
}

impl PositionArgs {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, f)| match f {
                Field::Text(t) | Field::Date(t) => Some(t.as_str()),
                _ => None,
            })
    }

    /// The new `[[positions]]` entry, with `id` first.
    pub fn entry(&self, id: &str) -> Entry {
        let mut entry = Entry::new(Kind::Positions).text("id", Some(id));
        for (key, field) in self.fields.iter().filter(|(k, _)| *k != "id") {
            entry = entry.field(key, field.clone());
        }
        entry
    }
}

impl clap::FromArgMatches for PositionArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut fields = Vec::new();
        for f in POSITION_FLAGS {
            let field = match f.form {
                Form::Switch => matches.get_flag(f.key).then_some(Field::Flag(true)),
                Form::List => matches
                    .get_many::<String>(f.key)
                    .map(|v| Field::List(v.cloned().collect())),
                Form::Text | Form::Choice(_) => matches.get_one::<String>(f.key).cloned().map(Field::Text),
                Form::Date => matches.get_one::<String>(f.key).cloned().map(Field::Date),
            };
            fields.extend(field.map(|field| (f.key, field)));
        }
        Ok(PositionArgs { fields })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Args for PositionArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.args(args())
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `add position` with the required flags, `date` and `extra`.
    fn parse(date: &str, extra: &[&str]) -> Result<PositionArgs, clap::Error> {
        use clap::{Args as _, FromArgMatches as _};
        let command = PositionArgs::augment_args(clap::Command::new("position"));
        let required = [
            "--actor", "a", "--topic", "t", "--date", date, "--source", "s", "--stance", "x",
        ];
        let args = ["position"].iter().chain(&required).chain(extra);
        PositionArgs::from_arg_matches(&command.try_get_matches_from(args)?)
    }

    /// A bad value of a flag with a fixed set of values, or a date that
    /// does not parse, is a usage error naming the flag, the value and
    /// (for a choice) every value allowed.
    #[test]
    fn bad_choices_and_dates_are_usage_errors() {
        let refused = |date: &str, extra: &[&str]| {
            let e = parse(date, extra).unwrap_err();
            use clap::error::ErrorKind::{InvalidValue, ValueValidation};
            assert!(matches!(e.kind(), InvalidValue | ValueValidation), "{e}");
            assert_eq!(e.exit_code(), 2);
            e.to_string()
        };
        let e = refused("2020", &["--evidence", "bogus"]);
        assert!(e.contains("'bogus'") && e.contains("--evidence"), "{e}");
        assert!(e.contains(&Evidence::WORDS.join(", ")), "{e}");
        let e = refused("2020", &["--date-is", "later"]);
        assert!(e.contains("'later'") && e.contains("act, report"), "{e}");
        for date in ["20x20", "2015-02-30", "2014/2013"] {
            let e = refused(date, &[]);
            assert!(e.contains(&format!("'{date}'")) && e.contains("--date"), "{e}");
        }
    }

    #[test]
    fn good_choices_and_dates_are_kept_as_written() {
        let args = parse(
            "2013/2013-06-07",
            &["--evidence", "paraphrase", "--date-is", "report"],
        );
        let args = args.unwrap();
        assert_eq!(args.get("evidence"), Some("paraphrase"));
        assert_eq!(args.get("date_is"), Some("report"));
        assert_eq!(args.get("date"), Some("2013/2013-06-07"));
    }

    /// The table covers every key the loader accepts for a position.
    #[test]
    fn every_position_key_has_a_flag() {
        let keys: Vec<&str> = POSITION_FLAGS.iter().map(|f| f.key).collect();
        assert_eq!(keys, demarche_core::load::POSITION_KEYS);
    }
}
