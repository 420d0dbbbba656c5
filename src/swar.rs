//! ASCII letters found eight bytes at a step, in the bits of a `u64`
//! ("SIMD within a register"). A byte loop that looks for the end of a
//! word takes a branch per byte, mispredicted where each word ends; these
//! take a few arithmetic operations per eight bytes and one count of
//! trailing zeros. No `unsafe` and no target features: plain integer
//! arithmetic, the same on every machine.

/// Each byte `0x01`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// Each byte's high bit.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is ASCII and within `lo..=hi`
/// (`lo >= 1`, `hi <= 0x7e`). Each byte is computed apart: no borrow
/// crosses from one byte into the next.
#[inline(always)]
const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    // `0x80 | b` minus `lo` keeps the high bit when `b >= lo`; `0x80 +
    // hi` minus `b` keeps it when `b <= hi`. Neither underflows a byte.
    let at_least = (low7 | HIGH).wrapping_sub(ONES * lo as u64);
    let at_most = (ONES * (0x80 + hi as u64)).wrapping_sub(low7);
    at_least & at_most & !x & HIGH
}

/// The high bits of the bytes of `x` that are ASCII lower-case letters.
#[inline(always)]
const fn lower_bits(x: u64) -> u64 {
    in_range(x, b'a', b'z')
}

/// The high bits of the bytes of `x` that are ASCII capital letters.
#[inline(always)]
pub(crate) const fn upper_bits(x: u64) -> u64 {
    in_range(x, b'A', b'Z')
}

/// The length of the run at the start of `bytes` of the bytes `bits`
/// marks: eight bytes at a step while eight are left, then the rest
/// padded with zeros.
#[inline(always)]
fn run(bytes: &[u8], bits: impl Fn(u64) -> u64) -> usize {
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(chunk.try_into().expect("chunks of 8"));
        let outside = !bits(x) & HIGH;
        if outside != 0 {
            return n + (outside.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    // The padding may count as part of a run (a zero byte is ASCII):
    // the count stops at the end of `bytes` whatever it holds.
    let outside = !bits(load(chunks.remainder())) & HIGH;
    (n + (outside.trailing_zeros() / 8) as usize).min(bytes.len())
}

/// The first eight bytes of `bytes` as a little-endian number, zeros for
/// the bytes past its end.
#[inline(always)]
pub(crate) fn load(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut padded = [0u8; 8];
            padded[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(padded)
        }
    }
}

/// How many bytes at the start of `bytes` are ASCII.
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    run(bytes, |x| !x & HIGH)
}

/// How many bytes at the start of `bytes` are ASCII lower-case letters.
pub(crate) fn lower_run(bytes: &[u8]) -> usize {
    run(bytes, lower_bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(bytes: &[u8], f: impl Fn(&u8) -> bool) -> usize {
        bytes.iter().take_while(|b| f(b)).count()
    }

    #[test]
    fn every_byte_is_classed_as_the_byte_methods_class_it() {
        for b in 0..=255u8 {
            // Alone, and in every position of a word of other bytes.
            for fill in [
                b'a', b'z', b'A', b'Z', b'@', b'[', b'`', b'{', 0x80, 0xc3, 0xff, b' ',
            ] {
                for at in 0..8 {
                    let mut word = [fill; 8];
                    word[at] = b;
                    let x = u64::from_le_bytes(word);
                    for (i, &byte) in word.iter().enumerate() {
                        let lower = lower_bits(x) >> (8 * i + 7) & 1 == 1;
                        let upper = upper_bits(x) >> (8 * i + 7) & 1 == 1;
                        assert_eq!(lower, byte.is_ascii_lowercase(), "{word:?} {i}");
                        assert_eq!(upper, byte.is_ascii_uppercase(), "{word:?} {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn runs_are_counted_as_a_byte_loop_counts_them() {
        let alphabet = b"abqzAQZ09_ @`{\x7f\x80\xc3\xa9-\0";
        let mut rng = crate::test_rng::Lcg(7);
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        // Mostly letters, so that long runs occur.
                        let pick = (rng.next() >> 33) as usize % (alphabet.len() * 2);
                        alphabet[pick.saturating_sub(alphabet.len())]
                    })
                    .collect();
                assert_eq!(
                    lower_run(&bytes),
                    counted(&bytes, u8::is_ascii_lowercase),
                    "{bytes:?}"
                );
                assert_eq!(
                    ascii_run(&bytes),
                    counted(&bytes, u8::is_ascii),
                    "{bytes:?}"
                );
            }
        }
        assert_eq!(lower_run(b"abcdefghijklmnopqrstuvwxyz"), 26);
        assert_eq!(lower_run(b""), 0);
        assert_eq!(ascii_run(b"\0\0\0"), 3);
        assert_eq!(ascii_run(b"caf\xc3\xa9"), 3);
    }
}
