//! Rails: related, recommended, trending and most-read lists, and comment
//! sections.
//!
//! The headers here carry the `rail` action: once the main text has ended,
//! such a header starts residue (boilerpipe's observation); inside the main
//! text they are left alone.

use super::Family;

/// The `rails` family.
pub const FAMILY: Family = Family {
    name: "rails",
    data: include_str!("data/rails.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("rails", &["Related articles", "Read more", "Comments", "Most popular", "You may also like"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["Related research from the same group showed that the effect holds across different age groups and countries."]);
    }
}
