//! A shared counter. Its increment is a load followed by a store: two threads can both read the
//! same value and one increment is lost. Loom finds the interleaving.

#[cfg(loom)]
use loom::sync::atomic::{AtomicUsize, Ordering};
#[cfg(not(loom))]
use std::sync::atomic::{AtomicUsize, Ordering};

/// A counter shared between threads.
#[derive(Default)]
pub struct Counter {
    n: AtomicUsize,
}

impl Counter {
    /// Adds one.
    pub fn increment(&self) {
        let seen = self.n.load(Ordering::SeqCst);
        self.n.store(seen + 1, Ordering::SeqCst);
    }

    /// The count.
    pub fn get(&self) -> usize {
        self.n.load(Ordering::SeqCst)
    }
}

#[cfg(all(test, loom))]
mod loom_models {
    use super::Counter;
    use loom::sync::Arc;
    use loom::thread;

    #[test]
    fn two_threads_count_two() {
        loom::model(|| {
            let counter = Arc::new(Counter::default());
            let other = counter.clone();
            let t = thread::spawn(move || other.increment());
            counter.increment();
            t.join().unwrap();
            assert_eq!(counter.get(), 2, "an increment was lost");
        });
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    #[test]
    fn counts_on_one_thread() {
        let c = super::Counter::default();
        c.increment();
        assert_eq!(c.get(), 1);
    }
}
