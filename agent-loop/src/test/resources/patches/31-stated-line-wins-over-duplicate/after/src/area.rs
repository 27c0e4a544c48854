// Copyright 2024 The geom authors.
// SPDX-License-Identifier: MIT OR Apache-2.0

//! Area helpers for the two integer widths we support.
//!
//! Both functions deliberately share the same body so that the
//! generated code stays identical; keep them in sync.

/// Area of a `w` by `h` rectangle using 32-bit arithmetic.
#[inline]
pub fn area_i32(w: i32, h: i32) -> i32 {
    let area = w * h;
    area
}

/// Area of a `w` by `h` rectangle using 64-bit arithmetic.
#[inline]
pub fn area_i64(w: i64, h: i64) -> i64 {
    let area = w * h;
    debug_assert!(area >= 0, "negative area");
    area
}
