//! Prompts: newsletter and subscription offers, paywalls, app downloads,
//! "enable JavaScript" notices.

use super::Family;

/// The `prompts` family.
pub const FAMILY: Family = Family {
    name: "prompts",
    data: include_str!("data/prompts.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("prompts", &["Sign up for our newsletter", "Subscribe now", "Please enable JavaScript to view this page.", "Download our app"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["The newsletter she founded in 1998 grew into a magazine read by half a million subscribers across the country."]);
    }
}
