//! Bylines: author lines, date and time lines, read-time lines.
//!
//! The phrase data (`data/byline.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

use super::Family;

/// The `byline` family.
pub const FAMILY: Family = Family {
    name: "byline",
    data: include_str!("data/byline.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family(
            "byline",
            &[
                "25 Nov, 2021 17:45",
                "By John Smith",
                "5 min read",
                "September 4, 2025",
                "2021-11-25",
                "By Anna Maria de la Cruz and Tom O'Neil",
                "Published: March 3, 2024 at 9:15 am EST",
                "Thursday, November 25, 2021",
                "Updated 2 hours ago",
                "Posted by admin",
                "Photo: Jane Doe/Reuters",
                "Reading time: 6 minutes",
                "3 days ago",
                // de
                "Von Anna Müller",
                "25. November 2021",
                "Aktualisiert am 25.11.2021, 17:45 Uhr",
                "Donnerstag, 25. November 2021",
                "vor 3 Stunden",
                "Lesezeit: 4 Minuten",
                "Autorin: Petra Schmidt",
                "Foto: dpa",
                // fr
                "Par Jean Dupont",
                "25 novembre 2021",
                "Publié le 25 novembre 2021 à 17h45",
                "1er décembre 2021",
                "Mis à jour le jeudi 25 novembre 2021",
                "il y a 2 heures",
                "5 min de lecture",
                // es
                "Por Ana García",
                "25 de noviembre de 2021",
                "Jueves, 25 de noviembre de 2021 - 17:45",
                "hace 3 horas",
                "Tiempo de lectura: 5 minutos",
                "Actualizado el 25 nov. 2021",
                // it
                "di Mario Rossi",
                "25 novembre 2021",
                "Pubblicato il 25 novembre 2021 alle 17:45",
                "2 ore fa",
                "Tempo di lettura: 4 minuti",
                // pt
                "Por João Silva",
                "25 de novembro de 2021",
                "Publicado em 25 de novembro de 2021 às 17:45",
                "há 2 horas",
                "5 min de leitura",
                // nl
                "door Jan de Vries",
                "25 november 2021",
                "donderdag 25 november 2021, 17:45",
                "2 uur geleden",
                "Leestijd: 4 minuten",
                // pl
                "Autor: Jan Kowalski",
                "25 listopada 2021",
                "25 listopada 2021 r.",
                "czwartek, 25 listopada 2021",
                "2 godziny temu",
                "Czas czytania: 5 min",
                // ru
                "Автор: Иван Петров",
                "25 ноября 2021",
                "25 ноября 2021 г., 17:45",
                "2 часа назад",
                "Опубликовано: 25 ноября 2021",
                "Время чтения: 5 минут",
                // uk
                "Автор: Олена Коваленко",
                "25 листопада 2021",
                "25 листопада 2021 р.",
                "2 години тому",
                // tr
                "Yazar: Ayşe Yılmaz",
                "25 Kasım 2021",
                "25 Kasım 2021 Perşembe",
                "25 Kasım 2021, 17:45",
                "2 saat önce",
                "Okuma süresi: 5 dakika",
                // ar
                "بقلم: أحمد علي",
                "25 نوفمبر 2021",
                "الخميس 25 نوفمبر 2021",
                "٢٥ نوفمبر ٢٠٢١",
                "منذ ساعتين",
                "25 تشرين الثاني 2021",
                // zh
                "2021年11月25日",
                "2021年11月25日 17:45",
                "发布时间：2021-11-25 17:45",
                "作者：张伟",
                "2小时前",
                "阅读约5分钟",
                // ja
                "2021年11月25日(木)",
                "2021年11月25日 17時45分",
                "公開日：2021年11月25日",
                "文・写真：山田太郎",
                "2時間前",
                "この記事は約5分で読めます",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(
            code_of("By Maria Schmidt").as_deref(),
            Some("byline.author")
        );
        assert_eq!(
            code_of("25 ноября 2021 года").as_deref(),
            Some("byline.date")
        );
        assert_eq!(code_of("vor 5 Minuten").as_deref(), Some("byline.relative"));
        assert_eq!(
            code_of("Lesezeit 3 Min.").as_deref(),
            Some("byline.read-time")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "By the end of the year, the team had published more than forty papers on the subject and won two awards.",
            "By The Way",
            "By land and by sea",
            "November 2021",
            "Today",
            "Heute",
            "5 min",
            "Text Messages",
            "Door Hardware Guide",
            "Published by Penguin Random House",
            "Source: Bureau of Labor Statistics",
            "On 25 November 2021 the parliament voted to extend the mandate of the mission for another year.",
            "Am 25. November 2021 beschloss der Stadtrat, die Straßenbahn bis zum Flughafen zu verlängern.",
            "Le 25 novembre 2021, le conseil municipal a voté la prolongation du tramway jusqu'à l'aéroport.",
            "El 25 de noviembre de 2021 el ayuntamiento aprobó ampliar el tranvía hasta el aeropuerto.",
            "25 ноября 2021 года городской совет решил продлить трамвайную линию до аэропорта.",
            "25 Kasım 2021'de belediye meclisi tramvay hattını havalimanına kadar uzatma kararı aldı.",
            "2021年11月25日，市议会决定将有轨电车线路延长至机场。",
            "Von Anfang an war klar, dass das Projekt teurer werden würde.",
            "Por qué la inflación golpea más a los hogares pobres",
            "image: nginx:stable",
        ]);
    }
}
