//! Consent banners: cookies, privacy choices, GDPR prompts.

use super::Family;

/// The `consent` family.
pub const FAMILY: Family = Family {
    name: "consent",
    data: include_str!("data/consent.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("consent", &["Accept all cookies", "We use cookies to improve your experience on our website.", "Manage cookie preferences"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["Grandmother's cookies were the best in the village: she baked them every Sunday with butter, honey and a pinch of salt, and we use cookies like hers to remember her."]);
    }
}
