//! Synthetic positions files, for benchmarks and tests that need volume:
//! a trade negotiation between three parties and an observer, with
//! positions of about 400 bytes each built from word lists. The same
//! size and seed always give the same file.
//!
//! Test equipment, not API: built only with the `synthetic` feature,
//! which Cargo.toml turns on for tests and benches (a dev-dependency on
//! the crate itself), so plain `cargo test` and `cargo bench` have it.

use std::fmt::Write as _;

use crate::date::days_in_month;

/// xorshift64: small, fast and reproducible, which is all a generator of
/// test data needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 spreads nearby seeds apart and never yields the
        // all-zero state xorshift cannot leave.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// id, name, short name.
const PARTIES: [(&str, &str, &str); 3] = [
    ("eu", "European Union", "EU"),
    ("us", "United States", "US"),
    ("cn", "People's Republic of China", "PRC"),
];

/// id, name: the negotiating chapters.
const TOPICS: [(&str, &str); 20] = [
    ("tariffs", "Industrial tariffs"),
    ("agriculture", "Agricultural market access"),
    ("ip", "Intellectual property"),
    ("services", "Trade in services"),
    ("procurement", "Government procurement"),
    ("sps", "Sanitary and phytosanitary measures"),
    ("disputes", "Dispute settlement"),
    ("ecommerce", "Digital trade and e-commerce"),
    ("labour", "Labour standards"),
    ("environment", "Trade and environment"),
    ("investment", "Investment protection"),
    ("origin", "Rules of origin"),
    ("customs", "Customs and trade facilitation"),
    ("soe", "State-owned enterprises"),
    ("subsidies", "Industrial subsidies"),
    ("fisheries", "Fisheries subsidies"),
    ("steel", "Steel overcapacity"),
    ("currency", "Currency practices"),
    ("data", "Cross-border data flows"),
    ("gi", "Geographical indications"),
];

const PUBLISHERS: [&str; 8] = [
    "Directorate-General for Trade",
    "Office of the Trade Representative",
    "Ministry of Commerce",
    "WTO Secretariat",
    "Financial Times",
    "Le Monde diplomatique",
    "新华社",
    "Süddeutsche Zeitung",
];

const SOURCE_KINDS: [&str; 6] = [
    "Press release",
    "Negotiating text",
    "Leaked memo",
    "Briefing note",
    "Interview transcript",
    "Report",
];

const CITIES: [&str; 8] = [
    "Genève",
    "Brussels",
    "Washington",
    "北京",
    "São Paulo",
    "Đà Nẵng",
    "Nairobi",
    "Osaka",
];

const VERBS: [&str; 14] = [
    "Supports",
    "Opposes",
    "Calls for",
    "Rejects",
    "Welcomes",
    "Proposes",
    "Insists on",
    "Questions",
    "Accepts in principle",
    "Seeks clarification on",
    "Demands",
    "Reserves its position on",
    "Conditionally endorses",
    "Links progress to",
];

const OBJECTS: [&str; 12] = [
    "a phased reduction of",
    "binding commitments on",
    "transparency rules for",
    "a moratorium on",
    "special and differential treatment in",
    "a review mechanism for",
    "the elimination of",
    "stricter disciplines on",
    "flexibilities regarding",
    "an independent panel on",
    "reciprocal concessions in",
    "a standstill clause covering",
];

const QUALIFIERS: [&str; 10] = [
    "provided that developing members receive longer transition periods",
    "within five years of entry into force",
    "only if the other side moves on agriculture first",
    "subject to a sunset clause",
    "as part of a single undertaking",
    "while keeping existing safeguards in place",
    "with technical assistance for least-developed countries",
    "on a most-favoured-nation basis",
    "without prejudice to ongoing disputes",
    "after an impact assessment by independent experts",
];

