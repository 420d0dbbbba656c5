//! Footers and legal lines: copyright, terms, privacy, "all rights
//! reserved".

use super::Family;

/// The `legal` family.
pub const FAMILY: Family = Family {
    name: "legal",
    data: include_str!("data/legal.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("legal", &["© 2024 Example Media. All rights reserved.", "Copyright 2021 Example Inc.", "Privacy Policy", "Terms of Use"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["The court ruled that copyright protects the arrangement of the work, not the facts it contains, and all rights reserved by the author remain valid."]);
    }
}
