//! A tiny crate for the Ratchet demo: `sum_even` compiles, but with a warning.

/// Returns the sum of the even numbers in `values`.
pub fn sum_even(values: &[i64]) -> i64 {
    let mut total = 0;
    let count = values.len();
    for v in values {
        if v % 2 == 0 {
            total += v;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_even_ignores_odd_numbers() {
        assert_eq!(sum_even(&[1, 2, 3, 4, -6]), 0);
    }
}
