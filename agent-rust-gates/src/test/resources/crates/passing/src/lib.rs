//! Adds numbers.

/// Adds two numbers.
///
/// ```
/// assert_eq!(passing::add(2, 3), 5);
/// ```
pub fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    #[ignore]
    fn slow() {}
}
