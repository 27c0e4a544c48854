/// The sum of 0..n, by a loop the benchmark measures.
pub fn sum(n: u64) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(std::hint::black_box(i));
    }
    total
}
