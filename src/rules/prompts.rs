//! Prompts: newsletter and subscription offers, paywalls, app downloads,
//! "enable JavaScript" notices.
//!
//! The phrase data (`data/prompts.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "prompts",
            &[
                "Sign up for our newsletter",
                "Subscribe now",
                "Please enable JavaScript to view this page.",
                "Download our app",
                "Subscribe to continue reading",
                "This content is for subscribers only.",
                "Already a subscriber? Log in",
                "You've reached your free article limit.",
                "Get the latest news delivered straight to your inbox.",
                "Enter your email address",
                "Get it on Google Play",
                "Please disable your ad blocker to support our journalism.",
                // de
                "Newsletter abonnieren",
                "Jetzt abonnieren",
                "Dieser Artikel ist nur für Abonnenten verfügbar.",
                "Bereits Abonnent? Hier anmelden",
                "Bitte aktivieren Sie JavaScript in Ihrem Browser.",
                "Laden Sie unsere App herunter",
                // fr
                "Abonnez-vous",
                "Inscrivez-vous à notre newsletter",
                "Cet article est réservé aux abonnés.",
                "Déjà abonné ? Se connecter",
                "Veuillez activer JavaScript dans votre navigateur.",
                "Téléchargez l'application",
                // es
                "Suscríbete",
                "Suscríbete a nuestro boletín",
                "Este contenido es exclusivo para suscriptores.",
                "¿Ya eres suscriptor? Inicia sesión",
                "Por favor, habilita JavaScript para ver este sitio.",
                "Descarga nuestra app",
                // it
                "Iscriviti alla newsletter",
                "Abbonati",
                "Contenuto riservato agli abbonati",
                "Abilita JavaScript per visualizzare questa pagina.",
                "Scarica l'app",
                // pt
                "Assine",
                "Assine nossa newsletter",
                "Conteúdo exclusivo para assinantes",
                "Ative o JavaScript no seu navegador.",
                "Baixe o app",
                // nl
                "Schrijf je in voor onze nieuwsbrief",
                "Dit artikel is alleen voor abonnees.",
                "Schakel JavaScript in om deze pagina te bekijken.",
                "Download onze app",
                // pl
                "Zapisz się do newslettera",
                "Treść dostępna tylko dla subskrybentów",
                "Włącz JavaScript, aby zobaczyć tę stronę.",
                "Pobierz aplikację",
                // ru
                "Подпишитесь на рассылку",
                "Этот материал доступен только подписчикам",
                "Включите JavaScript в настройках браузера.",
                "Скачайте приложение",
                // uk
                "Підпишіться на розсилку",
                "Цей матеріал доступний лише передплатникам",
                "Увімкніть JavaScript у налаштуваннях браузера.",
                "Завантажте застосунок",
                // tr
                "Bültenimize abone olun",
                "Bu içerik sadece abonelere özeldir.",
                "Lütfen JavaScript'i etkinleştirin.",
                "Uygulamayı indir",
                // ar
                "اشترك في النشرة البريدية",
                "هذا المحتوى متاح للمشتركين فقط",
                "يرجى تفعيل جافا سكريبت",
                "حمّل التطبيق",
                // zh
                "订阅",
                "立即订阅",
                "本文为付费内容，订阅后可阅读全文",
                "请启用JavaScript以正常浏览本网站",
                "下载APP",
                // ja
                "メルマガ登録",
                "この記事は有料会員限定です。",
                "JavaScriptを有効にしてください。",
                "アプリをダウンロード",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(
            code_of("Jetzt abonnieren").as_deref(),
            Some("prompts.newsletter")
        );
        assert_eq!(
            code_of("Réservé aux abonnés").as_deref(),
            Some("prompts.paywall")
        );
        assert_eq!(code_of("Pobierz aplikację").as_deref(), Some("prompts.app"));
        assert_eq!(
            code_of("JavaScript is disabled in your browser.").as_deref(),
            Some("prompts.javascript")
        );
        assert_eq!(
            code_of("We noticed you're using an ad blocker.").as_deref(),
            Some("prompts.adblock")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "The newsletter she founded in 1998 grew into a magazine read by half a million subscribers across the country.",
            "Ad blockers are now used by a third of readers, and publishers are looking for new ways to pay for journalism.",
            "The best ad blockers for Chrome",
            "Netflix lets you cancel anytime.",
            "Confirm your email address",
            "Email address",
            "Premium",
            "Subscribers will receive the printed edition on Saturdays, and the digital edition every morning at six.",
            "Der Verlag hat die Zahl seiner Abonnenten im vergangenen Jahr fast verdoppelt.",
            "Le journal compte désormais plus d'abonnés numériques que de lecteurs de l'édition papier.",
            "Il vous reste une semaine pour rendre le dossier.",
            "La app del banco permite ahora pagar con el móvil en todos los comercios de la ciudad.",
            "Число подписчиков газеты за год выросло почти вдвое.",
            "Gazetenin abone sayısı geçen yıl neredeyse iki katına çıktı.",
            "该报的订阅用户在过去一年里几乎翻了一番。",
            "同紙の有料会員数は昨年ほぼ倍増した。",
        ]);
    }
}
