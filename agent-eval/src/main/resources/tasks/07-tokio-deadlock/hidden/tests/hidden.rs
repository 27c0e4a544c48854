//! Hidden checks, on paused Tokio time so every interleaving is deterministic: a burst of submits
//! against a short queue finishes, backpressure still holds, and ids still follow queue order.

use jobqueue::Service;
use std::time::Duration;
use tokio::time::{sleep, timeout};

/// Far longer than any scenario below needs in (virtual) time.
const LIMIT: Duration = Duration::from_secs(600);

#[tokio::test(start_paused = true)]
async fn a_burst_longer_than_the_queue_completes() {
    let run = async {
        let service = Service::start(2);
        for _ in 0..10 {
            service.submit(Duration::from_millis(10)).await;
        }
        service.shutdown().await
    };
    let stats = timeout(LIMIT, run)
        .await
        .expect("deadlock: 10 jobs into a queue of 2 did not finish");
    assert_eq!(stats.submitted, 10);
    assert_eq!(stats.completed, (1..=10).collect::<Vec<_>>());
}

#[tokio::test(start_paused = true)]
async fn stats_can_be_read_while_a_submit_waits_for_room() {
    let run = async {
        let service = std::sync::Arc::new(Service::start(1));
        service.submit(Duration::from_secs(1)).await; // the worker takes it
        sleep(Duration::from_millis(1)).await;
        service.submit(Duration::from_secs(1)).await; // waits in the queue
        let blocked = {
            let service = std::sync::Arc::clone(&service);
            tokio::spawn(async move { service.submit(Duration::from_secs(1)).await })
        };
        sleep(Duration::from_millis(500)).await;
        assert!(
            !blocked.is_finished(),
            "submit must wait while the queue is full (backpressure)"
        );
        let stats = service.stats().await;
        assert!(stats.completed.is_empty(), "{stats:?}");
        let third = blocked.await.unwrap();
        assert_eq!(third, 3);
        let service = std::sync::Arc::into_inner(service).unwrap();
        service.shutdown().await
    };
    let stats = timeout(LIMIT, run)
        .await
        .expect("deadlock: a submit waiting for room blocked the worker or stats()");
    assert_eq!(stats.completed, [1, 2, 3]);
}

#[tokio::test(start_paused = true)]
async fn concurrent_submitters_get_ids_in_queue_order() {
    let run = async {
        let service = std::sync::Arc::new(Service::start(3));
        let mut submitters = Vec::new();
        for s in 0..4u64 {
            let service = std::sync::Arc::clone(&service);
            submitters.push(tokio::spawn(async move {
                let mut ids = Vec::new();
                for j in 0..6u64 {
                    ids.push(
                        service
                            .submit(Duration::from_millis(1 + (s * 7 + j) % 5))
                            .await,
                    );
                }
                ids
            }));
        }
        let mut all = Vec::new();
        for s in submitters {
            let ids = s.await.unwrap();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
            all.extend(ids);
        }
        all.sort();
        assert_eq!(all, (1..=24).collect::<Vec<_>>());
        let service = std::sync::Arc::into_inner(service).unwrap();
        service.shutdown().await
    };
    let stats = timeout(LIMIT, run)
        .await
        .expect("deadlock: 4 submitters x 6 jobs into a queue of 3 did not finish");
    assert_eq!(stats.submitted, 24);
    assert_eq!(stats.completed, (1..=24).collect::<Vec<_>>());
}