const WORDS: [&str; 64] = [
    "tariff",
    "quota",
    "schedule",
    "ceiling",
    "baseline",
    "concession",
    "exemption",
    "threshold",
    "derogation",
    "safeguard",
    "notification",
    "bracket",
    "annex",
    "modality",
    "formula",
    "linkage",
    "sequencing",
    "reciprocity",
    "leverage",
    "compliance",
    "enforcement",
    "verification",
    "audit",
    "subsidy",
    "dumping",
    "countervailing",
    "origin",
    "cumulation",
    "certificate",
    "inspection",
    "residue",
    "labelling",
    "patent",
    "copyright",
    "trademark",
    "licensing",
    "procurement",
    "tender",
    "offset",
    "localisation",
    "encryption",
    "privacy",
    "server",
    "platform",
    "emissions",
    "carbon",
    "deforestation",
    "fisheries",
    "vessel",
    "overcapacity",
    "steel",
    "aluminium",
    "currency",
    "exchange",
    "investor",
    "arbitration",
    "tribunal",
    "appeal",
    "moratorium",
    "ministerial",
    "plenary",
    "sherpa",
    "communiqué",
    "préférence",
];

const SPEAKERS: [&str; 12] = [
    "Anna Kowalczyk",
    "José Álvarez",
    "Li Wei (李伟)",
    "Søren Madsen",
    "Zoë Dupré",
    "田中 美咲",
    "Nguyễn Văn An",
    "Ngozi Adeyemi",
    "Marcus Hale",
    "Chen Jing",
    "Élodie Marchand",
    "Rajiv Menon",
];

const QUOTE_OPENERS: [&str; 8] = [
    "We cannot accept",
    "Our members will not support",
    "There is room to discuss",
    "We are ready to consider",
    "Nobody should be surprised by",
    "It is time to conclude work on",
    "We will table a proposal on",
    "Let me be clear about",
];

const TAGS: [&str; 12] = [
    "market-access",
    "red-line",
    "concession",
    "linkage",
    "offensive-interest",
    "defensive-interest",
    "bracketed-text",
    "plurilateral",
    "transition-period",
    "safeguard",
    "農業",
    "préférences",
];

const FIRST_YEAR: u16 = 2012;
const YEARS: usize = 8;
const SOURCES: usize = 30;
const EVENTS: usize = 12;

/// A date in the covered years, at day, month or year precision.
fn date(rng: &mut Rng) -> String {
    let year = FIRST_YEAR + rng.below(YEARS) as u16;
    let month = 1 + rng.below(12) as u8;
    match rng.below(10) {
        0 => format!("{year}"),
        1 | 2 => format!("{year}-{month:02}"),
        _ => {
            let day = 1 + rng.below(usize::from(days_in_month(year, month))) as u8;
            format!("{year}-{month:02}-{day:02}")
        }
    }
}

/// `fewest` to `most` words from `WORDS`, separated by spaces.
fn words(rng: &mut Rng, fewest: usize, most: usize) -> String {
    let count = fewest + rng.below(most - fewest + 1);
    let mut out = String::new();
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(&WORDS));
    }
    out
}

/// The size of a generated negotiation, for `generate_shaped`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub positions: usize,
    /// Parties beyond the first three are "Party 4", "Party 5", ...
    pub parties: usize,
    /// Topics beyond the first twenty are "Chapter 21", ...
    pub topics: usize,
    pub seed: u64,
}

/// The parties and topics of one file.
struct Cast {
    parties: Vec<(String, String, String)>,
    topics: Vec<(String, String)>,
}

impl Cast {
    fn standard() -> Self {
        Cast {
            parties: PARTIES
                .iter()
                .map(|&(id, name, short)| (id.into(), name.into(), short.into()))
                .collect(),
            topics: TOPICS
                .iter()
                .map(|&(id, name)| (id.into(), name.into()))
                .collect(),
        }
    }

    fn shaped(shape: &Shape) -> Self {
        let standard = Cast::standard();
        let parties = (0..shape.parties.max(1))
            .map(|i| {
                standard.parties.get(i).cloned().unwrap_or_else(|| {
                    let n = i + 1;
                    (format!("party-{n:02}"), format!("Party {n}"), format!("P{n}"))
                })
            })
            .collect();
        let topics = (0..shape.topics.max(1))
            .map(|i| {
                standard
                    .topics
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| (format!("chapter-{:03}", i + 1), format!("Chapter {}", i + 1)))
            })
            .collect();
        Cast { parties, topics }
    }
}

