//! One `Analyzer` shared by many threads gives exactly the reports one thread gives.

use std::thread;

use replylint::{Analyzer, Report};
use replylint_tests::load_all;

const REPLIES: usize = 100_000;
const THREADS: usize = 8;

/// `REPLIES` replies: every vector text in turn, each with a ticket number so no two are equal.
fn replies() -> Vec<String> {
    let texts: Vec<String> = load_all()
        .into_iter()
        .flat_map(|(_, file)| file.vectors.into_iter().map(|v| v.text))
        .collect();
    texts
        .iter()
        .cycle()
        .take(REPLIES)
        .enumerate()
        .map(|(i, text)| format!("{text} (ticket {i})"))
        .collect()
}

#[test]
fn eight_threads_sharing_one_analyzer_give_the_reports_of_one_thread() {
    let replies = replies();
    let analyzer = Analyzer::new();
    let alone: Vec<Report> = replies.iter().map(|r| analyzer.analyze(r)).collect();

    // Threads take replies round-robin, so each sees every kind of reply and they all run
    // the automaton at the same time.
    let mut shared: Vec<Option<Report>> = vec![None; REPLIES];
    let per_thread: Vec<Vec<(usize, Report)>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (analyzer, replies) = (&analyzer, &replies);
                scope.spawn(move || {
                    (t..REPLIES)
                        .step_by(THREADS)
                        .map(|i| (i, analyzer.analyze(&replies[i])))
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no thread panics"))
            .collect()
    });
    for (i, report) in per_thread.into_iter().flatten() {
        assert!(shared[i].replace(report).is_none(), "reply {i} analysed twice");
    }
    let shared: Vec<Report> = shared
        .into_iter()
        .map(|r| r.expect("every reply analysed"))
        .collect();

    let findings: usize = alone.iter().map(|r| r.findings().len()).sum();
    assert!(
        findings > REPLIES / 2,
        "the replies have findings to compare ({findings})"
    );
    for (i, (one, many)) in alone.iter().zip(&shared).enumerate() {
        assert_eq!(one, many, "reply {i}: {:?}", replies[i]);
    }
}

#[test]
fn a_batch_gives_each_text_its_own_report_in_the_texts_order() {
    // Every vector in turn, in every language: the batch analyses them grouped by language,
    // and must hand each report back where its text was.
    let replies = replies();
    let analyzer = Analyzer::new();
    let languages: std::collections::HashSet<_> = replies
        .iter()
        .filter_map(|r| replylint::detect_language(r))
        .collect();
    assert!(
        languages.len() >= 6,
        "the replies are in many languages ({languages:?})"
    );
    let batch = analyzer.analyze_batch(&replies);
    assert_eq!(batch.len(), replies.len());
    for (i, (reply, report)) in replies.iter().zip(&batch).enumerate() {
        assert_eq!(&analyzer.analyze(reply), report, "reply {i}: {reply:?}");
    }
}

#[test]
fn clones_used_on_other_threads_agree_with_the_original() {
    let analyzer = Analyzer::builder()
        .languages(["en", "ru", "ta"])
        .jargon([("RMA", "return label")])
        .build()
        .unwrap();
    let text = "As I already said, print the RMA. Это не ко мне. நிறுவனத்தின் கொள்கை.";
    let expected = analyzer.analyze(text);
    assert!(expected.findings().len() >= 3);
    thread::scope(|scope| {
        for _ in 0..THREADS {
            let clone = analyzer.clone();
            let expected = &expected;
            scope.spawn(move || assert_eq!(&clone.analyze(text), expected));
        }
    });
}
