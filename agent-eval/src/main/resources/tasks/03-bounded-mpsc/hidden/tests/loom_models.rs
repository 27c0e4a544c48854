//! Hidden Loom models: ordering, no lost wake-up, close semantics.
#![cfg(loom)]

use bchan::{bounded, SendError};
use loom::thread;

#[test]
fn loom_one_sender_in_order_then_none() {
    loom::model(|| {
        let (tx, rx) = bounded(1);
        let t = thread::spawn(move || {
            tx.send(1).unwrap();
            tx.send(2).unwrap();
        });
        assert_eq!(rx.recv(), Some(1));
        assert_eq!(rx.recv(), Some(2));
        assert_eq!(rx.recv(), None);
        t.join().unwrap();
    });
}

#[test]
fn loom_never_over_capacity() {
    loom::model(|| {
        let (tx, rx) = bounded(1);
        let tx2 = tx.clone();
        let a = thread::spawn(move || {
            tx.send(1).unwrap();
            tx.send(2).unwrap();
        });
        let b = thread::spawn(move || {
            tx2.send(10).unwrap();
        });
        let mut got = Vec::new();
        for _ in 0..3 {
            assert!(rx.len() <= 1, "a capacity-1 channel holds {}", rx.len());
            got.push(rx.recv().unwrap());
        }
        a.join().unwrap();
        b.join().unwrap();
        got.sort();
        assert_eq!(got, [1, 2, 10]);
    });
}

#[test]
fn loom_last_sender_drop_wakes_the_receiver() {
    loom::model(|| {
        let (tx, rx) = bounded::<u8>(1);
        let t = thread::spawn(move || drop(tx));
        assert_eq!(rx.recv(), None);
        t.join().unwrap();
    });
}

#[test]
fn loom_receiver_drop_wakes_a_blocked_sender() {
    loom::model(|| {
        let (tx, rx) = bounded(1);
        let t = thread::spawn(move || {
            let first = tx.send(1);
            let second = tx.send(2);
            (first, second)
        });
        drop(rx);
        let (first, second) = t.join().unwrap();
        assert_eq!(second, Err(SendError(2)));
        assert!(first == Ok(()) || first == Err(SendError(1)));
    });
}
