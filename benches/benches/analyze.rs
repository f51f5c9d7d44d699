//! `cargo bench -p replylint-benches`: building analyzers, one reply, and bulk throughput
//! beside the floor (raw aho-corasick over the same literals on already-lowercased text).

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use replylint::Analyzer;
use replylint_benches::{literals, replies, REPLY_200B};

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.bench_function("all_languages", |b| {
        b.iter(|| Analyzer::builder().build().unwrap())
    });
    g.bench_function("english_only", |b| {
        b.iter(|| Analyzer::builder().languages(["en"]).build().unwrap())
    });
    g.finish();
}

fn one_reply(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let mut g = c.benchmark_group("reply_200b");
    g.throughput(Throughput::Bytes(REPLY_200B.len() as u64));
    g.bench_function("analyze", |b| b.iter(|| analyzer.analyze(REPLY_200B)));
    g.finish();
}

fn bulk(c: &mut Criterion) {
    let corpus = replies(7, 4 << 20);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let all = Analyzer::new();
    let english = Analyzer::builder().languages(["en"]).build().unwrap();
    let floor = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(literals(None))
        .unwrap();
    let lowered: Vec<String> = corpus.iter().map(|r| r.to_lowercase()).collect();

    let mut g = c.benchmark_group("bulk_4mb");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("raw_aho_corasick_floor", |b| {
        b.iter(|| {
            lowered
                .iter()
                .map(|r| floor.find_iter(r.as_str()).count())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze_all_languages", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|r| all.analyze(r).findings().len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze_english_only", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|r| english.analyze(r).findings().len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyze_batch_all_cores", |b| {
        b.iter_batched(
            || (),
            |()| all.analyze_batch(&corpus).len(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, build, one_reply, bulk);
criterion_main!(benches);
