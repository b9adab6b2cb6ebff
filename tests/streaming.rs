//! Memory bounded by the largest file, not the corpus: the ordered hand-off between the
//! workers and the writer never holds more than its window of results, however slow one
//! file is. Checked structurally (counts), not by timing.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use tally::ordered;

/// A slow first item: everything after it can be checked, but only a window's worth may be
/// taken before it is written.
#[test]
fn a_slow_first_item_holds_back_at_most_a_window() {
    const WINDOW: usize = 8;
    for threads in [1, 2, 4] {
        let started = AtomicUsize::new(0);
        let finished = AtomicUsize::new(0);
        let written = AtomicUsize::new(0);
        let most_waiting = AtomicUsize::new(0);
        let all = ordered::run(
            500,
            threads,
            WINDOW,
            |i| {
                started.fetch_add(1, SeqCst);
                // Nothing is taken beyond the window past what was written.
                assert!(i < written.load(SeqCst) + WINDOW, "took {i} too early");
                if i == 0 && threads > 1 {
                    // Hold the first item until every other item of the window is done, so
                    // that the others would run ahead if they could.
                    while finished.load(SeqCst) < WINDOW - 1 {
                        std::thread::yield_now();
                    }
                    // However long it stays, no worker may take an item past the window.
                    for _ in 0..1000 {
                        std::thread::yield_now();
                    }
                    assert_eq!(started.load(SeqCst), WINDOW, "started past the window");
                }
                let done = finished.fetch_add(1, SeqCst) + 1;
                most_waiting.fetch_max(done - written.load(SeqCst), SeqCst);
                vec![i as u8; 1000]
            },
            |i, v| {
                assert_eq!(v[0], i as u8);
                written.store(i + 1, SeqCst);
                true
            },
        );
        assert!(all);
        assert_eq!(written.load(SeqCst), 500);
        assert!(
            most_waiting.load(SeqCst) <= WINDOW,
            "{} results waited at once with a window of {WINDOW}",
            most_waiting.load(SeqCst)
        );
    }
}

/// Every result reaches the writer in order, for random delays and thread counts.
#[test]
fn order_holds_with_uneven_items() {
    for threads in 1..=4 {
        let mut next = 0;
        let all = ordered::run(
            300,
            threads,
            3,
            |i| {
                for _ in 0..(i * 7919) % 50 {
                    std::thread::yield_now();
                }
                i
            },
            |i, v| {
                assert_eq!((i, v), (next, next));
                next += 1;
                true
            },
        );
        assert!(all);
        assert_eq!(next, 300);
    }
}
