//! One topic as a two-party table: a row per date, a column per party,
//! each position's citation a footnote.

use super::document::Document;
use crate::model::Dataset;
use crate::text::display::DisplayText;

pub(super) fn render(data: &Dataset, text: &DisplayText, topic: usize, parties: [usize; 2]) -> String {
    let (doc, comparison) = Document::table(data, text, topic, parties);
    super::markdown::topic_table(&doc, &comparison)
}
