pub fn one() -> u8 {
    1
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls_missing() {
        assert_eq!(super::two(), 2);
    }
}
