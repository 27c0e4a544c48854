pub fn read_past_end(v: &[u8]) -> u8 {
    // Reads one element past the end: undefined behaviour Miri reports.
    unsafe { *v.as_ptr().add(v.len()) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads() {
        let v = vec![1u8, 2, 3];
        let _ = super::read_past_end(&v);
    }
}
