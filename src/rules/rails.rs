//! Rails: related, recommended, trending and most-read lists, and comment
//! sections.
//!
//! The headers of `rails.header` carry the `rail` action: once the main
//! text has ended, such a header starts residue (boilerpipe's observation);
//! inside the main text they are left alone. Only comment sections and
//! end-of-article recirculation ("Related articles", "You may also like")
//! are rails: boxes that also sit inside articles or in sidebars ("Read
//! also", "Most read", "Latest news") are plain drops (`rails.inline`), so
//! that they never end the main text early.
//!
//! The phrase data (`data/rails.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "rails",
            &[
                "Related articles",
                "Read more",
                "Comments",
                "Most popular",
                "You may also like",
                "Comments (12)",
                "Recommended for you",
                "Leave a Reply",
                "More from",
                "Latest news",
                // de
                "Ähnliche Artikel",
                "Mehr zum Thema",
                "Das könnte Sie auch interessieren",
                "Kommentare",
                "Meistgelesen",
                // fr
                "Articles similaires",
                "À lire aussi",
                "Sur le même sujet",
                "Commentaires",
                "Les plus lus",
                // es
                "Artículos relacionados",
                "También te puede interesar",
                "Lo más leído",
                "Comentarios",
                "Deja un comentario",
                // it
                "Articoli correlati",
                "Leggi anche",
                "I più letti",
                "Commenti",
                "Lascia un commento",
                // pt
                "Artigos relacionados",
                "Leia também",
                "Mais lidas",
                "Comentários",
                "Deixe um comentário",
                // nl
                "Gerelateerde artikelen",
                "Lees ook",
                "Meest gelezen",
                "Reacties",
                "Geef een reactie",
                // pl
                "Powiązane artykuły",
                "Zobacz też",
                "Najczęściej czytane",
                "Komentarze",
                "Dodaj komentarz",
                // ru
                "Похожие статьи",
                "Читайте также",
                "Самое читаемое",
                "Комментарии",
                "Оставить комментарий",
                // uk
                "Схожі статті",
                "Читайте також",
                "Найпопулярніше",
                "Коментарі",
                "Залишити коментар",
                // tr
                "İlgili Haberler",
                "Bunlar da ilginizi çekebilir",
                "En çok okunanlar",
                "Yorumlar",
                "Yorum yap",
                // ar
                "مقالات ذات صلة",
                "اقرأ أيضا",
                "الأكثر قراءة",
                "التعليقات",
                "أضف تعليقاً",
                // zh
                "相关文章",
                "推荐阅读",
                "热门文章",
                "评论",
                "發表評論",
                // ja
                "関連記事",
                "あわせて読みたい",
                "人気記事",
                "コメント",
                "コメントを書く",
            ],
        );
    }

    #[test]
    fn rails_are_headers_not_drops() {
        assert_no_drop(&[
            "Related articles",
            "Kommentare",
            "Похожие статьи",
            "コメント",
        ]);
    }

    #[test]
    fn inline_boxes_are_drops_not_rails() {
        // Boxes that also sit inside an article must not end it.
        for line in [
            "Also read:",
            "Lire aussi",
            "Читайте также",
            "関連記事",
            "Most read",
            "Latest News",
        ] {
            assert_eq!(code_of(line).as_deref(), Some("rails.inline"), "{line:?}");
        }
        assert_eq!(code_of("Comments").as_deref(), Some("rails.header"));
        assert_eq!(code_of("Leave a Reply").as_deref(), Some("rails.header"));
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "Related research from the same group showed that the effect holds across different age groups and countries.",
            "See also",
            "Further reading",
            "Discussion",
            "Kommentar",
            "Responses",
            "comments: 5",
            "More from Havasupai. Check out",
            "Her comments on the matter were widely reported in the national press.",
            "Die Kommentare der Leser zeigen, wie sehr das Thema die Stadt bewegt.",
            "Les commentaires des lecteurs montrent à quel point le sujet divise la ville.",
            "Los comentarios de los lectores muestran cuánto divide el tema a la ciudad.",
            "Комментарии читателей показывают, насколько эта тема волнует город.",
        ]);
    }
}
