//! Hidden checks: `TagSet` behaves like a plain `Vec<String>` model under random operations
//! (proptest), reports every error as task.md says, is `Send` but not `Sync`, and gives back every
//! block the C library allocates (its live-allocation counter returns to where it started).
//!
//! The counter and the failure injection are process-global, so every test here holds `SERIAL`.

use proptest::prelude::*;
use std::ffi::c_long;
use std::sync::{Mutex, MutexGuard};
use tagset::{ffi, TagError, TagSet, MAX_CAPACITY, MAX_TAG_LEN};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn live() -> c_long {
    // SAFETY: reads an atomic counter; no precondition.
    unsafe { ffi::ratchet_live_allocations() }
}

/// Makes allocations fail after `n` more, until dropped.
struct FailAllocations;

impl FailAllocations {
    fn after(n: c_long) -> FailAllocations {
        // SAFETY: sets an atomic; no precondition.
        unsafe { ffi::ratchet_fail_allocations_after(n) };
        FailAllocations
    }
}

impl Drop for FailAllocations {
    fn drop(&mut self) {
        // SAFETY: as above.
        unsafe { ffi::ratchet_fail_allocations_after(-1) };
    }
}

/// Ends the set's life here, so its C allocations must be back.
fn dispose(_set: TagSet) {}

fn valid(tag: &str) -> bool {
    !tag.is_empty() && tag.len() <= MAX_TAG_LEN && !tag.contains('\0')
}

/// The reference: what a `TagSet` of this capacity holds, oldest first.
struct Model {
    capacity: usize,
    tags: Vec<String>,
}

impl Model {
    fn insert(&mut self, tag: &str) -> Result<bool, TagError> {
        if !valid(tag) {
            Err(TagError::InvalidTag)
        } else if self.tags.iter().any(|t| t == tag) {
            Ok(false)
        } else if self.tags.len() == self.capacity {
            Err(TagError::Full)
        } else {
            self.tags.push(tag.to_owned());
            Ok(true)
        }
    }

    fn remove(&mut self, tag: &str) -> bool {
        let at = self.tags.iter().position(|t| t == tag);
        at.map(|i| self.tags.remove(i)).is_some()
    }

    fn pop_oldest(&mut self) -> Option<String> {
        (!self.tags.is_empty()).then(|| self.tags.remove(0))
    }
}

#[derive(Debug, Clone)]
enum Op {
    Insert(String),
    Remove(String),
    Contains(String),
    Get(usize),
    PopOldest,
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[abc]{1,2}",
        2 => "[ab\\x00é]{0,3}",
        1 => "[xé]{31,34}",
        1 => "y{63,66}",
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => tag().prop_map(Op::Insert),
        2 => tag().prop_map(Op::Remove),
        2 => tag().prop_map(Op::Contains),
        1 => (0usize..8).prop_map(Op::Get),
        1 => Just(Op::PopOldest),
    ]
}

fn assert_same(set: &TagSet, model: &Model) {
    assert_eq!(set.len(), model.tags.len());
    assert_eq!(set.is_empty(), model.tags.is_empty());
    assert_eq!(set.capacity(), model.capacity);
    assert_eq!(format!("{set:?}"), format!("{:?}", model.tags));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn behaves_like_a_vec_and_leaks_nothing(
        capacity in 1usize..6,
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let _serial = serial();
        let before = live();
        {
        let mut set = TagSet::new(capacity).unwrap();
        let mut model = Model { capacity, tags: Vec::new() };
        for op in &ops {
            match op {
                Op::Insert(tag) => prop_assert_eq!(set.insert(tag), model.insert(tag), "{:?}", op),
                Op::Remove(tag) => prop_assert_eq!(set.remove(tag), model.remove(tag), "{:?}", op),
                Op::Contains(tag) => {
                    prop_assert_eq!(set.contains(tag), model.tags.contains(tag), "{:?}", op)
                }
                Op::Get(i) => {
                    prop_assert_eq!(set.get(*i), model.tags.get(*i).map(String::as_str))
                }
                Op::PopOldest => prop_assert_eq!(set.pop_oldest(), model.pop_oldest()),
            }
            assert_same(&set, &model);
        }
        }
        prop_assert_eq!(live(), before, "C allocations leaked after {:?}", ops);
    }
}

#[test]
fn new_checks_the_capacity() {
    let _serial = serial();
    let before = live();
    for bad in [0, MAX_CAPACITY + 1, usize::MAX] {
        assert_eq!(
            TagSet::new(bad).err(),
            Some(TagError::InvalidCapacity),
            "{bad}"
        );
    }
    for good in [1, 7, MAX_CAPACITY] {
        let set = TagSet::new(good).unwrap();
        assert_eq!(set.capacity(), good);
        assert!(set.is_empty());
        assert_eq!(set.get(0), None);
    }
    assert_eq!(live(), before, "a dropped set kept C allocations");
}

