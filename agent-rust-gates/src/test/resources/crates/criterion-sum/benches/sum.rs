use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench_sum(c: &mut Criterion) {
    c.bench_function("sum_100k", |b| b.iter(|| criterion_sum::sum(black_box(100_000))));
}

criterion_group!(benches, bench_sum);
criterion_main!(benches);
