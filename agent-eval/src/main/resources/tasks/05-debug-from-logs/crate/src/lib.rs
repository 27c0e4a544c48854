//! A flight recorder for services: keeps the most recent log lines in a fixed amount of memory
//! and renders them into a crash report.
//!
//! [`Recent`] is the ring of the last `capacity` items; [`Recorder`] stamps each line with a
//! sequence number and a level and keeps them in a `Recent`.

use std::fmt;

/// The last `capacity` items pushed, oldest first. Pushing onto a full ring drops the oldest item.
#[derive(Debug, Clone)]
pub struct Recent<T> {
    slots: Vec<T>,
    capacity: usize,
    /// Index in `slots` of the oldest item once the ring is full; 0 until then.
    oldest: usize,
}

impl<T> Recent<T> {
    /// An empty ring holding at most `capacity` items.
    ///
    /// # Panics
    ///
    /// If `capacity` is 0.
    pub fn with_capacity(capacity: usize) -> Self {
        assert!(capacity > 0, "a Recent needs room for at least one item");
        Recent {
            slots: Vec::with_capacity(capacity),
            capacity,
            oldest: 0,
        }
    }

    /// Adds `item` as the newest item, dropping the oldest one if the ring is full.
    pub fn push(&mut self, item: T) {
        if self.slots.len() < self.capacity {
            self.slots.push(item);
        } else {
            self.slots[self.oldest] = item;
            self.oldest += 1;
            if self.oldest == self.capacity {
                self.oldest = 0;
            }
        }
    }

    /// How many items the ring holds now.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether nothing has been pushed yet.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The most items the ring holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The `i`-th item counting from the oldest (0), or `None` if `i >= len()`.
    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.slots.len() {
            return None;
        }
        let mut at = self.oldest + i;
        if at > self.capacity {
            at -= self.capacity;
        }
        Some(&self.slots[at])
    }

    /// The items, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// The newest `n` items (fewer if the ring holds fewer), oldest first.
    pub fn newest(&self, n: usize) -> impl Iterator<Item = &T> + '_ {
        let skip = self.len().saturating_sub(n);
        self.iter().skip(skip)
    }
}

/// How serious a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Routine progress.
    Info,
    /// Something odd that the service survived.
    Warn,
    /// A failed operation.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        })
    }
}

/// One recorded log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The line's sequence number: 1 for the first line ever recorded.
    pub seq: u64,
    /// How serious it is.
    pub level: Level,
    /// The text.
    pub message: String,
}

/// Keeps the last lines a service logged, for the crash report.
#[derive(Debug, Clone)]
pub struct Recorder {
    lines: Recent<Entry>,
    next_seq: u64,
}

impl Recorder {
    /// A recorder that remembers the last `capacity` lines.
    ///
    /// # Panics
    ///
    /// If `capacity` is 0.
    pub fn new(capacity: usize) -> Self {
        Recorder {
            lines: Recent::with_capacity(capacity),
            next_seq: 1,
        }
    }

    /// Records one line.
    pub fn record(&mut self, level: Level, message: impl Into<String>) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.lines.push(Entry {
            seq,
            level,
            message: message.into(),
        });
    }

    /// The lines remembered, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.lines.iter()
    }

    /// How many lines were recorded in all, remembered or not.
    pub fn total(&self) -> u64 {
        self.next_seq - 1
    }

    /// The crash report: a header line, then the newest `tail` remembered lines, oldest first, as
    /// `#<seq> <LEVEL> <message>`.
    pub fn crash_report(&self, tail: usize) -> String {
        let mut out = format!(
            "crash report: {} lines recorded, last {} shown\n",
            self.total(),
            tail.min(self.lines.len())
        );
        for e in self.lines.newest(tail) {
            out.push_str(&format!("#{} {} {}\n", e.seq, e.level, e.message));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_items_in_order_until_full() {
        let mut r = Recent::with_capacity(3);
        r.push(1);
        r.push(2);
        assert_eq!(r.iter().copied().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(r.get(2), None);
    }

    #[test]
    fn report_lists_the_newest_lines() {
        let mut rec = Recorder::new(8);
        rec.record(Level::Info, "started");
        rec.record(Level::Warn, "slow disk");
        assert_eq!(
            rec.crash_report(1),
            "crash report: 2 lines recorded, last 1 shown\n#2 WARN slow disk\n"
        );
    }
}
