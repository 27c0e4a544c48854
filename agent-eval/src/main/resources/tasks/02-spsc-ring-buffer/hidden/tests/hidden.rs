//! Hidden checks: wrap-around, drops of un-popped items, threads, and the source's unsafe hygiene.
//! Run under Miri too, where available.

use spsc::{channel, Consumer, Producer};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Debug)]
struct Counted(u32, Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn holds_exactly_capacity_items() {
    for cap in [1usize, 2, 3, 7] {
        let (mut p, mut c) = channel(cap);
        assert_eq!(p.capacity(), cap);
        for i in 0..cap {
            p.push(i).unwrap();
        }
        assert_eq!(p.push(99), Err(99));
        assert_eq!(c.pop(), Some(0));
        p.push(100).unwrap();
        assert_eq!(p.push(101), Err(101));
    }
}

#[test]
fn wraps_around_many_times_in_order() {
    let (mut p, mut c) = channel(3);
    let mut next_in = 0u32;
    let mut next_out = 0u32;
    for round in 0..50u32 {
        let n = round % 4;
        for _ in 0..n {
            if p.push(next_in).is_ok() {
                next_in += 1;
            }
        }
        for _ in 0..(round % 3) {
            if let Some(v) = c.pop() {
                assert_eq!(v, next_out);
                next_out += 1;
            }
        }
    }
    while let Some(v) = c.pop() {
        assert_eq!(v, next_out);
        next_out += 1;
    }
    assert_eq!(next_in, next_out);
    assert!(next_in > 30);
}

#[test]
fn drops_unpopped_items_exactly_once() {
    let drops = Arc::new(AtomicUsize::new(0));
    let (mut p, mut c) = channel(4);
    for i in 0..4 {
        p.push(Counted(i, drops.clone())).unwrap();
    }
    let first = c.pop().unwrap();
    let second = c.pop().unwrap();
    p.push(Counted(4, drops.clone())).unwrap();
    p.push(Counted(5, drops.clone())).unwrap();
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(first);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    drop(p);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        1,
        "dropping one half dropped items"
    );
    drop(c);
    assert_eq!(
        drops.load(Ordering::SeqCst),
        5,
        "items 2..=5 dropped once each"
    );
    assert_eq!(second.0, 1);
    drop(second);
    assert_eq!(drops.load(Ordering::SeqCst), 6);
}

#[test]
fn drops_nothing_extra_when_empty_and_supports_heap_values() {
    let (mut p, mut c) = channel(2);
    for i in 0..10 {
        p.push(vec![i; 3]).unwrap();
        assert_eq!(c.pop(), Some(vec![i; 3]));
    }
    p.push(vec![7]).unwrap();
    drop((p, c));
    let value = Rc::new(());
    let (mut p, c) = channel(1);
    p.push(value.clone()).unwrap();
    assert_eq!(Rc::strong_count(&value), 2);
    drop(c);
    drop(p);
    assert_eq!(Rc::strong_count(&value), 1);
}

#[test]
fn zero_sized_items() {
    let (mut p, mut c) = channel(2);
    p.push(()).unwrap();
    p.push(()).unwrap();
    assert_eq!(p.push(()), Err(()));
    assert_eq!(c.pop(), Some(()));
    assert_eq!(c.pop(), Some(()));
    assert_eq!(c.pop(), None);
}

#[test]
#[should_panic]
fn zero_capacity_panics() {
    let _ = channel::<u8>(0);
}

#[test]
fn halves_move_to_their_own_threads() {
    fn send<T: Send>() {}
    send::<Producer<String>>();
    send::<Consumer<String>>();
    let n: u64 = if cfg!(miri) { 200 } else { 200_000 };
    let (mut p, mut c) = channel(8);
    let producer = std::thread::spawn(move || {
        for i in 0..n {
            let mut v = i;
            while let Err(back) = p.push(v) {
                v = back;
                std::thread::yield_now();
            }
        }
    });
    let mut expected = 0;
    while expected < n {
        match c.pop() {
            Some(v) => {
                assert_eq!(v, expected);
                expected += 1;
            }
            None => std::thread::yield_now(),
        }
    }
    producer.join().unwrap();
    assert_eq!(c.pop(), None);
}

#[test]
fn source_is_a_maybe_uninit_ring_with_safety_comments() {
    let src = include_str!("../src/lib.rs");
    assert!(src.contains("MaybeUninit"), "the slots are not MaybeUninit");
    assert!(
        src.contains("UnsafeCell"),
        "the slots are not in UnsafeCell"
    );
    for banned in ["Mutex", "RwLock", "VecDeque"] {
        assert!(!src.contains(banned), "{banned} is still used");
    }
    let lines: Vec<&str> = src.lines().collect();
    let mut unsafe_sites = 0;
    for (i, line) in lines.iter().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if !(code.contains("unsafe {") || code.contains("unsafe impl")) {
            continue;
        }
        unsafe_sites += 1;
        let window = &lines[i.saturating_sub(4)..=i];
        assert!(
            window.iter().any(|l| l.contains("// SAFETY:")),
            "line {}: unsafe without a // SAFETY: comment just above: {}",
            i + 1,
            line.trim()
        );
    }
    assert!(
        unsafe_sites >= 2,
        "expected unsafe code in a MaybeUninit ring buffer"
    );
}
