//! Human-readable durations for configuration files: `"1h30m"`, `"45s"`, `"250ms"`, `"2d"`.

use std::fmt;
use std::time::Duration;

/// Why a duration could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The input was empty or only whitespace.
    Empty,
    /// A number was not followed by a unit, at this byte offset.
    MissingUnit(usize),
    /// A unit this parser does not know.
    UnknownUnit(String),
    /// The total does not fit in a `Duration`.
    Overflow,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty duration"),
            ParseError::MissingUnit(at) => write!(f, "number without a unit at byte {at}"),
            ParseError::UnknownUnit(unit) => write!(f, "unknown unit `{unit}`"),
            ParseError::Overflow => write!(f, "duration too large"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses a sequence of `<number><unit>` parts, summed: units are `d`, `h`, `m`, `s` and `ms`.
///
/// ```
/// use std::time::Duration;
/// assert_eq!(spans::parse("1h30m"), Ok(Duration::from_secs(5400)));
/// ```
pub fn parse(input: &str) -> Result<Duration, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    let bytes = text.as_bytes();
    let mut total = Duration::ZERO;
    let mut at = 0;
    while at < bytes.len() {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return Err(ParseError::MissingUnit(at));
        }
        let number: u64 = text[at..at + digits]
            .parse()
            .map_err(|_| ParseError::Overflow)?;
        at += digits;
        let letters = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if letters == 0 {
            return Err(ParseError::MissingUnit(at));
        }
        let unit = &text[at..at + letters];
        at += letters;
        let part = unit_duration(unit, number)?;
        total = total.checked_add(part).ok_or(ParseError::Overflow)?;
    }
    Ok(total)
}

fn unit_duration(unit: &str, number: u64) -> Result<Duration, ParseError> {
    let seconds_per_unit = match unit.as_bytes()[0] {
        b'd' => 86_400,
        b'h' => 3_600,
        b'm' => 60,
        b's' => 1,
        _ => return Err(ParseError::UnknownUnit(unit.to_string())),
    };
    number
        .checked_mul(seconds_per_unit)
        .map(Duration::from_secs)
        .ok_or(ParseError::Overflow)
}

/// Formats a duration the way [`parse`] reads it, largest unit first: `5400s` is `"1h30m"`.
pub fn format(duration: Duration) -> String {
    let mut secs = duration.as_secs();
    let millis = duration.subsec_millis();
    if secs == 0 && millis == 0 {
        return "0s".to_string();
    }
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if secs >= size {
            out.push_str(&format!("{}{unit}", secs / size));
            secs %= size;
        }
    }
    if millis > 0 {
        out.push_str(&format!("{millis}ms"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compound_durations() {
        assert_eq!(parse("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse("2d"), Ok(Duration::from_secs(172_800)));
        assert_eq!(parse(" 45s "), Ok(Duration::from_secs(45)));
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(parse(""), Err(ParseError::Empty));
        assert_eq!(parse("10"), Err(ParseError::MissingUnit(2)));
        assert_eq!(parse("3w"), Err(ParseError::UnknownUnit("w".into())));
    }

    #[test]
    fn formats_largest_unit_first() {
        assert_eq!(format(Duration::from_secs(5400)), "1h30m");
        assert_eq!(format(Duration::ZERO), "0s");
    }
}
