//! `tagset`: a bounded set of short text tags, kept in insertion order.
//!
//! The set lives in a small C library (`csrc/tagset.c`, compiled by `build.rs`); [`ffi`] holds
//! the raw bindings and [`TagSet`] is the safe API over them.

pub mod ffi;

use std::error::Error;
use std::ffi::{CStr, CString};
use std::fmt;

/// The largest capacity a [`TagSet`] can have.
pub const MAX_CAPACITY: usize = ffi::TAGSET_MAX_CAPACITY;
/// The longest tag, in bytes.
pub const MAX_TAG_LEN: usize = ffi::TAGSET_MAX_TAG_LEN;

/// Why a [`TagSet`] call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagError {
    /// The capacity is 0 or above [`MAX_CAPACITY`].
    InvalidCapacity,
    /// The tag is not a valid tag.
    InvalidTag,
    /// The set is full.
    Full,
    /// The C library could not allocate memory.
    OutOfMemory,
}

impl fmt::Display for TagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TagError::InvalidCapacity => "capacity out of range",
            TagError::InvalidTag => "invalid tag",
            TagError::Full => "tag set is full",
            TagError::OutOfMemory => "out of memory",
        })
    }
}

impl Error for TagError {}

/// A bounded set of tags in insertion order.
#[derive(Debug)]
pub struct TagSet {
    raw: *mut ffi::tagset,
}

unsafe impl Send for TagSet {}

impl TagSet {
    /// An empty set holding at most `capacity` tags.
    pub fn new(capacity: usize) -> Result<TagSet, TagError> {
        let raw = unsafe { ffi::tagset_new(capacity) };
        if raw.is_null() {
            Err(TagError::InvalidCapacity)
        } else {
            Ok(TagSet { raw })
        }
    }

    /// The most tags the set can hold.
    pub fn capacity(&self) -> usize {
        unsafe { ffi::tagset_capacity(self.raw) }
    }

    /// The number of tags in the set.
    pub fn len(&self) -> usize {
        unsafe { ffi::tagset_len(self.raw) }
    }

    /// Whether the set holds no tags.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `tag`; `Ok(true)` when added, `Ok(false)` when it was there already.
    pub fn insert(&mut self, tag: &str) -> Result<bool, TagError> {
        let tag = CString::new(tag).expect("tags have no NUL");
        match unsafe { ffi::tagset_insert(self.raw, tag.as_ptr()) } {
            1 => Ok(true),
            0 => Ok(false),
            ffi::TAGSET_FULL => Err(TagError::Full),
            _ => Err(TagError::InvalidTag),
        }
    }

    /// Removes `tag`; whether it was there.
    pub fn remove(&mut self, tag: &str) -> bool {
        let tag = CString::new(tag).expect("tags have no NUL");
        unsafe { ffi::tagset_remove(self.raw, tag.as_ptr()) == 1 }
    }

    /// Whether `tag` is in the set.
    pub fn contains(&self, tag: &str) -> bool {
        let tag = CString::new(tag).expect("tags have no NUL");
        unsafe { ffi::tagset_contains(self.raw, tag.as_ptr()) == 1 }
    }

    /// The tag at `index`, oldest first.
    pub fn get(&self, index: usize) -> Option<&str> {
        let tag = unsafe { ffi::tagset_get(self.raw, index) };
        if tag.is_null() {
            None
        } else {
            Some(unsafe { CStr::from_ptr(tag) }.to_str().unwrap())
        }
    }

    /// Removes and returns the oldest tag.
    pub fn pop_oldest(&mut self) -> Option<String> {
        let tag = unsafe { ffi::tagset_pop_oldest(self.raw) };
        if tag.is_null() {
            None
        } else {
            Some(
                unsafe { CStr::from_ptr(tag) }
                    .to_string_lossy()
                    .into_owned(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_insertion_order() {
        let mut set = TagSet::new(4).unwrap();
        assert_eq!(set.insert("b"), Ok(true));
        assert_eq!(set.insert("a"), Ok(true));
        assert_eq!(set.insert("b"), Ok(false));
        assert_eq!(set.len(), 2);
        assert_eq!(set.get(0), Some("b"));
        assert_eq!(set.get(1), Some("a"));
        assert_eq!(set.get(2), None);
        assert!(set.contains("a"));
        assert!(set.remove("b"));
        assert_eq!(set.pop_oldest().as_deref(), Some("a"));
        assert!(set.is_empty());
    }
}
