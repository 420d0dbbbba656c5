//! Bylines: author lines, date and time lines, read-time lines.

use super::Family;

/// The `byline` family.
pub const FAMILY: Family = Family {
    name: "byline",
    data: include_str!("data/byline.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("byline", &["25 Nov, 2021 17:45", "By John Smith", "5 min read", "September 4, 2025", "2021-11-25"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["By the end of the year, the team had published more than forty papers on the subject and won two awards."]);
    }
}
