//! Memory bounded by the largest file, not the corpus: the ordered hand-off between the
//! workers and the writer never holds more than its window of results, however slow one
//! file is. Checked structurally (counts), not by timing.

mod common;
use common::*;
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

const DRAFT: &str = "# Review\n\nDialogues with Vietnam and Chile.\n\nThree States Parties - Chile and Peru - reported.\n";

/// The streamed output is the same on one thread and on several, for every format; files
/// come out sorted by path with the walk's errors in their place.
#[test]
fn output_does_not_depend_on_threads() {
    let d = repo();
    for i in 0..40 {
        let text = if i % 3 == 0 {
            DRAFT.to_string()
        } else {
            format!("# Draft {i}\n\nNothing to see in draft {i}.\n")
        };
        write(d.path(), &format!("d{}/n{:02}.md", i % 4, 39 - i), &text);
    }
    std::fs::write(d.path().join("d1/bad.md"), b"caf\xe9\n").unwrap();
    std::fs::create_dir_all(d.path().join("d2/x.md")).unwrap();
    for format in ["human", "concise", "json", "sarif", "github"] {
        let args = ["check", ".", "--format", format];
        let one = tally_with(d.path(), &args, None, &[("RAYON_NUM_THREADS", "1")]);
        assert_eq!(one.code, 2, "{format}: {}", one.stderr);
        assert!(!one.stdout.is_empty());
        assert_eq!(
            one.stderr,
            "tally: d1/bad.md: file is not valid UTF-8 (invalid byte at offset 3, line 1); save it as UTF-8\n\
             tally: d2/x.md: is a directory, not a file\n"
        );
        for threads in ["2", "3"] {
            let many = tally_with(d.path(), &args, None, &[("RAYON_NUM_THREADS", threads)]);
            assert_eq!(
                (many.code, &many.stdout, &many.stderr),
                (one.code, &one.stdout, &one.stderr),
                "{format} on {threads} threads"
            );
        }
    }
}

/// A file named twice with --fix is fixed once, and the later mention reads the fixed text,
/// whatever the threads.
#[test]
fn a_file_named_twice_is_fixed_once() {
    for threads in ["1", "2"] {
        let d = repo();
        write(d.path(), "draft.md", DRAFT);
        let r = tally_with(
            d.path(),
            &[
                "check",
                "draft.md",
                "./draft.md",
                "draft.md",
                "--fix",
                "--format",
                "concise",
            ],
            None,
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(
            r.stderr.contains("fixed 1 finding in 1 file"),
            "{threads}: {}",
            r.stderr
        );
        let fixed = DRAFT.replace("Vietnam", "Viet Nam");
        assert_eq!(
            std::fs::read_to_string(d.path().join("draft.md")).unwrap(),
            fixed
        );
        // Every mention reports what remains in the fixed text.
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert_eq!(lines.len(), 3, "{}", r.stdout);
        assert!(
            lines.iter().all(|l| l.contains("[count-list]")),
            "{}",
            r.stdout
        );
        assert!(!r.stdout.contains("Vietnam"), "{}", r.stdout);
    }
}
