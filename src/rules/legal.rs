//! Footers and legal lines: copyright, terms, privacy, "all rights
//! reserved".
//!
//! The phrase data (`data/legal.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

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
        assert_family(
            "legal",
            &[
                "© 2024 Example Media. All rights reserved.",
                "Copyright 2021 Example Inc.",
                "Privacy Policy",
                "Terms of Use",
                "(c) 2019-2024 Example Ltd",
                "Cookie Policy",
                "Accessibility statement",
                "Proudly powered by WordPress",
                // de
                "Alle Rechte vorbehalten.",
                "Impressum",
                "Datenschutzerklärung",
                "Nutzungsbedingungen",
                "AGB",
                "© 2024 Beispiel Verlag GmbH. Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.",
                // fr
                "Tous droits réservés",
                "Mentions légales",
                "Politique de confidentialité",
                "Plan du site",
                // es
                "Todos los derechos reservados",
                "Aviso legal",
                "Política de privacidad",
                "Términos y condiciones",
                // it
                "Tutti i diritti riservati",
                "Note legali",
                "Informativa sulla privacy",
                "P.IVA 01234567890",
                // pt
                "Todos os direitos reservados",
                "Política de privacidade",
                "Termos de uso",
                // nl
                "Alle rechten voorbehouden",
                "Privacyverklaring",
                "Algemene voorwaarden",
                "Colofon",
                // pl
                "Wszelkie prawa zastrzeżone",
                "Polityka prywatności",
                "Regulamin",
                // ru
                "Все права защищены",
                "Политика конфиденциальности",
                "Пользовательское соглашение",
                "© 2021 Городские новости. Все права защищены. Перепечатка запрещена.",
                // uk
                "Усі права захищені",
                "Політика конфіденційності",
                "Умови використання",
                // tr
                "Tüm hakları saklıdır",
                "Gizlilik politikası",
                "Kullanım koşulları",
                "KVKK",
                "Künye",
                // ar
                "جميع الحقوق محفوظة",
                "سياسة الخصوصية",
                "شروط الاستخدام",
                "اتصل بنا",
                // zh
                "版权所有",
                "隐私政策",
                "用户协议",
                "京ICP备12345678号-1",
                "联系我们",
                // ja
                "無断転載を禁じます",
                "プライバシーポリシー",
                "利用規約",
                "サイトマップ",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(
            code_of("© 2024 Example Media").as_deref(),
            Some("legal.copyright")
        );
        assert_eq!(code_of("Mentions légales").as_deref(), Some("legal.links"));
        assert_eq!(
            code_of("京公网安备 11010502000000号").as_deref(),
            Some("legal.registration")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "The court ruled that copyright protects the arrangement of the work, not the facts it contains, and all rights reserved by the author remain valid.",
            "Copyright",
            "Contact",
            "Kontakt",
            "Disclaimer",
            "FAQ",
            "Powered by AI",
            "Designed by Frank Lloyd Wright",
            "Vie privée",
            "Das Urheberrecht schützt die Form eines Werkes, nicht die Idee, die ihm zugrunde liegt.",
            "Le droit d'auteur protège la forme d'une œuvre, pas l'idée qui la sous-tend.",
            "Los derechos de autor protegen la forma de una obra, no la idea que hay detrás de ella.",
            "Авторское право защищает форму произведения, но не идею, лежащую в его основе.",
            "著作权保护的是作品的表达形式，而不是其背后的思想。",
            "申请ICP备案通常需要二十个工作日左右。",
        ]);
    }
}
