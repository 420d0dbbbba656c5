//! An ordered parallel map with bounded memory: items are read on one
//! thread, mapped on N worker threads, and handed back in input order.
//!
//! ```text
//! source ──batches──▶ worker 1 ─┐
//!  (thread)           worker 2 ─┼──▶ reorder buffer ──▶ sink (calling thread)
//!                     worker N ─┘
//! ```
//!
//! Items travel in batches (up to [`Ordered::batch`] items or weight), so
//! the channels cost little per item. At most [`Ordered::in_flight`]
//! batches exist at any time, read but not yet handed to the sink: the
//! source waits for a free slot before it reads the next batch, and the
//! sink frees one when it has taken a batch. That bounds the work queue,
//! the result queue and the reorder buffer together, however uneven the
//! work is (one slow item holds back at most `in_flight` batches).
//!
//! With one thread everything runs on the calling thread, item by item.
//!
//! ```
//! use deboil::parallel::Ordered;
//!
//! let mut input = (1..=1000u64).map(|n| (n, 1));
//! let mut output = Vec::new();
//! Ordered::new(4).run(
//!     move || input.next(),
//!     || |n: u64| n * n,
//!     |square| {
//!         output.push(square);
//!         Ok::<(), ()>(())
//!     },
//! )?;
//! assert!(output.iter().zip(1u64..).all(|(&sq, n)| sq == n * n));
//! # Ok::<(), ()>(())
//! ```

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, Ordering};

/// What a panicking thread left.
type Panic = Box<dyn Any + Send>;

/// The number of threads "all cores" means here: what
/// [`std::thread::available_parallelism`] says, or 1.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Settings of an ordered parallel map; [`run`](Ordered::run) runs one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordered {
    threads: usize,
    batch_items: usize,
    batch_weight: usize,
    in_flight: usize,
}

impl Ordered {
    /// A map on `threads` worker threads (0: one per core, see
    /// [`available_threads`]); batches of up to 64 items or 512 KiB of
    /// weight; four batches in flight per thread.
    pub fn new(threads: usize) -> Ordered {
        let threads = if threads == 0 {
            available_threads()
        } else {
            threads
        };
        Ordered {
            threads,
            batch_items: 64,
            batch_weight: 512 * 1024,
            in_flight: 4 * threads,
        }
    }

    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// A batch ends when it holds `items` items or its items weigh
    /// `weight` or more (the weight is what the source says an item
    /// weighs, such as its size in bytes). Both are at least 1.
    pub fn batch(mut self, items: usize, weight: usize) -> Ordered {
        self.batch_items = items.max(1);
        self.batch_weight = weight.max(1);
        self
    }

    /// The most batches read but not yet handed to the sink (at least 1).
    pub fn in_flight(mut self, batches: usize) -> Ordered {
        self.in_flight = batches.max(1);
        self
    }

