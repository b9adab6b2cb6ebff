//! An ordered parallel map with a bounded reorder buffer: `work(i)` runs on worker threads
//! for every index, and `sink(i, result)` sees the results on the calling thread in index
//! order, each as soon as it and every result before it are done.
//!
//! Workers take indices in increasing order and never take index `i` while
//! `i >= written + window`, where `written` is how many results the sink has been given. So
//! at most `window` results are ever waiting or in flight, whatever the number of items and
//! however slow one of them is: memory is bounded by the window, not by the input. (rayon's
//! `par_iter` splits the input in halves, so a slow first half would hold back, and buffer,
//! the whole second half.)

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

struct State {
    /// The next index a worker takes.
    next: usize,
    /// How many results the sink has been given.
    written: usize,
    /// Set when the sink asks to stop or a worker panics: no more indices are handed out.
    stop: bool,
}

/// Clears the way for the others when a worker unwinds: without it, the index it held
/// would never be written and the workers waiting for the window to move would wait forever.
struct StopOnPanic<'a>(&'a Mutex<State>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
            self.1.notify_all();
        }
    }
}

/// Runs `work` on `threads` threads (with one, on the calling thread) for `0..n` and gives
/// the results to `sink` in index order. `sink` returns `false` to stop: no further index is
/// started and the results still in flight are dropped. Returns whether every result reached
/// the sink. `window` (at least one) bounds how many results are taken but not yet written.
pub fn run<T, W, S>(n: usize, threads: usize, window: usize, work: W, mut sink: S) -> bool
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    S: FnMut(usize, T) -> bool,
{
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        // Nothing to overlap: no thread to start, nothing ever waits.
        for i in 0..n {
            if !sink(i, work(i)) {
                return false;
            }
        }
        return true;
    }
    let window = window.max(1);
    let state = Mutex::new(State {
        next: 0,
        written: 0,
        stop: false,
    });
    let moved = Condvar::new();
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (state, moved, work) = (&state, &moved, &work);
            scope.spawn(move || {
                let _guard = StopOnPanic(state, moved);
                loop {
                    let i = {
                        let mut st = state.lock().unwrap_or_else(PoisonError::into_inner);
                        loop {
                            if st.stop || st.next >= n {
                                return;
                            }
                            if st.next < st.written + window {
                                break;
                            }
                            st = moved.wait(st).unwrap_or_else(PoisonError::into_inner);
                        }
                        st.next += 1;
                        st.next - 1
                    };
                    if tx.send((i, work(i))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // Slot k holds the result for index `written + k`.
        let mut pending: VecDeque<Option<T>> = VecDeque::with_capacity(window);
        let mut written = 0;
        for (i, result) in rx.iter() {
            let k = i - written;
            if pending.len() <= k {
                pending.resize_with(k + 1, || None);
            }
            pending[k] = Some(result);
            let before = written;
            while let Some(Some(_)) = pending.front() {
                let result = pending.pop_front().flatten().expect("checked above");
                if !sink(written, result) {
                    let mut st = lock();
                    st.stop = true;
                    moved.notify_all();
                    return false;
                }
                written += 1;
            }
            if written > before {
                lock().written = written;
                moved.notify_all();
            }
        }
        written == n
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            let all = run(
                100,
                threads,
                3,
                |i| {
                    if i % 7 == 0 {
                        std::thread::yield_now();
                    }
                    i * 2
                },
                |i, v| {
                    seen.push((i, v));
                    true
                },
            );
            assert!(all);
            assert_eq!(seen, (0..100).map(|i| (i, i * 2)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn nothing_to_do() {
        assert!(run(0, 4, 8, |i| i, |_, _| panic!("no items")));
    }

    #[test]
    fn a_sink_can_stop_the_run() {
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut got = 0;
        let all = run(
            1000,
            2,
            4,
            |i| {
                started.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                i
            },
            |i, _| {
                got += 1;
                i < 9
            },
        );
        assert!(!all);
        assert_eq!(got, 10);
        // Stopped at index 9: nothing at or beyond 9 + the window was ever started.
        assert!(started.into_inner() <= 9 + 4);
    }

    #[test]
    fn a_panicking_worker_does_not_hang_the_others() {
        let r = std::panic::catch_unwind(|| {
            run(
                100,
                2,
                2,
                |i| {
                    if i == 3 {
                        panic!("boom");
                    }
                    i
                },
                |_, _| true,
            )
        });
        assert!(r.is_err());
    }
}
