//! Lines a document has already shown, found by their bytes.
//!
//! A page's text repeats itself: the same menu entry in the header and the
//! footer, `Reply` under every comment, and in text taken one node per
//! line, punctuation (`,`, `.`, `(`) between the links of a sentence. On
//! the dev set a third of the non-blank lines repeat a line earlier in
//! the same document, nearly all of them shorter than 20 bytes. What the
//! analysis of a line finds (its features, key, rule, words) depends on
//! its bytes alone, so a repeat takes it from the first occurrence
//! instead of analysing the line again.
//!
//! Only short lines are remembered ([`MAX_REMEMBERED_BYTES`]): long ones
//! seldom repeat, and hashing them would cost more than it saves. The
//! memory is one entry per distinct short line of the document being
//! decided, cleared for the next.

use crate::decide::KeyHashMap;

/// Lines longer than this (in bytes, terminator excluded) are not
/// remembered.
pub(crate) const MAX_REMEMBERED_BYTES: usize = 200;

/// The first occurrence of each short line of a document, by its bytes.
#[derive(Debug, Default)]
pub(crate) struct SameLines {
    /// A hash of a line's bytes, to the index of its first occurrence.
    first: KeyHashMap<u32>,
}

impl SameLines {
    /// Forgets every line: the next document starts afresh.
    pub(crate) fn clear(&mut self) {
        self.first.clear();
    }

    /// The index of an earlier line whose bytes are `bytes`; when there
    /// is none, line `index` is remembered as the first with these bytes.
    /// `bytes_of(j)` gives the bytes of line `j`, remembered earlier, to
    /// tell two lines whose hashes collide (the later one is then neither
    /// matched nor remembered).
    pub(crate) fn earlier<'b>(
        &mut self,
        bytes: &[u8],
        index: usize,
        bytes_of: impl Fn(usize) -> &'b [u8],
    ) -> Option<usize> {
        // An empty line is told blank at once; only lines with bytes are
        // worth a look-up.
        if bytes.is_empty() || bytes.len() > MAX_REMEMBERED_BYTES {
            return None;
        }
        let Ok(index) = u32::try_from(index) else {
            return None;
        };
        match self.first.entry(bytes_hash(bytes)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let j = *e.get() as usize;
                (bytes_of(j) == bytes).then_some(j)
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(index);
                None
            }
        }
    }
}

/// A hash of a short byte string, eight bytes at a step. The map mixes it
/// again with a per-process seed ([`KeyHashMap`]).
fn bytes_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("chunks of eight"));
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(last))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `lines` through a fresh memory; returns each line's earlier
    /// occurrence.
    fn earlier_of(lines: &[&[u8]]) -> Vec<Option<usize>> {
        let mut same = SameLines::default();
        (0..lines.len())
            .map(|i| same.earlier(lines[i], i, |j| lines[j]))
            .collect()
    }

    #[test]
    fn a_repeat_names_the_first_occurrence() {
        let lines: [&[u8]; 9] = [
            b"Home", b",", b"", b"Reply", b",", b"Home", b"", b",", b"home",
        ];
        assert_eq!(
            earlier_of(&lines),
            [
                None,
                None,
                None,
                None,
                Some(1),
                Some(0),
                None,
                Some(1),
                None
            ],
            "empty lines are told blank at once, never looked up"
        );
    }

    #[test]
    fn lines_differing_in_one_byte_or_in_length_are_not_the_same() {
        // Every length around the eight-byte steps, and every position of
        // the differing byte, including a zero byte against padding.
        for len in 0..=24usize {
            let base: Vec<u8> = (0..len as u8).map(|b| b'a' + b % 26).collect();
            for at in 0..len {
                for other in [0u8, b'Z'] {
                    let mut changed = base.clone();
                    changed[at] = other;
                    let lines: [&[u8]; 2] = [&base, &changed];
                    assert_eq!(earlier_of(&lines), [None, None], "{len} {at} {other}");
                }
            }
            let mut padded = base.clone();
            padded.push(0);
            let lines: [&[u8]; 3] = [&base, &padded, &base];
            let again = (len > 0).then_some(0);
            assert_eq!(earlier_of(&lines), [None, None, again], "{len}");
        }
    }

    #[test]
    fn long_lines_are_not_remembered() {
        let long = vec![b'x'; MAX_REMEMBERED_BYTES + 1];
        let edge = vec![b'y'; MAX_REMEMBERED_BYTES];
        let lines: [&[u8]; 4] = [&long, &long, &edge, &edge];
        assert_eq!(earlier_of(&lines), [None, None, None, Some(2)]);
    }

    #[test]
    fn a_collision_is_neither_matched_nor_remembered() {
        // Two lines with one hash: the remembered line's bytes (as
        // `bytes_of` gives them) differ from the new line's, so nothing
        // matches, and the first stays the one remembered.
        let mut same = SameLines::default();
        let lines: [&[u8]; 3] = [b"Share", b"Tweet", b"Share"];
        assert_eq!(same.earlier(lines[0], 0, |j| lines[j]), None);
        let h = bytes_hash(lines[0]);
        assert_eq!(same.first.get(&h).copied(), Some(0));
        let colliding = |_: usize| -> &[u8] { b"another line, same hash" };
        assert_eq!(same.earlier(lines[0], 2, colliding), None);
        assert_eq!(same.first.get(&h).copied(), Some(0));
        assert_eq!(same.earlier(lines[2], 2, |j| lines[j]), Some(0));
        same.clear();
        assert_eq!(same.earlier(lines[2], 2, |j| lines[j]), None);
    }
}
