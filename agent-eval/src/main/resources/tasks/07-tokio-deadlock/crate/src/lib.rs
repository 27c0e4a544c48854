//! A single-worker job service: callers submit jobs, one background task runs them in order.
//!
//! Jobs wait in a bounded queue, so a caller that submits faster than the worker runs is slowed
//! down (backpressure) instead of buffering without limit. Every job gets an id, 1, 2, 3..., and
//! the worker runs jobs in id order.

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, Mutex};
use tokio::task::JoinHandle;

/// A unit of work: here, simulated by sleeping for `cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The job's id, assigned by [`Service::submit`].
    pub id: u64,
    /// How long running the job takes.
    pub cost: Duration,
}

/// What the service has done so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// How many jobs were submitted.
    pub submitted: u64,
    /// The ids of the jobs run to the end, in the order they finished.
    pub completed: Vec<u64>,
}

/// The service: a handle to submit jobs to the background worker.
#[derive(Debug)]
pub struct Service {
    stats: Arc<Mutex<Stats>>,
    queue: mpsc::Sender<Job>,
    worker: JoinHandle<()>,
}

impl Service {
    /// Starts the worker on the current Tokio runtime, with room for `queue_depth` waiting jobs.
    ///
    /// # Panics
    ///
    /// If `queue_depth` is 0, or outside a Tokio runtime.
    pub fn start(queue_depth: usize) -> Service {
        let (queue, mut jobs) = mpsc::channel::<Job>(queue_depth);
        let stats = Arc::new(Mutex::new(Stats::default()));
        let shared = Arc::clone(&stats);
        let worker = tokio::spawn(async move {
            while let Some(job) = jobs.recv().await {
                tokio::time::sleep(job.cost).await;
                shared.lock().await.completed.push(job.id);
            }
        });
        Service {
            stats,
            queue,
            worker,
        }
    }

    /// Queues a job costing `cost` and returns its id; waits while the queue is full.
    ///
    /// Ids are handed out in the order jobs enter the queue, so the worker runs them in id order
    /// even when many tasks submit at once.
    pub async fn submit(&self, cost: Duration) -> u64 {
        let mut stats = self.stats.lock().await;
        stats.submitted += 1;
        let id = stats.submitted;
        self.queue
            .send(Job { id, cost })
            .await
            .expect("the worker stopped while the service runs");
        id
    }

    /// A snapshot of the counters.
    pub async fn stats(&self) -> Stats {
        self.stats.lock().await.clone()
    }

    /// Stops taking jobs, waits until every queued job has run, and returns the final counters.
    pub async fn shutdown(self) -> Stats {
        drop(self.queue);
        self.worker.await.expect("the worker panicked");
        let stats = self.stats.lock().await;
        stats.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn runs_a_few_jobs_in_order() {
        let service = Service::start(8);
        assert_eq!(service.submit(Duration::from_millis(5)).await, 1);
        assert_eq!(service.submit(Duration::from_millis(5)).await, 2);
        let stats = service.shutdown().await;
        assert_eq!(stats.submitted, 2);
        assert_eq!(stats.completed, [1, 2]);
    }
}
