//! Byte statistics for the upload scanner: every uploaded blob is profiled before it is stored.
//!
//! [`profile`] computes, in one call, how often each byte value occurs, how many distinct values
//! occur, the most common value, and the blob's Adler-32 checksum (RFC 1950).

use std::collections::HashMap;

/// The Adler-32 modulus: the largest prime below 2^16.
const MOD_ADLER: u32 = 65_521;

/// What [`profile`] finds in a byte slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// `histogram[b]` is how many times byte `b` occurs.
    pub histogram: [u64; 256],
    /// How many different byte values occur at least once.
    pub distinct: usize,
    /// The byte that occurs most often and its count; the smallest such byte on a tie; `None`
    /// for empty input.
    pub most_common: Option<(u8, u64)>,
    /// The Adler-32 checksum of the bytes (1 for empty input).
    pub adler32: u32,
}

/// Profiles `data`.
pub fn profile(data: &[u8]) -> Profile {
    let mut counts: HashMap<u8, u64> = HashMap::new();
    let mut a: u32 = 1;
    let mut b: u32 = 0;
    for &byte in data {
        *counts.entry(byte).or_insert(0) += 1;
        a = (a + byte as u32) % MOD_ADLER;
        b = (b + a) % MOD_ADLER;
    }

    let mut histogram = [0u64; 256];
    for (&byte, &n) in &counts {
        histogram[byte as usize] = n;
    }
    let mut most_common: Option<(u8, u64)> = None;
    for value in 0..=255u8 {
        if let Some(&n) = counts.get(&value) {
            match most_common {
                Some((_, best)) if best >= n => {}
                _ => most_common = Some((value, n)),
            }
        }
    }
    Profile {
        histogram,
        distinct: counts.len(),
        most_common,
        adler32: (b << 16) | a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adler32_of_wikipedia() {
        assert_eq!(profile(b"Wikipedia").adler32, 0x11E6_0398);
    }

    #[test]
    fn empty_input() {
        let p = profile(b"");
        assert_eq!(p.adler32, 1);
        assert_eq!(p.distinct, 0);
        assert_eq!(p.most_common, None);
        assert!(p.histogram.iter().all(|&n| n == 0));
    }

    #[test]
    fn counts_and_ties() {
        let p = profile(b"abba");
        assert_eq!(p.histogram[b'a' as usize], 2);
        assert_eq!(p.histogram[b'b' as usize], 2);
        assert_eq!(p.distinct, 2);
        assert_eq!(p.most_common, Some((b'a', 2)));
    }
}
