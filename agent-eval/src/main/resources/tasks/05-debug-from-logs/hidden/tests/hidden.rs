//! Hidden checks: `Recent` matches a VecDeque model for every capacity and push count, and the
//! crash report from the log renders after the ring wrapped around.

use blackbox::{Level, Recent, Recorder};
use std::collections::VecDeque;

fn model(capacity: usize, pushes: usize) -> VecDeque<usize> {
    let mut m = VecDeque::new();
    for i in 0..pushes {
        if m.len() == capacity {
            m.pop_front();
        }
        m.push_back(i);
    }
    m
}

#[test]
fn get_matches_a_model_for_every_capacity_and_push_count() {
    for capacity in 1..=9 {
        for pushes in 0..=4 * capacity + 3 {
            let mut r = Recent::with_capacity(capacity);
            for i in 0..pushes {
                r.push(i);
            }
            let m = model(capacity, pushes);
            assert_eq!(r.len(), m.len(), "capacity {capacity}, {pushes} pushes");
            assert_eq!(r.capacity(), capacity);
            for i in 0..m.len() + 2 {
                assert_eq!(
                    r.get(i),
                    m.get(i),
                    "get({i}), capacity {capacity}, {pushes} pushes"
                );
            }
        }
    }
}

#[test]
fn iter_and_newest_match_a_model_after_wrapping() {
    for capacity in 1..=9 {
        for pushes in capacity..=3 * capacity + 1 {
            let mut r = Recent::with_capacity(capacity);
            for i in 0..pushes {
                r.push(i);
            }
            let m: Vec<usize> = model(capacity, pushes).into_iter().collect();
            assert_eq!(
                r.iter().copied().collect::<Vec<_>>(),
                m,
                "capacity {capacity}"
            );
            for n in 0..=m.len() + 1 {
                let want = &m[m.len().saturating_sub(n)..];
                assert_eq!(
                    r.newest(n).copied().collect::<Vec<_>>(),
                    want,
                    "newest({n})"
                );
            }
        }
    }
}

#[test]
fn crash_report_after_the_ring_wrapped() {
    let mut rec = Recorder::new(64);
    for batch in 1..=100 {
        rec.record(Level::Info, format!("ingested batch {batch}"));
    }
    rec.record(Level::Error, "upstream closed the connection");
    let mut want = String::from("crash report: 101 lines recorded, last 3 shown\n");
    want.push_str("#99 INFO ingested batch 99\n");
    want.push_str("#100 INFO ingested batch 100\n");
    want.push_str("#101 ERROR upstream closed the connection\n");
    assert_eq!(rec.crash_report(3), want);
    let seqs: Vec<u64> = rec.entries().map(|e| e.seq).collect();
    assert_eq!(seqs, (38..=101).collect::<Vec<_>>());
}

#[test]
fn capacity_one_keeps_only_the_newest() {
    let mut r = Recent::with_capacity(1);
    for i in 0..5 {
        r.push(i);
        assert_eq!(r.get(0), Some(&i));
        assert_eq!(r.iter().count(), 1);
    }
}
