//! A bounded single-producer single-consumer queue.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// The sending half; exactly one exists per queue.
pub struct Producer<T> {
    shared: Arc<Mutex<VecDeque<T>>>,
    capacity: usize,
}

/// The receiving half; exactly one exists per queue.
pub struct Consumer<T> {
    shared: Arc<Mutex<VecDeque<T>>>,
}

/// A queue holding at most `capacity` items.
///
/// # Panics
///
/// When `capacity` is 0.
pub fn channel<T>(capacity: usize) -> (Producer<T>, Consumer<T>) {
    assert!(capacity > 0, "capacity must be at least 1");
    let shared = Arc::new(Mutex::new(VecDeque::with_capacity(capacity)));
    (
        Producer {
            shared: shared.clone(),
            capacity,
        },
        Consumer { shared },
    )
}

impl<T> Producer<T> {
    /// Adds `value` at the back, or gives it back when the queue is full.
    pub fn push(&mut self, value: T) -> Result<(), T> {
        let mut q = self.shared.lock().unwrap();
        if q.len() == self.capacity {
            return Err(value);
        }
        q.push_back(value);
        Ok(())
    }

    /// How many items the queue holds at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}

impl<T> Consumer<T> {
    /// Takes the item at the front, if any.
    pub fn pop(&mut self) -> Option<T> {
        self.shared.lock().unwrap().pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo() {
        let (mut p, mut c) = channel(2);
        p.push(1).unwrap();
        p.push(2).unwrap();
        assert_eq!(p.push(3), Err(3));
        assert_eq!(c.pop(), Some(1));
        assert_eq!(c.pop(), Some(2));
        assert_eq!(c.pop(), None);
    }
}
