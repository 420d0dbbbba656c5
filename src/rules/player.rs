//! Media players and widgets.
//!
//! Timestamps and durations (`0:00`, `14:40`, `0:00 / 3:21`), the labels of
//! player buttons (play, pause, mute, full screen, captions, playback rate),
//! and the text that video players render for screen readers ("This is a
//! modal window", "Beginning of dialog window").
//!
//! The phrase data (`data/player.rules`) covers en, de, fr, es, it, pt,
//! nl, pl, ru, uk, tr, ar, zh and ja; its header lists the phrases left out
//! on purpose.

use super::Family;

/// The `player` family.
pub const FAMILY: Family = Family {
    name: "player",
    data: include_str!("data/player.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family(
            "player",
            &[
                "0:00",
                "14:40",
                "0:00 / 3:21",
                "13:8",
                "1:02:03",
                "-2:15",
                "Play",
                "Mute",
                "This is a modal window.",
                "Playback Rate",
                "Current Time 0:00",
                "Duration 3:21",
                "Loaded: 0%",
                "0.5x 1x 1.25x 1.5x 2x",
                "1080p 720p 480p 360p Auto",
                "This is a modal window. This modal can be closed by pressing the Escape key or activating the close button.",
                "Beginning of dialog window. Escape will cancel and close the window.",
                "If playback doesn't begin shortly, try restarting your device.",
                "Watch later",
                "Tap to unmute",
                // de
                "Wiedergabe",
                "Stummschaltung aufheben",
                "Vollbildmodus beenden",
                "Untertitel aus",
                "Dies ist ein modales Fenster.",
                "Aktuelle Zeit 0:00",
                // fr
                "Lire la vidéo",
                "Plein écran",
                "Sous-titres désactivés",
                "Ceci est une fenêtre modale.",
                "Temps restant -3:21",
                // es
                "Reproducir",
                "Silenciar",
                "Pantalla completa",
                "Velocidad de reproducción",
                "Esta es una ventana modal.",
                // it
                "Riproduci",
                "Schermo intero",
                "Sottotitoli disattivati",
                "Questa è una finestra modale.",
                // pt
                "Reproduzir",
                "Tela cheia",
                "Ecrã inteiro",
                "Legendas",
                "Esta é uma janela modal.",
                // nl
                "Afspelen",
                "Volledig scherm",
                "Ondertiteling uit",
                "Dit is een modaal venster.",
                // pl
                "Odtwórz",
                "Wycisz",
                "Pełny ekran",
                "Napisy wyłączone",
                "To jest okno modalne.",
                // ru
                "Воспроизвести",
                "Выключить звук",
                "Полноэкранный режим",
                "Субтитры",
                "Это модальное окно.",
                "Текущее время 0:00",
                // uk
                "Відтворити",
                "Вимкнути звук",
                "Повноекранний режим",
                "Гучність",
                // tr
                "Oynat",
                "Duraklat",
                "Sesi kapat",
                "Tam ekran",
                "Altyazılar",
                // ar
                "تشغيل",
                "إيقاف مؤقت",
                "كتم الصوت",
                "ملء الشاشة",
                // zh
                "播放",
                "暂停",
                "静音",
                "全屏",
                "退出全屏",
                "倍速",
                // ja
                "再生",
                "一時停止",
                "ミュート",
                "全画面表示",
                "字幕オフ",
            ],
        );
    }

    #[test]
    fn reason_codes() {
        assert_eq!(code_of("0:00").as_deref(), Some("player.timestamp"));
        assert_eq!(
            code_of("Remaining Time -1:23").as_deref(),
            Some("player.time-label")
        );
        assert_eq!(code_of("Vollbild").as_deref(), Some("player.control"));
        assert_eq!(
            code_of("No compatible source was found for this media.").as_deref(),
            Some("player.dialog")
        );
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[
            "The concert was played at 14:40 on Sunday, and the crowd stayed until the last encore was over.",
            "Play the long game: a strategy for patient investors who would rather wait than trade every week.",
            "Press play on any of the videos below to hear how the choir sounded in the old cathedral.",
            "The new player supports captions in twelve languages, full screen viewing and a playback speed of up to twice the normal rate.",
            "Die Wiedergabe der Aufnahme dauerte 3:21 Minuten, länger als alle anderen Stücke auf dem Album.",
            "Le lecteur vidéo du site a été entièrement repensé pour les écrans de téléphone cette année.",
            "El silencio en la sala fue total cuando el director pidió que se reprodujera la grabación de la reunión.",
            "Il sottotitolo del libro, scelto dall'editore, ha fatto discutere i critici per settimane.",
            "Субтитры к фильму перевели на шесть языков, а премьера прошла в полном зале.",
            "Filmin altyazıları altı dile çevrildi ve gösterim tam ekran bir salonda yapıldı.",
            "视频播放量在一周内突破了一千万次，成为平台上最受欢迎的纪录片之一。",
            "この映画の字幕は六つの言語に翻訳され、初日の上映はすべて満席となった。",
            "Score 2:1",
            "Pause for thought",
        ]);
    }
}
