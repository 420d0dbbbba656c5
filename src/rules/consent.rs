//! Consent banners: cookies, privacy choices, GDPR prompts.
//!
//! The phrase data (`data/consent.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "consent",
            &[
                "Accept all cookies",
                "We use cookies to improve your experience on our website.",
                "Manage cookie preferences",
                "Reject all",
                "Cookie settings",
                "Accept",
                "This website uses cookies to ensure you get the best experience on our website. By continuing to browse, you agree to our use of cookies.",
                "We and our partners store and/or access information on a device, such as cookies, and process personal data for personalised ads and content.",
                // de
                "Alle akzeptieren",
                "Nur notwendige Cookies",
                "Einstellungen speichern",
                "Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten. Wenn Sie die Website weiter nutzen, stimmen Sie der Verwendung von Cookies zu.",
                // fr
                "Tout accepter",
                "Tout refuser",
                "Continuer sans accepter",
                "Paramétrer les cookies",
                "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies pour vous proposer des contenus adaptés.",
                // es
                "Aceptar todas",
                "Rechazar todo",
                "Configurar cookies",
                "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.",
                // it
                "Accetta tutti",
                "Rifiuta tutti",
                "Gestisci preferenze",
                "Questo sito utilizza cookie tecnici e di profilazione. Proseguendo la navigazione acconsenti all'uso dei cookie.",
                // pt
                "Aceitar todos",
                "Rejeitar todos",
                "Gerir cookies",
                "Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, concorda com a utilização de cookies.",
                // nl
                "Alles accepteren",
                "Alles weigeren",
                "Cookie-instellingen",
                "Wij gebruiken cookies om onze website te verbeteren. Door verder te gaan ga je akkoord met het gebruik van cookies.",
                // pl
                "Akceptuj wszystkie",
                "Odrzuć wszystkie",
                "Ustawienia cookies",
                "Ta strona używa plików cookie w celach statystycznych. Korzystając z serwisu, wyrażasz zgodę na ich zapisywanie w pamięci urządzenia.",
                // ru
                "Принять все",
                "Отклонить",
                "Настройки cookie",
                "Мы используем файлы cookie для улучшения работы сайта. Продолжая использовать сайт, вы соглашаетесь с использованием cookie.",
                // uk
                "Прийняти всі",
                "Відхилити",
                "Налаштування cookie",
                "Ми використовуємо файли cookie, щоб покращити роботу сайту. Продовжуючи користуватися сайтом, ви погоджуєтеся з використанням cookie.",
                // tr
                "Tümünü kabul et",
                "Reddet",
                "Çerez ayarları",
                "Sitemizde size daha iyi hizmet sunmak için çerezler kullanılmaktadır. Sitemizi kullanmaya devam ederek çerez kullanımına izin vermiş olursunuz.",
                // ar
                "قبول الكل",
                "رفض الكل",
                "إعدادات ملفات تعريف الارتباط",
                "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. باستمرارك في استخدام الموقع فإنك توافق على ذلك.",
                // zh
                "接受所有",
                "全部拒绝",
                "Cookie设置",
                "我们使用Cookie来改善您的浏览体验和分析网站流量。继续浏览本网站即表示您同意我们使用Cookie。",
                // ja
                "すべて受け入れる",
                "すべて拒否",
                "Cookie設定",
                "当サイトではサービス向上のためにCookieを使用しています。サイトの閲覧を続けることで、Cookieの使用に同意したものとみなされます。",
            ],
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "Grandmother's cookies were the best in the village: she baked them every Sunday with butter, honey and a pinch of salt, and we use cookies like hers to remember her.",
            "Under the new rules, a website must explain its cookie policy clearly and obtain consent before the use of cookies for tracking.",
            "The regulator fined the retailer after finding that its banner made it harder to reject cookies than to accept them.",
            "Most users accept cookies without reading the terms, a study by the university found.",
            "Die Datenschutzbehörde kritisierte, dass viele Websites Cookies setzen, bevor die Nutzer zustimmen können.",
            "La CNIL a rappelé que le refus des cookies doit être aussi simple que leur acceptation.",
            "El tribunal consideró que aceptar las cookies no puede ser una condición para acceder al contenido.",
            "Il Garante ha sanzionato l'azienda perché i cookie di profilazione venivano installati senza consenso.",
            "Регулятор оштрафовал компанию за то, что сайт сохранял файлы cookie без согласия пользователей.",
            "Kurul, çerezlerin kullanıcı onayı alınmadan kaydedilmesini hukuka aykırı buldu.",
            "监管机构指出，许多网站在用户同意之前就已经写入了Cookie。",
            "Accept the things you cannot change",
            "Agree",
        ]);
    }
}