    /// Maps every item `source` gives with a worker made by `make_worker`
    /// (one per thread, made on that thread) and hands the results to
    /// `sink` in the order of the items.
    ///
    /// `source` returns each item with its weight, and `None` at the end;
    /// it runs on a thread of its own when there is more than one worker.
    /// It is not called again after it returned `None`. A source that can
    /// fail passes its errors on as items.
    ///
    /// # Errors
    ///
    /// The first error `sink` returns: the map stops (the source stops
    /// reading at the next batch, results not yet handed over are
    /// dropped) and returns it.
    ///
    /// # Panics
    ///
    /// If the source or a worker panics.
    pub fn run<T, U, E, S, M, F, O>(
        &self,
        mut source: S,
        make_worker: M,
        mut sink: O,
    ) -> Result<(), E>
    where
        T: Send,
        U: Send,
        S: FnMut() -> Option<(T, usize)> + Send,
        M: Fn() -> F + Sync,
        F: FnMut(T) -> U,
        O: FnMut(U) -> Result<(), E>,
    {
        if self.threads <= 1 {
            let mut worker = make_worker();
            while let Some((item, _)) = source() {
                sink(worker(item))?;
            }
            return Ok(());
        }
        let stop = AtomicBool::new(false);
        let outcome = std::thread::scope(|scope| {
            let (work_tx, work_rx) = crossbeam_channel::bounded::<(u64, Vec<T>)>(self.in_flight);
            let (done_tx, done_rx) =
                crossbeam_channel::bounded::<(u64, Result<Vec<U>, Panic>)>(self.in_flight);
            let (slot_tx, slot_rx) = crossbeam_channel::bounded::<()>(self.in_flight);
            for _ in 0..self.in_flight {
                slot_tx
                    .send(())
                    .expect("the channel has room for every slot");
            }
            let (batch_items, batch_weight) = (self.batch_items, self.batch_weight);
            let stop = &stop;
            scope.spawn(move || {
                let mut seq = 0u64;
                let mut ended = false;
                while !ended && slot_rx.recv().is_ok() && !stop.load(Ordering::Relaxed) {
                    let mut batch = Vec::new();
                    let mut weight = 0usize;
                    while batch.len() < batch_items
                        && weight < batch_weight
                        && !stop.load(Ordering::Relaxed)
                    {
                        match source() {
                            Some((item, w)) => {
                                batch.push(item);
                                weight = weight.saturating_add(w);
                            }
                            None => {
                                ended = true;
                                break;
                            }
                        }
                    }
                    if !batch.is_empty() {
                        // Never blocks: there are no more batches than slots.
                        if work_tx.send((seq, batch)).is_err() {
                            break;
                        }
                        seq += 1;
                    }
                }
            });
            for _ in 0..self.threads {
                let work_rx = work_rx.clone();
                let done_tx = done_tx.clone();
                let make_worker = &make_worker;
                scope.spawn(move || {
                    // A worker's panic is handed to the calling thread, which
                    // stops the map and passes it on: left to end the worker
                    // alone, it would leave a hole in the order that the
                    // calling thread waited on for ever.
                    let mut worker = match catch_unwind(AssertUnwindSafe(make_worker)) {
                        Ok(worker) => worker,
                        Err(panic) => {
                            let _ = done_tx.send((u64::MAX, Err(panic)));
                            return;
                        }
                    };
                    for (seq, batch) in work_rx {
                        let out = catch_unwind(AssertUnwindSafe(|| {
                            batch.into_iter().map(&mut worker).collect::<Vec<U>>()
                        }));
                        let failed = out.is_err();
                        if done_tx.send((seq, out)).is_err() || failed {
                            break;
                        }
                    }
                });
            }
            drop(work_rx);
            drop(done_tx);

            let mut next = 0u64;
            let mut pending: BTreeMap<u64, Vec<U>> = BTreeMap::new();
            let mut result = Ok(());
            let mut panicked = None;
            'receive: for (seq, out) in &done_rx {
                let out = match out {
                    Ok(out) => out,
                    Err(panic) => {
                        panicked = Some(panic);
                        break 'receive;
                    }
                };
                pending.insert(seq, out);
                while let Some(out) = pending.remove(&next) {
                    for item in out {
                        if let Err(e) = sink(item) {
                            result = Err(e);
                            break 'receive;
                        }
                    }
                    next += 1;
                    // Fails only once the source has ended: nothing to free.
                    let _ = slot_tx.send(());
                }
            }
            if result.is_err() || panicked.is_some() {
                stop.store(true, Ordering::Relaxed);
            }
            // Dropping our ends stops the source (no more slots) and the
            // workers (nowhere to send); the scope then joins them.
            drop(slot_tx);
            drop(done_rx);
            (result, panicked)
        });
        match outcome {
            (_, Some(panic)) => resume_unwind(panic),
            (result, None) => result,
        }
    }
}

