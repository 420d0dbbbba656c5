//! Social widgets: share and follow buttons and their counters.
//!
//! The phrase data (`data/social.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

use super::Family;

/// The `social` family.
pub const FAMILY: Family = Family {
    name: "social",
    data: include_str!("data/social.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family(
            "social",
            &[
                "Share on Facebook",
                "12 comments",
                "3.4K shares",
                "Follow us on Twitter",
                "Tweet",
                "Share this article",
                "Copy link",
                "Facebook Twitter LinkedIn Email",
                "Share via WhatsApp",
                "No comments yet",
                "Be the first to comment",
                "Your email address will not be published. Required fields are marked *",
                // de
                "Teilen",
                "Auf Facebook teilen",
                "Per E-Mail versenden",
                "12 Kommentare",
                "Folgen Sie uns auf Instagram",
                "Link kopieren",
                "Drucken",
                // fr
                "Partager",
                "Partager sur Twitter",
                "12 commentaires",
                "Suivez-nous sur Facebook",
                "Imprimer",
                "Votre adresse e-mail ne sera pas publiée.",
                // es
                "Compartir",
                "Compartir en WhatsApp",
                "12 comentarios",
                "Síguenos en Instagram",
                "Copiar enlace",
                // it
                "Condividi",
                "Condividi su Facebook",
                "12 commenti",
                "Seguici su Instagram",
                "Stampa",
                // pt
                "Compartilhar",
                "Partilhar no Facebook",
                "12 comentários",
                "Siga-nos no Instagram",
                // nl
                "Delen",
                "Deel op Facebook",
                "12 reacties",
                "Volg ons op Instagram",
                // pl
                "Udostępnij",
                "Udostępnij na Facebooku",
                "12 komentarzy",
                "Obserwuj nas na Facebooku",
                // ru
                "Поделиться",
                "12 комментариев",
                "3 комментария",
                "1,2 тыс. просмотров",
                "ВКонтакте",
                "Подписывайтесь на нас в Telegram",
                "Версия для печати",
                // uk
                "Поділитися",
                "12 коментарів",
                "Слідкуйте за нами в Telegram",
                // tr
                "Paylaş",
                "Facebook'ta paylaş",
                "12 yorum",
                "Bizi takip edin",
                // ar
                "شارك",
                "شارك على فيسبوك",
                "12 تعليق",
                "تابعنا على تويتر",
                // zh
                "分享到微信",
                "微博",
                "12 条评论",
                "阅读 1.2万",
                "关注我们",
                // ja
                "シェア",
                "ツイート",
                "Facebookでシェア",
                "12件のコメント",
                "はてなブックマーク",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(code_of("12 Kommentare").as_deref(), Some("social.counter"));
        assert_eq!(
            code_of("Partager sur Facebook").as_deref(),
            Some("social.share")
        );
        assert_eq!(
            code_of("Suivez-nous sur Instagram").as_deref(),
            Some("social.follow")
        );
        assert_eq!(
            code_of("Nessun commento").as_deref(),
            Some("social.comment-widget")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "Shares of the company rose 12 percent after the merger was announced, the biggest gain in a decade.",
            "Instagram",
            "YouTube",
            "TikTok",
            "Social media",
            "She shared the prize with two colleagues from the institute in Lyon.",
            "Facebook said on Tuesday it would share more data with researchers studying elections.",
            "12 comments from readers were published in the print edition the following week, most of them critical.",
            "Die Aktie des Konzerns teilte sich im Frühjahr, und die Anleger folgten dem Rat der Analysten.",
            "Le partage des tâches ménagères reste inégal, selon une étude publiée jeudi.",
            "Compartir el coche se ha convertido en una costumbre entre los estudiantes de la universidad.",
            "Поделиться опытом с молодыми врачами приехали специалисты из трёх областей.",
            "Paylaşım ekonomisi, özellikle büyük şehirlerde hızla büyüyor.",
            "分享经济在大城市中发展迅速，但监管仍然滞后。",
        ]);
    }
}
