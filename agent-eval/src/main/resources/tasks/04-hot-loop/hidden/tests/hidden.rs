//! Hidden checks: `profile` gives the same answers as the original implementation (kept here as
//! `reference`) on many inputs, and is at least twice as fast on a large one.

use bytestat::{profile, Profile};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The original implementation, verbatim in behaviour.
fn reference(data: &[u8]) -> Profile {
    let mut counts: HashMap<u8, u64> = HashMap::new();
    let mut a: u32 = 1;
    let mut b: u32 = 0;
    for &byte in data {
        *counts.entry(byte).or_insert(0) += 1;
        a = (a + byte as u32) % 65_521;
        b = (b + a) % 65_521;
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

/// A deterministic xorshift64* byte stream.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u8 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
    }

    fn fill(&mut self, len: usize, alphabet: u8) -> Vec<u8> {
        (0..len)
            .map(|_| match alphabet {
                0 => self.next(),
                k => self.next() % k,
            })
            .collect()
    }
}

fn inputs() -> Vec<Vec<u8>> {
    let mut out = vec![
        vec![],
        vec![0],
        vec![255],
        b"Wikipedia".to_vec(),
        vec![0xFF; 5551],
        vec![0xFF; 5552],
        vec![0xFF; 5553],
        vec![0xFF; 100_000],
        vec![7; 3],
        (0..=255u8).collect(),
        (0..=255u8).rev().cycle().take(70_001).collect(),
        b"zzzyyyxxx".to_vec(),
    ];
    let mut rng = Bytes(0x9E37_79B9_7F4A_7C15);
    for len in [
        1, 2, 3, 4, 5, 7, 8, 63, 64, 65, 1000, 5552, 11_104, 65_537, 200_003,
    ] {
        for alphabet in [0, 1, 2, 3, 17, 200] {
            out.push(rng.fill(len, alphabet));
        }
    }
    out
}

#[test]
fn same_results_as_the_original_on_many_inputs() {
    for (n, data) in inputs().iter().enumerate() {
        assert_eq!(
            profile(data),
            reference(data),
            "input #{n} ({} bytes)",
            data.len()
        );
    }
}

fn time(f: fn(&[u8]) -> Profile, data: &[u8], passes: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..passes {
        black_box(f(black_box(data)));
    }
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
fn at_least_twice_as_fast_as_the_original() {
    let mut rng = Bytes(0x0123_4567_89AB_CDEF);
    let mut data = rng.fill(1 << 20, 0);
    data.extend(rng.fill(1 << 19, 40));
    assert_eq!(profile(&data), reference(&data));

    // Enough passes that one repetition of `profile` takes at least 50 ms.
    let mut passes = 1;
    while passes < 1 << 12 && time(profile, &data, passes) < Duration::from_millis(50) {
        passes *= 2;
    }
    let mut new = Vec::new();
    let mut old = Vec::new();
    for _ in 0..5 {
        new.push(time(profile, &data, passes));
        old.push(time(reference, &data, passes));
    }
    let (new, old) = (median(new), median(old));
    let speedup = old.as_secs_f64() / new.as_secs_f64();
    println!("{passes} passes: profile {new:?}, original {old:?}, speedup {speedup:.1}x");
    assert!(
        speedup >= 2.0,
        "profile is only {speedup:.2}x as fast as the original ({new:?} vs {old:?} for {passes} \
         passes over {} bytes); at least 2x is required",
        data.len()
    );
}
