//! Word statistics for a text: counts, the longest word, and a histogram of word lengths.

use std::collections::BTreeMap;
use std::collections::HashMap;

/// Splits a text into lowercase words.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let cleaned: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if cleaned.len() == 0 {
            continue;
        }
        out.push(cleaned);
    }
    return out;
}

/// How often each word occurs, in alphabetical order.
pub fn counts(text: &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for word in words(&text) {
        *map.entry(word).or_insert(0) += 1;
    }
    map
}

/// The longest word; the first one when several are as long.
pub fn longest(text: &str) -> Option<String> {
    let all = words(text);
    let mut best: Option<&String> = None;
    for word in all.iter() {
        match best {
            Some(b) if b.len() >= word.len() => {}
            _ => best = Some(word),
        }
    }
    best.map(|w| w.clone())
}

/// How many words have each length.
pub fn length_histogram(text: &str) -> BTreeMap<usize, usize> {
    let mut histogram = BTreeMap::new();
    for word in words(text) {
        let length = word.chars().count();
        *histogram.entry(length).or_insert(0) += 1;
    }
    return histogram;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_case_insensitively() {
        let c = counts("The cat and the hat.");
        assert_eq!(c["the"], 2);
        assert_eq!(c["cat"], 1);
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn finds_the_first_longest_word() {
        assert_eq!(longest("a bb ccc ddd"), Some("ccc".to_string()));
        assert_eq!(longest("   "), None);
    }

    #[test]
    fn histogram_counts_lengths() {
        let h = length_histogram("a bb cc ddd");
        assert_eq!(h[&2], 2);
        assert_eq!(h.get(&4), None);
    }
}