fn header(out: &mut String, cast: &Cast) {
    out.push_str("format = 1\ntitle = \"Synthetic trade negotiation\"\n");
    out.push_str("description = \"Generated for benchmarks: not real positions.\"\n\n");
    for (id, name, short) in &cast.parties {
        let _ = writeln!(
            out,
            "[[actors]]\nid = \"{id}\"\nname = \"{name}\"\nshort = \"{short}\"\n"
        );
    }
    out.push_str("[[actors]]\nid = \"wto\"\nname = \"WTO Secretariat\"\nshort = \"WTO\"\n");
    out.push_str("role = \"observer\"\naffiliation = \"World Trade Organization\"\n\n");
    for (id, name) in &cast.topics {
        let _ = writeln!(out, "[[topics]]\nid = \"{id}\"\nname = \"{name}\"\n");
    }
}

fn sources(out: &mut String, rng: &mut Rng) {
    for i in 0..SOURCES {
        let kind = rng.pick(&SOURCE_KINDS);
        let topic = TOPICS[i % TOPICS.len()].1;
        let publisher = rng.pick(&PUBLISHERS);
        let _ = writeln!(
            out,
            "[[sources]]\nid = \"src-{i:02}\"\ntitle = \"{kind} on {topic}\"\npublisher = \"{publisher}\""
        );
        if rng.chance(70) {
            let _ = writeln!(out, "date = \"{}\"", date(rng));
        }
        let _ = writeln!(out, "url = \"https://example.org/sources/{i:02}\"\n");
    }
}

fn events(out: &mut String, rng: &mut Rng) {
    for i in 0..EVENTS {
        let city = CITIES[i % CITIES.len()];
        let year = FIRST_YEAR + (i * YEARS / EVENTS) as u16;
        let month = 1 + rng.below(12);
        let _ = writeln!(
            out,
            "[[events]]\nid = \"ev-{i:02}\"\nname = \"Round {} of negotiations, {city}\"\ndate = \"{year}-{month:02}\"",
            i + 1
        );
        let (a, b) = (rng.below(SOURCES), rng.below(SOURCES));
        let _ = writeln!(out, "sources = [\"src-{a:02}\", \"src-{b:02}\"]\n");
    }
}

fn stance(rng: &mut Rng, topic: &str) -> String {
    let mut text = format!(
        "{} {} {} and {}",
        rng.pick(&VERBS),
        rng.pick(&OBJECTS),
        topic.to_lowercase(),
        words(rng, 3, 7)
    );
    if rng.chance(60) {
        let _ = write!(text, ", {}", rng.pick(&QUALIFIERS));
    }
    text.push('.');
    text
}

/// Kinds of evidence for positions without a quote, in turn (not drawn
/// from the generator, so the rest of a seeded file stays as it was).
const UNQUOTED: [&str; 4] = ["paraphrase", "characterization", "action", "joint"];

fn optional_fields(out: &mut String, rng: &mut Rng, i: usize) {
    if rng.chance(50) {
        let opener = rng.pick(&QUOTE_OPENERS);
        let _ = writeln!(out, "quote = \"{opener} any {}.\"", words(rng, 4, 9));
        let _ = writeln!(out, "speaker = \"{}\"", rng.pick(&SPEAKERS));
        let _ = writeln!(out, "evidence = \"quote\"");
    } else {
        let _ = writeln!(out, "evidence = \"{}\"", UNQUOTED[i % UNQUOTED.len()]);
    }
    if rng.chance(65) {
        let tags: Vec<String> = (0..1 + rng.below(3))
            .map(|_| format!("\"{}\"", rng.pick(&TAGS)))
            .collect();
        let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    }
    if rng.chance(40) {
        let (first, second) = (words(rng, 4, 9), words(rng, 3, 7));
        let _ = writeln!(out, "notes = \"\"\"\nSee {first}.\nCompare {second}.\"\"\"");
    }
}

