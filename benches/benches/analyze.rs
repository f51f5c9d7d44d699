//! `cargo bench -p replylint-benches` (or `benches/run`, which also writes the table and plots
//! of docs/performance.md): building analyzers, one reply, 20 MB of mixed replies, long
//! threads, and cost against text length and pattern count, each beside the floor: raw
//! aho-corasick (leftmost-longest) over the same expanded literals on already-lowercased text.
//!
//! Sample counts and times are cut to what keeps the whole run near five minutes on two busy
//! cores; the groups over megabytes take one iteration per sample (flat sampling).

use std::sync::LazyLock;
use std::time::Duration;

use aho_corasick::AhoCorasick;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use replylint::{builtin_lexicons, Analyzer};
use replylint_benches::{
    first_languages, floor, floor_count, short_replies, text_of_len, threads, CORPUS_SEED, LANGUAGE_STEPS,
    LENGTHS, REPLIES_BYTES, REPLY_200B, THREADS,
};

/// The floor over every built-in literal, built once for every group that needs it; each
/// forces it before timing, so no sample pays for the build.
static FLOOR: LazyLock<AhoCorasick> = LazyLock::new(|| floor(None));

/// Findings over texts, one analysis at a time.
fn findings(analyzer: &Analyzer, texts: &[&str]) -> usize {
    texts.iter().map(|t| analyzer.analyze(t).findings().len()).sum()
}

/// A group whose iterations take long: few samples of one iteration each.
fn heavy<'a>(c: &'a mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("all_languages", |b| {
        b.iter(|| Analyzer::builder().build().unwrap())
    });
    // Naming the languages is not the default configuration, so this build makes its own
    // automaton and templates, as any build with options that change them does.
    let codes: Vec<&str> = builtin_lexicons()
        .iter()
        .map(|l| l.language().code.as_str())
        .collect();
    g.bench_function("all_languages_named", |b| {
        b.iter(|| {
            Analyzer::builder()
                .languages(codes.iter().copied())
                .build()
                .unwrap()
        })
    });
    g.bench_function("english_only", |b| {
        b.iter(|| Analyzer::builder().languages(["en"]).build().unwrap())
    });
    g.finish();
}

fn one_reply(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let lowered = [REPLY_200B.to_lowercase()];
    LazyLock::force(&FLOOR);
    let mut g = c.benchmark_group("reply_200b");
    g.throughput(Throughput::Bytes(REPLY_200B.len() as u64));
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.bench_function("analyze", |b| b.iter(|| analyzer.analyze(REPLY_200B)));
    g.bench_function("floor", |b| b.iter(|| floor_count(&FLOOR, &lowered)));
    g.finish();
}

fn bulk(c: &mut Criterion) {
    let corpus = short_replies(CORPUS_SEED, REPLIES_BYTES);
    let texts: Vec<&str> = corpus.iter().map(|s| s.text.as_str()).collect();
    let bytes = texts.iter().map(|t| t.len()).sum();
    let all = Analyzer::new();
    let english = Analyzer::builder().languages(["en"]).build().unwrap();
    let lowered: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    // The same replies, those of each language together (in the order given within it).
    let mut by_language: Vec<usize> = (0..corpus.len()).collect();
    by_language.sort_by_key(|&i| corpus[i].language);
    let texts_by_language: Vec<&str> = by_language.iter().map(|&i| texts[i]).collect();
    let lowered_by_language: Vec<String> = by_language.iter().map(|&i| lowered[i].clone()).collect();
    LazyLock::force(&FLOOR);

    let mut g = heavy(c, "bulk_20mb", bytes);
    g.bench_function("floor", |b| b.iter(|| floor_count(&FLOOR, &lowered)));
    g.bench_function("analyze_all_languages", |b| b.iter(|| findings(&all, &texts)));
    g.bench_function("floor_one_language_after_another", |b| {
        b.iter(|| floor_count(&FLOOR, &lowered_by_language))
    });
    g.bench_function("analyze_one_language_after_another", |b| {
        b.iter(|| findings(&all, &texts_by_language))
    });
    g.bench_function("analyze_english_only", |b| b.iter(|| findings(&english, &texts)));
    g.bench_function("analyze_batch_all_cores", |b| {
        b.iter(|| all.analyze_batch(&texts).len())
    });
    g.finish();
}

fn long_threads(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let corpus = threads(CORPUS_SEED, THREADS);
    let texts: Vec<&str> = corpus.iter().map(|s| s.text.as_str()).collect();
    let lowered: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    LazyLock::force(&FLOOR);
    let mut g = heavy(c, "threads", texts.iter().map(|t| t.len()).sum());
    g.bench_function("floor", |b| b.iter(|| floor_count(&FLOOR, &lowered)));
    g.bench_function("analyze", |b| b.iter(|| findings(&analyzer, &texts)));
    g.finish();
}

fn by_length(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    LazyLock::force(&FLOOR);
    let mut g = c.benchmark_group("length");
    g.sample_size(20);
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(2));
    for &len in LENGTHS {
        let text = text_of_len(CORPUS_SEED, len);
        let lowered = [text.to_lowercase()];
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", len), &text, |b, t| {
            b.iter(|| analyzer.analyze(t))
        });
        g.bench_with_input(BenchmarkId::new("floor", len), &lowered, |b, l| {
            b.iter(|| floor_count(&FLOOR, l))
        });
    }
    g.finish();
}

fn by_patterns(c: &mut Criterion) {
    // 1 MB of the mixed replies: every analyzer sees every language, finds only its own.
    let corpus = short_replies(CORPUS_SEED, 1 << 20);
    let texts: Vec<&str> = corpus.iter().map(|s| s.text.as_str()).collect();
    let lowered: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    let mut g = heavy(c, "patterns", texts.iter().map(|t| t.len()).sum());
    g.measurement_time(Duration::from_secs(2));
    for &count in LANGUAGE_STEPS {
        let languages = first_languages(count);
        let analyzer = Analyzer::builder()
            .languages(languages.iter().copied())
            .build()
            .unwrap();
        let floor = floor(Some(&languages));
        g.bench_function(BenchmarkId::new("analyze", count), |b| {
            b.iter(|| findings(&analyzer, &texts))
        });
        g.bench_function(BenchmarkId::new("floor", count), |b| {
            b.iter(|| floor_count(&floor, &lowered))
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    build,
    one_reply,
    bulk,
    long_threads,
    by_length,
    by_patterns
);
criterion_main!(benches);
