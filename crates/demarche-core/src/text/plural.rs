//! A number and the noun it counts, agreeing: "1 observer", "2 parties".
//! Every message that counts goes through `count`, so no output says
//! "1 observers" or falls back on "error(s)".

/// `n` and `noun` (given in the singular), made plural unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {}", plural(noun)),
    }
}

/// The plural of a regular English noun: the nouns demarche counts
/// (actor, party, quote, match, ...) are all regular.
fn plural(noun: &str) -> String {
    let consonant_y = noun
        .strip_suffix('y')
        .filter(|stem| stem.chars().last().is_some_and(|c| !"aeiou".contains(c)));
    if let Some(stem) = consonant_y {
        return format!("{stem}ies");
    }
    let hissing = ["s", "x", "z", "ch", "sh"].iter().any(|end| noun.ends_with(end));
    match hissing {
        true => format!("{noun}es"),
        false => format!("{noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "observer"), "1 observer");
        assert_eq!(count(0, "observer"), "0 observers");
        assert_eq!(count(2, "observer"), "2 observers");
        assert_eq!(count(11, "actor"), "11 actors");
    }

    #[test]
    fn regular_plurals() {
        assert_eq!(count(2, "party"), "2 parties");
        assert_eq!(count(1, "party"), "1 party");
        assert_eq!(count(3, "day"), "3 days");
        assert_eq!(count(2, "mismatch"), "2 mismatches");
        assert_eq!(count(2, "quote"), "2 quotes");
        assert_eq!(count(4, "box"), "4 boxes");
    }
}