fn position(out: &mut String, rng: &mut Rng, i: usize, cast: &Cast, dates: &mut Vec<crate::date::Date>) {
    let actor = if rng.chance(10) {
        "wto"
    } else {
        cast.parties[rng.below(cast.parties.len())].0.as_str()
    };
    let (topic_id, topic_name) = &cast.topics[rng.below(cast.topics.len())];
    let _ = writeln!(
        out,
        "[[positions]]\nid = \"p-{i:06}\"\nactor = \"{actor}\"\ntopic = \"{topic_id}\"\ndate = \"{}\"",
        {
            let text = date(rng);
            dates.push(crate::date::Date::parse(&text).unwrap_or(crate::date::Date::year(FIRST_YEAR)));
            text
        }
    );
    let _ = writeln!(out, "source = \"src-{:02}\"", rng.below(SOURCES));
    if rng.chance(30) {
        let _ = writeln!(out, "event = \"ev-{:02}\"", rng.below(EVENTS));
    }
    let _ = writeln!(out, "stance = \"{}\"", stance(rng, topic_name));
    optional_fields(out, rng, i);
    if i > 0 && rng.chance(10) {
        // Only an answer to something not certainly later (the loader
        // refuses the rest); the draw is made either way, so the rest of
        // a seeded file stays as it was.
        let target = rng.below(i);
        if !crate::asof::certainly_before(dates[i], dates[target]) {
            let _ = writeln!(out, "responds_to = [\"p-{target:06}\"]");
        }
    }
    out.push('\n');
}

/// A valid positions file with `positions` positions, the same for the
/// same arguments.
pub fn generate(positions: usize, seed: u64) -> String {
    build(positions, seed, &Cast::standard())
}

/// A valid positions file of any number of parties and topics, made as
/// `generate` makes its file (an eighth of the positions joint texts).
pub fn generate_shaped(shape: &Shape) -> String {
    build(shape.positions, shape.seed, &Cast::shaped(shape))
}

fn build(positions: usize, seed: u64, cast: &Cast) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(8_000 + positions * 440);
    header(&mut out, cast);
    sources(&mut out, &mut rng);
    events(&mut out, &mut rng);
    let mut dates = Vec::with_capacity(positions);
    for i in 0..positions {
        position(&mut out, &mut rng, i, cast, &mut dates);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    #[test]
    fn loads_without_errors() {
        let text = generate(2_000, 7);
        let loaded = load_str("synthetic.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.warnings.diagnostics, [], "{}", loaded.warnings.rendered);
        let data = loaded.dataset;
        assert_eq!(data.positions.len(), 2_000);
        assert_eq!(data.actors.len(), 4);
        assert_eq!(data.topics.len(), 20);
        let quoted = data.positions.iter().filter(|p| p.quote.is_some()).count();
        assert!((600..1_200).contains(&quoted), "{quoted}");
        let (first, last) = data.date_range().unwrap();
        assert!(last.year_number() - first.year_number() >= 5);
        let non_ascii = data
            .positions
            .iter()
            .filter(|p| !p.stance.is_ascii() || p.quote.as_deref().is_some_and(|q| !q.is_ascii()));
        assert!(non_ascii.count() > 20);
    }

    #[test]
    fn any_number_of_parties_and_topics() {
        let shape = Shape {
            positions: 3_000,
            parties: 20,
            topics: 100,
            seed: 3,
        };
        let data = load_str("shaped.toml", &generate_shaped(&shape)).unwrap().dataset;
        assert_eq!(data.parties().len(), 20);
        assert_eq!(data.topics.len(), 100);
        let joint = data
            .positions
            .iter()
            .filter(|p| p.evidence == Some(crate::model::Evidence::Joint))
            .count();
        assert!((250..500).contains(&joint), "{joint}");
    }

    #[test]
    fn deterministic_and_seeded() {
        assert_eq!(generate(50, 1), generate(50, 1));
        assert_ne!(generate(50, 1), generate(50, 2));
    }

    #[test]
    fn hundred_thousand_positions_is_about_40_mb() {
        let len = generate(100_000, 1).len();
        assert!((36_000_000..44_000_000).contains(&len), "{len} bytes");
    }
}
