pub fn double(x: i32) -> i32 {
    x * 3
}

#[cfg(test)]
mod tests {
    #[test]
    fn doubles() {
        assert_eq!(super::double(2), 4, "double(2) should be 4");
    }

    #[test]
    fn zero() {
        assert_eq!(super::double(0), 0);
    }
}