#[test]
fn out_of_memory_is_an_error_and_changes_nothing() {
    let _serial = serial();
    let before = live();
    {
        let _fail = FailAllocations::after(0);
        assert_eq!(TagSet::new(4).err(), Some(TagError::OutOfMemory));
    }
    {
        let _fail = FailAllocations::after(1);
        assert_eq!(TagSet::new(4).err(), Some(TagError::OutOfMemory));
    }
    assert_eq!(live(), before);

    let mut set = TagSet::new(4).unwrap();
    assert_eq!(set.insert("kept"), Ok(true));
    {
        let _fail = FailAllocations::after(0);
        assert_eq!(set.insert("new"), Err(TagError::OutOfMemory));
        assert_eq!(set.insert("kept"), Ok(false));
        assert_eq!(set.insert(""), Err(TagError::InvalidTag));
        assert!(!set.contains("new"));
        assert_eq!(set.len(), 1);
    }
    assert_eq!(set.insert("new"), Ok(true));
    assert_eq!(format!("{set:?}"), r#"["kept", "new"]"#);
    dispose(set);
    assert_eq!(live(), before);
}

#[test]
fn invalid_tags_are_errors_not_panics() {
    let _serial = serial();
    let before = live();
    let mut set = TagSet::new(8).unwrap();
    let longest = "é".repeat(MAX_TAG_LEN / 2);
    let too_long = "é".repeat(MAX_TAG_LEN / 2 + 1);
    for bad in [
        "",
        "\0",
        "a\0",
        "\0a",
        "a\0b",
        &"z".repeat(MAX_TAG_LEN + 1),
        &too_long,
    ] {
        assert_eq!(set.insert(bad), Err(TagError::InvalidTag), "{bad:?}");
        assert!(!set.contains(bad), "{bad:?}");
        assert!(!set.remove(bad), "{bad:?}");
    }
    assert!(set.is_empty());
    assert_eq!(set.insert("a"), Ok(true));
    assert!(
        !set.contains("a\0"),
        "a tag with a NUL is not the tag before the NUL"
    );
    assert!(!set.remove("a\0b"));
    assert_eq!(set.insert(&longest), Ok(true));
    assert_eq!(set.insert(&"z".repeat(MAX_TAG_LEN)), Ok(true));
    assert_eq!(set.get(1), Some(longest.as_str()));
    assert_eq!(set.len(), 3);
    dispose(set);
    assert_eq!(live(), before);
}

#[test]
fn a_full_set_refuses_only_new_tags() {
    let _serial = serial();
    let mut set = TagSet::new(2).unwrap();
    assert_eq!(set.insert("a"), Ok(true));
    assert_eq!(set.insert("b"), Ok(true));
    assert_eq!(set.insert("c"), Err(TagError::Full));
    assert_eq!(set.insert("a"), Ok(false));
    assert_eq!(set.insert("\0"), Err(TagError::InvalidTag));
    assert!(set.remove("a"));
    assert_eq!(set.insert("c"), Ok(true));
    assert_eq!(format!("{set:?}"), r#"["b", "c"]"#);
}

#[test]
fn popped_and_dropped_tags_are_released() {
    let _serial = serial();
    let before = live();
    let mut set = TagSet::new(16).unwrap();
    let empty = live();
    assert!(empty > before, "creating a set allocates in C");
    for i in 0..10 {
        assert_eq!(set.insert(&format!("tag-{i}")), Ok(true));
    }
    assert_eq!(live(), empty + 10, "one C block per tag");
    assert_eq!(set.pop_oldest().as_deref(), Some("tag-0"));
    assert_eq!(set.pop_oldest().as_deref(), Some("tag-1"));
    assert_eq!(
        live(),
        empty + 8,
        "popped tags must go back to the C library"
    );
    assert!(set.remove("tag-5"));
    assert_eq!(live(), empty + 7);
    while set.pop_oldest().is_some() {}
    assert_eq!(set.pop_oldest(), None);
    assert_eq!(live(), empty);
    for i in 0..5 {
        set.insert(&format!("again-{i}")).unwrap();
    }
    dispose(set);
    assert_eq!(live(), before, "dropping a set releases it and its tags");
}

#[test]
fn get_borrows_from_the_set_across_lookups() {
    let _serial = serial();
    let mut set = TagSet::new(4).unwrap();
    set.insert("first").unwrap();
    set.insert("second").unwrap();
    let first: &str = set.get(0).unwrap();
    assert!(set.contains("second"));
    assert!(!set.contains("third"));
    assert_eq!(first, "first");
    assert_eq!(set.get(1), Some("second"));
    assert_eq!(set.get(2), None);
    assert_eq!(set.get(usize::MAX), None);
}

fn assert_send<T: Send>() {}

/// Implemented twice for `Sync` types, so naming `check` for one is ambiguous: a compile error.
trait AmbiguousIfSync<A> {
    fn check() {}
}

impl<T: ?Sized> AmbiguousIfSync<()> for T {}

struct IsSync;

impl<T: ?Sized + Sync> AmbiguousIfSync<IsSync> for T {}

#[test]
fn moves_between_threads_but_is_not_shared() {
    assert_send::<TagSet>();
    <TagSet as AmbiguousIfSync<_>>::check();

    let _serial = serial();
    let before = live();
    let mut set = TagSet::new(4).unwrap();
    set.insert("made here").unwrap();
    let set = std::thread::spawn(move || {
        set.insert("used there").unwrap();
        set
    })
    .join()
    .unwrap();
    assert_eq!(format!("{set:?}"), r#"["made here", "used there"]"#);
    std::thread::spawn(move || dispose(set)).join().unwrap();
    assert_eq!(live(), before);
}
