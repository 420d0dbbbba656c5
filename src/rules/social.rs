//! Social widgets: share and follow buttons and their counters.

use super::Family;

/// The `social` family.
pub const FAMILY: Family = Family {
    name: "social",
    data: include_str!("data/social.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("social", &["Share on Facebook", "12 comments", "3.4K shares", "Follow us on Twitter", "Tweet"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["Shares of the company rose 12 percent after the merger was announced, the biggest gain in a decade."]);
    }
}
