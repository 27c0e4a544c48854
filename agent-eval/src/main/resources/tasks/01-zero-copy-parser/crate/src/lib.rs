//! Parses a line-based log record format.
//!
//! Each non-empty line that does not start with `#` is one record:
//!
//! ```text
//! <timestamp> <LEVEL> <target>: <message>
//! ```
//!
//! For example `2024-05-01T12:00:00Z WARN net::http: slow response (812 ms)`.
//! The level is one of `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`. The message is
//! everything after the first `": "` following the target.

use std::fmt;

/// The severity of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `TRACE`
    Trace,
    /// `DEBUG`
    Debug,
    /// `INFO`
    Info,
    /// `WARN`
    Warn,
    /// `ERROR`
    Error,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "TRACE" => Some(Level::Trace),
            "DEBUG" => Some(Level::Debug),
            "INFO" => Some(Level::Info),
            "WARN" => Some(Level::Warn),
            "ERROR" => Some(Level::Error),
            _ => None,
        }
    }
}

/// One parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The 1-based line number in the input.
    pub line: usize,
    /// The timestamp, as written.
    pub timestamp: String,
    /// The severity.
    pub level: Level,
    /// The module path before the `": "`.
    pub target: String,
    /// Everything after the `": "`.
    pub message: String,
}

/// What was wrong with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The line has no level, or no `": "` after the target.
    MissingField,
    /// The level is not one of the five known levels.
    BadLevel,
}

/// A line that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub kind: ErrorKind,
    /// The offending line, for the error message.
    pub text: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {:?} in {:?}", self.line, self.kind, self.text)
    }
}

impl std::error::Error for ParseError {}

/// Parses every record of `input`, stopping at the first bad line.
pub fn parse(input: &str) -> Result<Vec<Record>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim().to_string();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let error = |kind| ParseError {
            line,
            kind,
            text: trimmed.clone(),
        };
        let parts: Vec<String> = trimmed.splitn(3, ' ').map(|s| s.to_string()).collect();
        if parts.len() < 3 {
            return Err(error(ErrorKind::MissingField));
        }
        let level = Level::parse(&parts[1]).ok_or_else(|| error(ErrorKind::BadLevel))?;
        let rest = parts[2].clone();
        let Some(colon) = rest.find(": ") else {
            return Err(error(ErrorKind::MissingField));
        };
        out.push(Record {
            line,
            timestamp: parts[0].clone(),
            level,
            target: rest[..colon].to_string(),
            message: rest[colon + 2..].to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_record() {
        let r = parse("2024-05-01T12:00:00Z WARN net::http: slow response\n").unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].timestamp, "2024-05-01T12:00:00Z");
        assert_eq!(r[0].level, Level::Warn);
        assert_eq!(r[0].target, "net::http");
        assert_eq!(r[0].message, "slow response");
    }

    #[test]
    fn skips_comments_and_blank_lines() {
        let r = parse("# header\n\n2024-05-01T12:00:00Z INFO a: b\n").unwrap();
        assert_eq!(r[0].line, 3);
    }

    #[test]
    fn reports_a_bad_level() {
        let e = parse("t LOUD a: b\n").unwrap_err();
        assert_eq!((e.line, e.kind), (1, ErrorKind::BadLevel));
    }
}
