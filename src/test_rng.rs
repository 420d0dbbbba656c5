//! The pseudo-random numbers of the randomised unit tests: a 64-bit
//! linear congruential generator (Knuth's MMIX constants). Its sequence is
//! the same on every run, so that a failing input can be replayed.

/// A generator and its state (the seed to start from).
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    /// The next state; the tests take their numbers from its bits (the
    /// high bits are the more random).
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }
}
