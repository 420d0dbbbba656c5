//! Navigation: menus, breadcrumbs, skip links, pagination, language
//! pickers, account links and search boxes.

use super::Family;

/// The `navigation` family.
pub const FAMILY: Family = Family {
    name: "navigation",
    data: include_str!("data/navigation.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("navigation", &["Skip to content", "Home > News > World", "Sign in", "Next page", "Page 2 of 5", "Search"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["She signed in to the hospital at dawn, and the nurses showed her the way home after the long night.", "Home"]);
    }
}
