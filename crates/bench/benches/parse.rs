//! Criterion benchmarks on the seed: the parse, and each writer.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rfi_parse::Format;

const SEED: &str = include_str!("../../../fixtures/rfi-seed.txt");

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| rfi_parse::parse(black_box(SEED), &rfi_parse::ParseOptions::default()).unwrap())
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let article = rfi_parse::parse(SEED, &rfi_parse::ParseOptions::default()).unwrap();
    let mut group = c.benchmark_group("render");
    for (name, format) in [
        ("json", Format::Json),
        ("jsonl", Format::JsonLines),
        ("markdown", Format::Markdown),
        ("text", Format::Text),
    ] {
        group.bench_function(name, |b| {
            let mut out = Vec::with_capacity(16 * 1024);
            b.iter(|| {
                out.clear();
                format.render(black_box(&article), None, &mut out);
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse, render);
criterion_main!(benches);
