//! Hidden checks: results are correct and parsing allocates nothing.

use logrec::{parse, records, ErrorKind, Level, ParseError, Record};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: delegates every call to the system allocator; only counts on the calling thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = f();
    (r, ALLOCATIONS.with(Cell::get) - before)
}

const INPUT: &str = "# service log\n\
2024-05-01T12:00:00Z INFO net::http: request served\n\
\n\
   2024-05-01T12:00:01Z WARN net::http: slow response (812 ms)   \n\
2024-05-01T12:00:02Z LOUD db: what\n\
2024-05-01T12:00:03Z ERROR db::pool: pool exhausted\n\
2024-05-01T12:00:04Z DEBUG no-colon-here\n\
2024-05-01T12:00:05Z\n\
2024-05-01T12:00:06Z TRACE a::b: x: y: z\n";

fn inside(input: &str, s: &str) -> bool {
    let range = input.as_bytes().as_ptr_range();
    let p = s.as_ptr();
    range.start <= p && p <= range.end && s.len() <= range.end as usize - p as usize
}

#[test]
fn records_are_correct_and_in_order() {
    let all: Vec<Result<Record<'_>, ParseError>> = records(INPUT).collect();
    assert_eq!(all.len(), 7);
    let r = all[0].as_ref().unwrap();
    assert_eq!(
        (r.line, r.timestamp, r.level, r.target, r.message),
        (
            2,
            "2024-05-01T12:00:00Z",
            Level::Info,
            "net::http",
            "request served"
        )
    );
    let r = all[1].as_ref().unwrap();
    assert_eq!(
        (r.line, r.level, r.target, r.message),
        (4, Level::Warn, "net::http", "slow response (812 ms)")
    );
    assert_eq!(
        all[2].unwrap_err(),
        ParseError {
            line: 5,
            kind: ErrorKind::BadLevel
        }
    );
    let r = all[3].as_ref().unwrap();
    assert_eq!(
        (r.line, r.level, r.target, r.message),
        (6, Level::Error, "db::pool", "pool exhausted")
    );
    assert_eq!(all[4].unwrap_err().kind, ErrorKind::MissingField);
    assert_eq!(
        all[5].unwrap_err(),
        ParseError {
            line: 8,
            kind: ErrorKind::MissingField
        }
    );
    let r = all[6].as_ref().unwrap();
    assert_eq!((r.line, r.target, r.message), (9, "a::b", "x: y: z"));
}

#[test]
fn fields_borrow_from_the_input() {
    for r in records(INPUT).flatten() {
        assert!(inside(INPUT, r.timestamp), "timestamp is a copy");
        assert!(inside(INPUT, r.target), "target is a copy");
        assert!(inside(INPUT, r.message), "message is a copy");
    }
}

#[test]
fn parsing_performs_no_allocation() {
    let big: String = INPUT.repeat(200);
    let ((ok, bad, bytes), n) = allocations_during(|| {
        let mut ok = 0usize;
        let mut bad = 0usize;
        let mut bytes = 0usize;
        for item in records(&big) {
            match item {
                Ok(r) => {
                    ok += 1;
                    bytes += r.timestamp.len() + r.target.len() + r.message.len();
                }
                Err(e) => {
                    bad += 1;
                    bytes += e.line;
                }
            }
        }
        (ok, bad, bytes)
    });
    assert_eq!((ok, bad), (800, 600));
    assert!(bytes > 0);
    assert_eq!(n, 0, "records() allocated {n} times while parsing");
}

#[test]
fn the_counter_sees_allocations() {
    let (v, n) = allocations_during(|| vec![1u8; 16]);
    assert_eq!(v.len(), 16);
    assert!(n >= 1, "the counting allocator is not installed");
}

#[test]
fn parse_returns_the_first_error_or_every_record() {
    assert_eq!(
        parse(INPUT).unwrap_err(),
        ParseError {
            line: 5,
            kind: ErrorKind::BadLevel
        }
    );
    let ok = parse("a INFO b: c\n\nd ERROR e: f").unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!((ok[1].line, ok[1].target), (3, "e"));
    assert_eq!(
        ParseError {
            line: 3,
            kind: ErrorKind::BadLevel
        }
        .to_string(),
        "line 3: BadLevel"
    );
}

#[test]
fn parse_error_is_copy() {
    fn copy<T: Copy>(t: T) -> T {
        t
    }
    let e = ParseError {
        line: 1,
        kind: ErrorKind::MissingField,
    };
    let _ = copy(e);
}
