//! Counting things in text.

/// Counts the words in `text`: runs of characters between whitespace.
///
/// ```
/// assert_eq!(tally::word_count("one two  three"), 3);
/// ```
pub fn word_count(text: &str) -> usize {
    text.split(' ').filter(|word| !word.is_empty()).count()
}

#[cfg(test)]
mod tests;
