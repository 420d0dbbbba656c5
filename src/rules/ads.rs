//! Advertisement labels and sponsored markers, in many languages.
//!
//! The phrase data (`data/ads.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "ads",
            &[
                "Advertisement",
                "ADVERTISEMENT",
                "Sponsored",
                "- Advertisement -",
                "Advertisement - Scroll to continue",
                "Story continues below advertisement",
                "Ads by Google",
                "Sponsored content",
                "AdChoices",
                "This post may contain affiliate links. As an Amazon Associate I earn from qualifying purchases.",
                // de
                "Anzeige",
                "Werbung",
                "Gesponsert",
                "Weiterlesen nach der Anzeige",
                // fr
                "Publicité",
                "Contenu sponsorisé",
                "La suite après cette publicité",
                // es
                "Publicidad",
                "Contenido patrocinado",
                "Anuncio",
                // it
                "Pubblicità",
                "Contenuto sponsorizzato",
                "Continua a leggere dopo la pubblicità",
                // pt
                "Publicidade",
                "Conteúdo patrocinado",
                "Continua após a publicidade",
                // nl
                "Advertentie",
                "Gesponsord",
                "Het artikel gaat verder onder de advertentie",
                // pl
                "Reklama",
                "Artykuł sponsorowany",
                "Dalsza część artykułu pod reklamą",
                // ru
                "Реклама",
                "На правах рекламы",
                "Партнерский материал",
                // uk
                "На правах реклами",
                "Партнерський матеріал",
                // tr
                "Reklam",
                "Sponsorlu içerik",
                // ar
                "إعلان",
                "محتوى مدعوم",
                "إعلانات",
                // zh
                "广告",
                "廣告",
                "推广",
                "赞助内容",
                // ja
                "広告",
                "スポンサーリンク",
                "PR",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(code_of("Anzeige").as_deref(), Some("ads.label"));
        assert_eq!(
            code_of("La suite après la publicité").as_deref(),
            Some("ads.continue")
        );
        assert_eq!(
            code_of("We may earn a commission when you buy through links on our site.").as_deref(),
            Some("ads.affiliate")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "Advertisement spending fell sharply during the pandemic, and many newspapers cut their print editions as a result.",
            "Affiliate links are a common way for small blogs to earn money.",
            "Promotion",
            "Pub",
            "Partner",
            "Die Werbung für Tabak ist in Deutschland seit Jahren stark eingeschränkt.",
            "La publicité télévisée a perdu un tiers de ses recettes en cinq ans.",
            "La publicidad institucional del Gobierno creció un 20 % durante la campaña.",
            "La pubblicità sui giornali locali è calata per il decimo anno consecutivo.",
            "Реклама на телевидении по-прежнему приносит каналам большую часть доходов.",
            "Reklam harcamaları geçen yıl yüzde on iki arttı.",
            "إعلان الحكومة عن الميزانية الجديدة أثار جدلا واسعا في البرلمان.",
            "广告行业在过去五年里经历了巨大的变化，数字广告已超过电视广告。",
            "広告市場は五年連続で拡大し、ネット広告がテレビ広告を上回った。",
        ]);
    }
}
