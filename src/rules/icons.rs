//! Icon and sprite labels.
//!
//! Icon fonts and SVG sprites carry text labels that a naive scraper glues
//! into one line (`icon bookmark-bicon bookmarkicon cameraicon …`), class
//! names that leak as text (`fa-chevron-right`, `glyphicon-search`),
//! Material-icon ligature names (`chevron_right`, `expand_more`), glyphs
//! from the Unicode private-use areas that icon fonts draw with, the alt
//! texts of icons ("Facebook icon", "Ícone alerta", "icône menu"), and
//! identifiers that leak as text the same way: a line holding nothing but a
//! UUID (`f2f260c3-bf1f-466a-b856-6f031758a086`: the keys of a shop's
//! widgets, a hundred to a page) is never main text.

use super::{Action, Family, LineView, Shape};

/// The `icons` family.
pub const FAMILY: Family = Family {
    name: "icons",
    data: include_str!("data/icons.rules"),
    shapes: &[
        Shape {
            name: "glued-labels",
            action: Action::Drop,
            matches: glued_labels,
        },
        Shape {
            name: "private-use-glyphs",
            action: Action::Drop,
            matches: private_use_glyphs,
        },
        Shape {
            name: "uuid",
            action: Action::Drop,
            matches: bare_uuid,
        },
    ],
};

/// A line made mostly of tokens that contain `icon`: at least three of
/// them, and at least 40% of the line's tokens.
fn glued_labels(v: &LineView<'_>) -> bool {
    // Most lines hold no `icon` at all: a fast search rules them out (its
    // searcher built once, not per line).
    static ICON: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"icon"));
    if ICON.find_iter(v.key.as_bytes()).take(3).count() < 3 {
        return false;
    }
    let mut tokens = 0u32;
    let mut iconish = 0u32;
    for token in v.key.split(' ') {
        tokens += 1;
        if token.contains("icon") {
            iconish += 1;
        }
    }
    iconish >= 3 && iconish * 5 >= tokens * 2
}

/// A line with icon-font glyphs and no letters or digits at all.
fn private_use_glyphs(v: &LineView<'_>) -> bool {
    let f = v.features;
    f.private_use > 0 && f.letters == 0 && f.digits == 0
}

/// A line that is one UUID: 32 hexadecimal digits in groups of 8, 4, 4, 4
/// and 12, joined by hyphens.
fn bare_uuid(v: &LineView<'_>) -> bool {
    let b = v.text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn glued_sprite_labels() {
        assert_eq!(
            code_of("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon")
                .as_deref(),
            Some("icons.glued-labels")
        );
    }

    #[test]
    fn private_use_glyphs() {
        assert_eq!(
            code_of("\u{f099} \u{f09a}").as_deref(),
            Some("icons.private-use-glyphs")
        );
    }

    #[test]
    fn bare_uuids() {
        assert_family(
            "icons",
            &[
                "f2f260c3-bf1f-466a-b856-6f031758a086",
                "2C805936-3E79-44FA-8BCE-6BC2DA8315BB",
            ],
        );
        assert_eq!(
            code_of("f2f260c3-bf1f-466a-b856-6f031758a086").as_deref(),
            Some("icons.uuid")
        );
        // Not bare, or not a UUID: a sentence, a digest without hyphens,
        // a letter that is no hex digit, an ISBN, a hyphenated word.
        assert_no_drop(&[
            "Your order f2f260c3-bf1f-466a-b856-6f031758a086 has shipped.",
            "f2f260c3bf1f466ab8566f031758a086",
            "f2f260c3-bf1f-466a-b856-6f031758a08g",
            "978-3-16-148410-0",
            "well-known",
        ]);
    }

    #[test]
    fn font_classes_and_ligatures() {
        assert_family(
            "icons",
            &[
                "fa fa-chevron-right",
                "glyphicon glyphicon-search",
                "chevron_right",
                "expand_more",
                "fas fa-search",
                "bi bi-x-lg",
                "dashicons dashicons-share",
                "ri-arrow-right-line",
                "keyboard_arrow_down",
                "arrow_forward_ios",
                "play_circle_outline",
            ],
        );
    }

    #[test]
    fn icon_labels() {
        assert_family(
            "icons",
            &[
                "Facebook icon",
                "search icon",
                "Chevron down icon",
                "YouTube logo",
                "Ícone alerta",
                "icône menu",
                "icono buscar",
            ],
        );
    }

    #[test]
    fn prose_about_icons_is_kept() {
        assert_no_drop(&[
            "The icon of the city, its cathedral, was an iconic image long before the tourist icons on every phone.",
            "Icons",
            "icon",
            "A fashion icon",
            "Pop icon",
            "Icona di stile",
            "Die Ikone des Jugendstils wurde in Wien geboren.",
        ]);
    }
}
