//! Advertisement labels and sponsored markers, in many languages.

use super::Family;

/// The `ads` family.
pub const FAMILY: Family = Family {
    name: "ads",
    data: include_str!("data/ads.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("ads", &["Advertisement", "ADVERTISEMENT", "Sponsored", "Anzeige", "Publicidad", "Реклама", "广告"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["Advertisement spending fell sharply during the pandemic, and many newspapers cut their print editions as a result."]);
    }
}
