//! The generator's random numbers: PCG-32 written out, so every platform draws the same sequence.

/// PCG-32 (XSH RR, O'Neill 2014): tiny, fast, and the same sequence on every target.
pub(super) struct Pcg {
    state: u64,
    inc: u64,
}

impl Pcg {
    pub(super) fn new(seed: u64) -> Pcg {
        let mut r = Pcg {
            state: 0,
            inc: (0xda3e_39cb_94b9_5bdb << 1) | 1,
        };
        r.next_u32();
        r.state = r.state.wrapping_add(seed);
        r.next_u32();
        r
    }
    pub(super) fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(self.inc);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }
    pub(super) fn next_u64(&mut self) -> u64 {
        (u64::from(self.next_u32()) << 32) | u64::from(self.next_u32())
    }
    /// Uniform in `0..n` (n > 0); the multiply-shift bias is below 2^-32, irrelevant here.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub(super) fn permille(&mut self, p: u64) -> bool {
        self.below(1000) < p
    }
    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// Roughly log-uniform in `lo..=hi`: short durations are common, long ones rare but present.
    /// Doubling buckets keep it integer-only, so every platform agrees.
    pub(super) fn spread(&mut self, lo: i64, hi: i64) -> i64 {
        let lo = lo.max(1);
        let mut edges = vec![];
        let mut b = lo;
        while b < hi {
            edges.push(b);
            b *= 2;
        }
        if edges.is_empty() {
            return lo;
        }
        let from = *self.pick(&edges);
        self.range(from, (from * 2).min(hi))
    }
}