/// Runs `background` on a second thread named `name` while `foreground`
/// runs on this one, and returns both results. When no thread can be
/// started, both run here, one after the other. A panic in `background`
/// is passed on.
pub(crate) fn beside<A, B>(
    name: &str,
    background: &(impl Fn() -> A + Sync),
    foreground: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name(name.to_string())
            .spawn_scoped(scope, background);
        let b = foreground();
        let a = match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => background(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn squares(threads: usize, n: u64, batch: usize, in_flight: usize) -> Vec<u64> {
        let mut input = 0..n;
        let mut out = Vec::new();
        Ordered::new(threads)
            .batch(batch, usize::MAX)
            .in_flight(in_flight)
            .run(
                move || input.next().map(|i| (i, 1)),
                || {
                    |i: u64| {
                        // Uneven work, so batches finish out of order.
                        if i % 7 == 0 {
                            std::thread::sleep(std::time::Duration::from_micros(200));
                        }
                        i * i
                    }
                },
                |x| {
                    out.push(x);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        out
    }

    #[test]
    fn keeps_input_order_for_any_thread_count() {
        let expected: Vec<u64> = (0..2000).map(|i| i * i).collect();
        for threads in [1, 2, 3, 8] {
            for (batch, in_flight) in [(1, 1), (3, 2), (64, 32)] {
                assert_eq!(squares(threads, 2000, batch, in_flight), expected);
            }
        }
        assert!(squares(4, 0, 8, 4).is_empty());
    }

    #[test]
    fn a_worker_panic_ends_the_map_with_that_panic() {
        // The panic reaches the caller (it does not hang waiting for the
        // batch the worker lost), whichever batch it strikes.
        for (threads, bad) in [(2, 0u64), (2, 37), (3, 500), (4, 999)] {
            let mut input = 0..1000u64;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                Ordered::new(threads).batch(4, usize::MAX).in_flight(3).run(
                    move || input.next().map(|i| (i, 1)),
                    || {
                        move |i: u64| {
                            if i == bad {
                                panic!("item {i} is bad");
                            }
                            i
                        }
                    },
                    |_| Ok::<(), ()>(()),
                )
            }));
            let panic = outcome.expect_err("the worker's panic is passed on");
            let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
            assert_eq!(message, format!("item {bad} is bad"));
        }
    }

    #[test]
    fn a_sink_error_stops_the_map() {
        let read = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let mut n = 0u64;
        let result = Ordered::new(2).batch(4, usize::MAX).in_flight(2).run(
            || {
                read.fetch_add(1, Ordering::Relaxed);
                n += 1;
                Some((n, 1))
            },
            || |i: u64| i,
            |i| {
                if i == 10 {
                    return Err(i);
                }
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Err(10));
        assert_eq!(seen, (1..10).collect::<Vec<_>>());
        // The source read at most a few batches past the failure.
        assert!(read.load(Ordering::Relaxed) < 10 + 4 * 4, "{read:?}");
    }

    #[test]
    fn in_flight_bounds_what_is_read_ahead() {
        // The sink is slow: the source may never run more than
        // in_flight batches ahead of it.
        let read = AtomicUsize::new(0);
        let mut taken = 0usize;
        let mut input = 0..200u64;
        Ordered::new(2)
            .batch(2, usize::MAX)
            .in_flight(3)
            .run(
                || {
                    let item = input.next()?;
                    let r = read.fetch_add(1, Ordering::SeqCst) + 1;
                    Some(((item, r), 1))
                },
                || |x: (u64, usize)| x,
                |(_, read_when_made)| {
                    taken += 1;
                    // When the item was read, at most 3 batches of 2 items
                    // were read and not yet taken.
                    assert!(
                        read_when_made <= taken + 3 * 2,
                        "{read_when_made} > {taken} + 6"
                    );
                    std::thread::sleep(std::time::Duration::from_micros(50));
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        assert_eq!(taken, 200);
    }
}
