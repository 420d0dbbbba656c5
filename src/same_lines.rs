//! Lines a document has already shown, found by their bytes.
//!
//! A page's text repeats itself: the same menu entry in the header and the
//! footer, `Reply` under every comment, and in text taken one node per
//! line, punctuation (`,`, `.`, `(`) between the links of a sentence. On
//! the dev set a third of the non-blank lines repeat a line earlier in
//! the same document, nearly all of them shorter than 20 bytes. What the
//! analysis of a line finds (its features, key, rule, words) depends on
//! its bytes alone, so a repeat takes it from an earlier occurrence
//! instead of analysing the line again.
//!
//! Only short lines are remembered ([`MAX_REMEMBERED_BYTES`]): long ones
//! seldom repeat, and hashing them would cost more than it saves. The
//! memory is a fixed table of the last line seen per slot ([`SLOTS`], 32
//! KiB), so a repeat may be missed (and analysed again) but never
//! mistaken: the bytes are compared.

use crate::hash::bytes_hash;

/// Lines longer than this (in bytes, terminator excluded) are not
/// remembered.
pub(crate) const MAX_REMEMBERED_BYTES: usize = 200;

/// Slots of the memory: a power of two. A document's distinct short lines
/// are mostly fewer; when two hash to one slot, the later takes it.
const SLOTS: usize = 2048;

/// Short lines of a document seen so far, by their bytes: a table of
/// [`SLOTS`] slots indexed by the bytes' hash, each naming the last line
/// seen with that slot. A slot filled for another document is empty.
#[derive(Debug, Default)]
pub(crate) struct SameLines {
    /// `(hash, line, document)`.
    slots: Vec<(u64, u32, u32)>,
    /// The document being read: slots of others are empty. Starts at 1,
    /// so that the zeroed slots of a new table are empty.
    document: u32,
}

impl SameLines {
    /// Forgets every line: the next document starts afresh.
    pub(crate) fn clear(&mut self) {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0); SLOTS];
        }
        self.document = self.document.wrapping_add(1);
        if self.document == 0 {
            // After 2^32 documents, the numbers come round: empty the
            // table once.
            self.slots.fill((0, 0, 0));
            self.document = 1;
        }
    }

    /// The index of an earlier line of this document whose bytes are
    /// `bytes`, or `None`; line `index` is then remembered in its place.
    /// `bytes_of(j)` gives the bytes of line `j`, remembered earlier, to
    /// tell two lines whose hashes are the same. Needs [`SameLines::clear`]
    /// first.
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
        let hash = bytes_hash(bytes);
        let slot = self.slots.get_mut((hash >> 53) as usize % SLOTS)?;
        let (seen_hash, line, document) = *slot;
        if document == self.document && seen_hash == hash && bytes_of(line as usize) == bytes {
            return Some(line as usize);
        }
        *slot = (hash, index, self.document);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `lines` through a fresh memory; returns each line's earlier
    /// occurrence.
    fn earlier_of(lines: &[&[u8]]) -> Vec<Option<usize>> {
        let mut same = SameLines::default();
        same.clear();
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
    fn lines_with_one_hash_and_other_bytes_are_not_the_same() {
        // The remembered line's bytes (as `bytes_of` gives them) differ
        // from the new line's: no match, and the new line takes the slot.
        let mut same = SameLines::default();
        same.clear();
        let lines: [&[u8]; 3] = [b"Share", b"Tweet", b"Share"];
        assert_eq!(same.earlier(lines[0], 0, |j| lines[j]), None);
        let other = |_: usize| -> &[u8] { b"another line, same hash" };
        assert_eq!(same.earlier(lines[0], 2, other), None);
        assert_eq!(same.earlier(lines[2], 5, |j| lines[j]), Some(2));
    }

    #[test]
    fn a_new_document_starts_afresh() {
        let mut same = SameLines::default();
        same.clear();
        let lines: [&[u8]; 2] = [b"Reply", b"Reply"];
        assert_eq!(same.earlier(lines[0], 0, |j| lines[j]), None);
        assert_eq!(same.earlier(lines[1], 1, |j| lines[j]), Some(0));
        same.clear();
        assert_eq!(same.earlier(lines[1], 1, |j| lines[j]), None);
        // The document numbers coming round empty the table.
        same.document = u32::MAX;
        assert_eq!(same.earlier(lines[0], 0, |j| lines[j]), None);
        same.clear();
        assert_eq!(same.document, 1);
        assert_eq!(same.earlier(lines[1], 1, |j| lines[j]), None);
    }

    #[test]
    fn many_distinct_lines_give_no_false_match() {
        // Far more lines than slots: repeats are found or missed, never
        // mistaken.
        let lines: Vec<Vec<u8>> = (0..10 * SLOTS)
            .map(|i| format!("line {}", i % (3 * SLOTS)).into_bytes())
            .collect();
        let mut same = SameLines::default();
        same.clear();
        let mut found = 0;
        for i in 0..lines.len() {
            if let Some(e) = same.earlier(&lines[i], i, |j| &lines[j]) {
                assert!(e < i && lines[e] == lines[i]);
                found += 1;
            }
        }
        assert!(found > 0);
    }
}
