//! Repeats: a line (typically the title) that occurs again verbatim.
//!
//! Matching is on whole documents, so the repeat itself is found in the
//! decision stage; this family's data holds only the "back to top" links
//! that repeat on every page, in en, de, fr, es, it, pt, nl, pl, ru, uk, tr,
//! ar, zh and ja.

use super::Family;

/// The `repeats` family.
pub const FAMILY: Family = Family {
    name: "repeats",
    data: include_str!("data/repeats.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family(
            "repeats",
            &[
                "Back to top",
                "Scroll to top",
                "↑ Top",
                "Nach oben",
                "Zum Seitenanfang",
                "Haut de page",
                "Retour en haut",
                "Volver arriba",
                "Torna su",
                "Voltar ao topo",
                "Naar boven",
                "Do góry",
                "Наверх",
                "Вгору",
                "Başa dön",
                "العودة إلى الأعلى",
                "返回顶部",
                "ページトップへ",
            ],
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "Back to the top of the mountain the climbers went, this time with better ropes and more food.",
            "Top 10 hiking trails in the Alps",
            "Haut",
            "Subir",
            "Topo",
            "Nach oben hin ist die Skala offen, sagte der Meteorologe.",
        ]);
    }
}
