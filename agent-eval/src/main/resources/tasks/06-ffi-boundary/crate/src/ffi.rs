//! Raw bindings to the C library in `csrc/tagset.h`, written by hand from the header. Every
//! function is unsafe to call: the header states what each one needs and returns. Do not change
//! this module; build a safe API on top of it.

#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_int, c_long};
use std::marker::{PhantomData, PhantomPinned};

/// The largest capacity `tagset_new` accepts.
pub const TAGSET_MAX_CAPACITY: usize = 4096;
/// The longest tag, in bytes, not counting the NUL.
pub const TAGSET_MAX_TAG_LEN: usize = 64;

/// The set holds `capacity` tags already.
pub const TAGSET_FULL: c_int = -1;
/// The tag is empty or longer than [`TAGSET_MAX_TAG_LEN`] bytes.
pub const TAGSET_INVALID: c_int = -2;
/// An allocation failed; the set is unchanged.
pub const TAGSET_NOMEM: c_int = -3;

/// The C set, only ever seen behind a pointer.
#[repr(C)]
pub struct tagset {
    _opaque: [u8; 0],
    _not_send_sync_unpin: PhantomData<(*mut u8, PhantomPinned)>,
}

extern "C" {
    pub fn tagset_new(capacity: usize) -> *mut tagset;
    pub fn tagset_free(set: *mut tagset);
    pub fn tagset_capacity(set: *const tagset) -> usize;
    pub fn tagset_len(set: *const tagset) -> usize;
    pub fn tagset_insert(set: *mut tagset, tag: *const c_char) -> c_int;
    pub fn tagset_remove(set: *mut tagset, tag: *const c_char) -> c_int;
    pub fn tagset_contains(set: *mut tagset, tag: *const c_char) -> c_int;
    pub fn tagset_get(set: *const tagset, index: usize) -> *const c_char;
    pub fn tagset_pop_oldest(set: *mut tagset) -> *mut c_char;
    pub fn tagset_string_free(s: *mut c_char);
    pub fn ratchet_live_allocations() -> c_long;
    pub fn ratchet_fail_allocations_after(n: c_long);
}
