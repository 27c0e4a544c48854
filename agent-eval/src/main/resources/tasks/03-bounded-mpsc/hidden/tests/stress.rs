//! Hidden plain stress tests, each under a watchdog so a hang fails instead of stalling.
#![cfg(not(loom))]

use bchan::{bounded, SendError};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, wait) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(f());
    });
    wait.recv_timeout(Duration::from_secs(secs))
        .expect("hung: a wake-up was lost")
}

#[test]
fn four_senders_every_value_once_in_per_sender_order() {
    let seen = within(60, || {
        let (tx, rx) = bounded(3);
        let mut handles = Vec::new();
        for s in 0..4u64 {
            let tx = tx.clone();
            handles.push(thread::spawn(move || {
                for i in 0..20_000u64 {
                    tx.send(s * 1_000_000 + i).unwrap();
                }
            }));
        }
        drop(tx);
        let mut last = [None::<u64>; 4];
        let mut n = 0;
        while let Some(v) = rx.recv() {
            assert!(rx.len() <= 3);
            let s = (v / 1_000_000) as usize;
            assert!(last[s].is_none_or(|p| p < v), "sender {s} out of order");
            last[s] = Some(v);
            n += 1;
        }
        for h in handles {
            h.join().unwrap();
        }
        n
    });
    assert_eq!(seen, 80_000);
}

#[test]
fn blocked_sender_gets_its_value_back_when_the_receiver_goes() {
    let result = within(10, || {
        let (tx, rx) = bounded(1);
        tx.send(1).unwrap();
        let t = thread::spawn(move || tx.send(2));
        thread::sleep(Duration::from_millis(100));
        drop(rx);
        t.join().unwrap()
    });
    assert_eq!(result, Err(SendError(2)));
}

#[test]
fn receiver_wakes_when_the_last_sender_goes() {
    let got = within(10, || {
        let (tx, rx) = bounded::<u8>(1);
        let tx2 = tx.clone();
        let t = thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            drop(tx);
            thread::sleep(Duration::from_millis(50));
            drop(tx2);
        });
        let got = rx.recv();
        t.join().unwrap();
        got
    });
    assert_eq!(got, None);
}

#[test]
fn queued_values_survive_the_senders() {
    let (tx, rx) = bounded(2);
    tx.send("a").unwrap();
    tx.send("b").unwrap();
    drop(tx);
    assert_eq!(
        (rx.recv(), rx.recv(), rx.recv()),
        (Some("a"), Some("b"), None)
    );
}
