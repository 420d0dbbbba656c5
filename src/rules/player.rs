//! Media players and widgets.
//!
//! Timestamps and durations (`0:00`, `14:40`, `0:00 / 3:21`), the labels of
//! player buttons (play, pause, mute, full screen, captions, playback rate),
//! and the text that video players render for screen readers ("This is a
//! modal window", "Beginning of dialog window").

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
        assert_family("player", &["0:00", "14:40", "0:00 / 3:21", "13:8", "Play", "Mute", "This is a modal window.", "Playback Rate"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&["The concert was played at 14:40 on Sunday, and the crowd stayed until the last encore was over.", "Play the long game: a strategy for patient investors who would rather wait than trade every week."]);
    }
}
