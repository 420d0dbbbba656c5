//! Navigation: menus, breadcrumbs, skip links, pagination, language
//! pickers, account links and search boxes.
//!
//! The phrase data (`data/navigation.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "navigation",
            &[
                "Skip to content",
                "Skip to main content",
                "Home > News > World",
                "Home / Blog / Travel Notes",
                "Home | About | Contact",
                "Sign in",
                "Sign in / Register",
                "Next page",
                "Page 2 of 5",
                "Search",
                "« Previous 1 2 3 … 10 Next »",
                "Load more",
                "Menu",
                "Toggle navigation",
                "English Deutsch Français Español",
                "EN | DE | FR",
                "You are here: Home > Travel",
                "Continue reading",
                // de
                "Zum Inhalt springen",
                "Startseite » Politik » Ausland",
                "Anmelden",
                "Registrieren",
                "Suche",
                "Seite 2 von 5",
                "Nächste Seite",
                "Menü schließen",
                "Sie sind hier: Startseite > Kultur",
                "Weiterlesen",
                "Anmelden | Registrieren",
                // fr
                "Aller au contenu principal",
                "Accueil > Actualités > Monde",
                "Se connecter",
                "Rechercher",
                "Page suivante",
                "Page 3 sur 7",
                "Fermer le menu",
                "Lire la suite",
                "Mot de passe oublié ?",
                // es
                "Saltar al contenido",
                "Iniciar sesión",
                "Buscar",
                "Página siguiente",
                "Página 2 de 5",
                "Cargar más",
                "Menú principal",
                "Leer más",
                // it
                "Vai al contenuto",
                "Accedi",
                "Registrati",
                "Cerca",
                "Pagina successiva",
                "Pagina 2 di 5",
                "Leggi tutto",
                // pt
                "Ir para o conteúdo",
                "Entrar",
                "Pesquisar",
                "Próxima página",
                "Carregar mais",
                "Leia mais",
                // nl
                "Naar de inhoud",
                "Inloggen",
                "Zoeken",
                "Volgende pagina",
                "Pagina 2 van 5",
                "Lees meer",
                // pl
                "Przejdź do treści",
                "Zaloguj się",
                "Szukaj",
                "Następna strona",
                "Strona 2 z 5",
                "Czytaj dalej",
                "Strona główna",
                // ru
                "Перейти к содержимому",
                "Войти",
                "Регистрация",
                "Поиск",
                "Следующая страница",
                "Страница 2 из 5",
                "Главная",
                "Читать далее",
                "Вход / Регистрация",
                "Русский",
                // uk
                "Перейти до вмісту",
                "Увійти",
                "Пошук",
                "Наступна сторінка",
                "Головна",
                "Читати далі",
                "Українська",
                // tr
                "İçeriğe geç",
                "Giriş yap",
                "Üye ol",
                "Arama",
                "Sonraki sayfa",
                "Ana sayfa",
                "Devamını oku",
                // ar
                "انتقل إلى المحتوى",
                "تسجيل الدخول",
                "بحث",
                "الصفحة التالية",
                "الرئيسية",
                "اقرأ المزيد",
                "العربية",
                // zh
                "跳到主要内容",
                "首页 > 新闻 > 国际",
                "登录",
                "注册",
                "搜索",
                "下一页",
                "第2页",
                "加载更多",
                "阅读全文",
                "当前位置：首页 > 科技",
                "上一篇：春天的第一场雨",
                "简体中文",
                "登录 | 注册",
                // ja
                "本文へスキップ",
                "ログイン",
                "新規登録",
                "検索",
                "次のページ",
                "もっと見る",
                "続きを読む",
                "日本語",
                "メニューを閉じる",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(
            code_of("Home > News > World").as_deref(),
            Some("navigation.breadcrumb")
        );
        assert_eq!(
            code_of("Seite 2 von 5").as_deref(),
            Some("navigation.pagination")
        );
        assert_eq!(
            code_of("English Deutsch Français").as_deref(),
            Some("navigation.language")
        );
        assert_eq!(
            code_of("Zaloguj się").as_deref(),
            Some("navigation.account")
        );
        assert_eq!(
            code_of("Weiterlesen").as_deref(),
            Some("navigation.read-more")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "She signed in to the hospital at dawn, and the nurses showed her the way home after the long night.",
            "Home",
            "News",
            "Video",
            "Introduction",
            "Giriş",
            "Recherche",
            "The menu at this small restaurant changes every week, and the chef writes it by hand each morning.",
            "Search and rescue teams worked through the night to reach the villages cut off by the landslide.",
            "Next year the council will decide whether to extend the tram line to the airport.",
            "Working Directory → Staging Area → Git Repository",
            "ls -la | grep deboil | sort",
            "| Rank | Company | Revenue |",
            "Productivity • Developer Tools • GitHub",
            "Die Suche nach den Vermissten wurde am Abend wegen des Sturms unterbrochen.",
            "La page suivante du rapport détaille les dépenses de la région pour l'année 2023.",
            "Para iniciar sesión en el portal, los usuarios deberán usar su número de documento y una contraseña nueva.",
            "Поиск пропавших туристов продолжался три дня, пока спасатели не нашли их в горах.",
            "Главная задача новой команды — сократить время ожидания в поликлиниках.",
            "Ana sayfa tasarımı, kullanıcıların geri bildirimleri doğrultusunda yeniden yapıldı.",
            "البحث عن المفقودين استمر ثلاثة أيام قبل أن يعثر عليهم فريق الإنقاذ في الجبال.",
            "登录人数在新年前夜创下纪录，服务器一度出现短暂延迟。",
            "検索エンジンの仕組みについて、専門家が初心者向けにわかりやすく解説した。",
            "1 2",
            "Deutsch als Fremdsprache: Warum die Kurse in diesem Jahr so gefragt sind",
        ]);
    }
}
