//! Parallel map that hands results back in input order (or as done) through a bounded window.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::mpsc;

/// Items handed to a worker at once, at most: enough to make the hand-off between
/// threads rare, few enough to keep both cores busy to the end.
const MAX_BATCH: usize = 16;

/// Runs `work` on every item on `pool`, and gives each result to `sink` in input order.
/// With a pool of one thread, everything runs on the calling thread instead.
///
/// Items go to the workers in batches that grow from 1 to [`MAX_BATCH`], so a short run
/// is spread over all threads and a long one pays for few hand-offs. At most `window`
/// batches are in flight or waiting for an earlier one, so memory stays bounded however
/// many items there are. When `sink` breaks, no further batch starts; the ones already
/// running finish and their results are dropped. `sink` runs on the calling thread, so
/// it may hold non-`Send` state such as a locked stdout. A panic in `work` goes on on the
/// calling thread once the batches in flight end (the caller never waits for a result
/// that a panicked worker will not send).
pub fn ordered_map<T, R, E>(
    pool: &rayon::ThreadPool,
    items: impl Iterator<Item = T>,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> ControlFlow<E>,
) -> Option<E>
where
    T: Send,
    R: Send,
{
    map(pool, items, window, Order::Input, work, sink)
}

/// Runs `work` on every item on `pool` as [`ordered_map`] does, but gives each result
/// to `sink` as soon as it is done, and hands items out one at a time: an item that
/// never ends (a read blocked on a FIFO) holds up no other, where in input order all the
/// later results would wait for it, and the items of its batch with it.
pub fn map_as_done<T, R, E>(
    pool: &rayon::ThreadPool,
    items: impl Iterator<Item = T>,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> ControlFlow<E>,
) -> Option<E>
where
    T: Send,
    R: Send,
{
    map(pool, items, window, Order::Completion, work, sink)
}

/// The order results reach the sink in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The items' order: [`ordered_map`].
    Input,
    /// As each is done: [`map_as_done`].
    Completion,
}

/// [`ordered_map`] or [`map_as_done`], by `order`.
pub fn map<T, R, E>(
    pool: &rayon::ThreadPool,
    items: impl Iterator<Item = T>,
    window: usize,
    order: Order,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> ControlFlow<E>,
) -> Option<E>
where
    T: Send,
    R: Send,
{
    if pool.current_num_threads() == 1 {
        // One worker: running on the calling thread saves a thread hand-off per item.
        return items
            .map(work)
            .find_map(|result| sink(result).break_value());
    }
    let window = window.max(1);
    type Batch<R> = std::thread::Result<Vec<R>>;
    let (sender, receiver) = mpsc::channel::<(usize, Batch<R>)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        let mut items = items;
        let mut waiting: BTreeMap<usize, Batch<R>> = BTreeMap::new();
        let (mut submitted, mut delivered) = (0, 0);
        let mut batch_size = 1;
        let mut stopped = None;
        loop {
            while stopped.is_none() && submitted - delivered < window {
                let batch: Vec<T> = items.by_ref().take(batch_size).collect();
                if batch.is_empty() {
                    break;
                }
                if order == Order::Input {
                    batch_size = (batch_size * 2).min(MAX_BATCH);
                }
                let (sender, index) = (sender.clone(), submitted);
                scope.spawn(move |_| {
                    let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        batch.into_iter().map(work).collect()
                    }));
                    // The receiver outlives the scope, so this send cannot fail.
                    let _ = sender.send((index, results));
                });
                submitted += 1;
            }
            if delivered == submitted {
                return stopped;
            }
            let (index, results) = receiver
                .recv()
                .expect("a sender is alive while work is in flight");
            // Done in any order: each batch takes the next place in line as it comes.
            let index = match order {
                Order::Input => index,
                Order::Completion => delivered,
            };
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&delivered) {
                delivered += 1;
                let results = results.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                for result in results {
                    if stopped.is_none()
                        && let ControlFlow::Break(reason) = sink(result)
                    {
                        stopped = Some(reason);
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_back_in_input_order() {
        let mut seen = Vec::new();
        let stopped = ordered_map(
            &pool(4),
            0..200u64,
            8,
            |n| {
                // Later items finish first, to shuffle completion order.
                std::thread::sleep(Duration::from_micros((200 - n) * 20));
                n * 2
            },
            |r| {
                seen.push(r);
                ControlFlow::<()>::Continue(())
            },
        );
        assert_eq!(stopped, None);
        assert_eq!(seen, (0..200).map(|n| n * 2).collect::<Vec<_>>());
    }

    /// A worker's panic used to leave the calling thread waiting for its batch forever.
    #[test]
    fn a_panic_in_work_reaches_the_caller_instead_of_hanging() {
        let (done, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let caught = std::panic::catch_unwind(|| {
                ordered_map(
                    &pool(2),
                    0..100,
                    4,
                    |n| assert_ne!(n, 5, "five"),
                    |()| ControlFlow::<()>::Continue(()),
                )
            });
            done.send(caught.is_err()).unwrap();
        });
        let panicked = receiver.recv_timeout(Duration::from_secs(20));
        assert_eq!(panicked, Ok(true), "the panic reached the caller in time");
    }

    /// An item that never ends (a read blocked on a FIFO) held up the items after it.
    #[test]
    fn results_as_done_wait_for_no_item_that_never_ends() {
        let (release, blocked) = mpsc::channel::<()>();
        let blocked = std::sync::Mutex::new(blocked);
        let (done, seen) = mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                map_as_done(
                    &pool(2),
                    0..50,
                    4,
                    |n| {
                        if n == 1 {
                            // Blocked until every other result is in.
                            blocked.lock().unwrap().recv().unwrap();
                        }
                        n
                    },
                    |n| {
                        done.send(n).unwrap();
                        ControlFlow::<()>::Continue(())
                    },
                )
            });
            let mut others: Vec<i32> = (0..49)
                .map_while(|_| seen.recv_timeout(Duration::from_secs(10)).ok())
                .collect();
            // Released before any assertion, so that a failure ends the test.
            release.send(()).unwrap();
            others.sort_unstable();
            assert_eq!(others, (0..50).filter(|n| *n != 1).collect::<Vec<_>>());
            assert_eq!(seen.recv_timeout(Duration::from_secs(20)), Ok(1));
        });
    }

    #[test]
    fn breaking_stops_new_work() {
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = 0;
        let stopped = ordered_map(
            &pool(2),
            0..10_000,
            4,
            |n| {
                started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                n
            },
            |n| {
                seen += 1;
                if n == 10 {
                    ControlFlow::Break("stop")
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(stopped, Some("stop"));
        assert_eq!(seen, 11);
        assert!(started.into_inner() < 100);
    }
}
