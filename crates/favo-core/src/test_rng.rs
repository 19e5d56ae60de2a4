//! One small fixed-seed generator for the tests' random inputs, so a failure reproduces.

/// xorshift64 (Marsaglia); the seed must not be 0.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform enough in 0..n for test inputs.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
