//! Hashes of byte strings and a map keyed by them.
//!
//! Lines, their keys and the first words of phrases are named by
//! [`bytes_hash`]; [`KeyHashMap`] holds values keyed by such a hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash of a byte string, eight bytes at a step (a multiply per eight
/// bytes, where a byte-wise hash such as FNV waits on one per byte). It is
/// not seeded: where input crafted to collide could slow a table down, the
/// table mixes it again ([`KeyHashMap`]).
pub(crate) fn bytes_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(31);
    let h = (bytes.len() as u64).wrapping_mul(K);
    let n = bytes.len();
    // Each step reads eight bytes, four or one at a place where a whole
    // read fits: no copy of a short tail. For a given length, the values
    // read hold every byte, so strings of one length up to eight bytes
    // never share a hash (a step is one-to-one in its value).
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    match n {
        0 => h,
        1..=3 => {
            let w =
                u64::from(bytes[0]) << 16 | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]);
            mix(h, w)
        }
        4..=8 => mix(h, u64::from(u32_at(0)) << 32 | u64::from(u32_at(n - 4))),
        _ => {
            let mut h = h;
            let mut at = 0;
            while at + 8 < n {
                h = mix(h, u64_at(at));
                at += 8;
            }
            // The last eight bytes, overlapping the step before when the
            // length is not a multiple of eight.
            mix(h, u64_at(n - 8))
        }
    }
}

/// Maps keyed by a line's `key_hash`, already a hash: the map's hasher
/// only mixes its bits with a seed drawn once per process (SipHash over the
/// key's hash cost 2% of the run). The seed keeps input crafted to fill one
/// bucket from degrading the map.
pub(crate) type KeyHashMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHashMixer>>;

/// See [`KeyHashMap`].
pub(crate) struct KeyHashMixer(u64);

impl Default for KeyHashMixer {
    fn default() -> KeyHashMixer {
        static SEED: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
            use std::hash::BuildHasher;
            std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64)
        });
        KeyHashMixer(*SEED)
    }
}

impl Hasher for KeyHashMixer {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; anything else still hashes correctly.
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        // Both halves reach the high bits (the table's control bytes) and
        // the low bits (its bucket index).
        let x = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = x ^ (x >> 29);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_of_one_length_differing_in_a_byte_hash_apart() {
        for len in 1..=40usize {
            let base: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            for at in 0..len {
                for other in [0u8, b'Z', 0xff] {
                    let mut changed = base.clone();
                    changed[at] = other;
                    assert_ne!(bytes_hash(&base), bytes_hash(&changed), "{len} {at}");
                }
            }
        }
        assert_ne!(bytes_hash(b""), bytes_hash(b"\0"));
        assert_ne!(bytes_hash(b"ab"), bytes_hash(b"ab\0"));
    }
}
