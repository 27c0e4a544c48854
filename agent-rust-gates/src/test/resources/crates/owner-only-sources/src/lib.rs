//! Uses a dependency whose published files are readable by their owner and group only.

/// Counts distinct words with fnv's hash map.
pub fn distinct(text: &str) -> usize {
    let mut seen = fnv::FnvHashSet::default();
    for w in text.split_whitespace() {
        seen.insert(w);
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_distinct_words() {
        assert_eq!(super::distinct("a b a c"), 3);
    }
}
