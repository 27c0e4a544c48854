//! Hidden checks: the API behaves as task.md says, and it is documented with examples.

use minver::{ParseVersionError, Version};

fn v(s: &str) -> Result<Version, ParseVersionError> {
    s.parse()
}

#[test]
fn parses_and_prints() {
    assert_eq!(v("1.2.3"), Ok(Version::new(1, 2, 3)));
    assert_eq!(v("0.0.0"), Ok(Version::new(0, 0, 0)));
    let big = format!("{}.0.10", u64::MAX);
    assert_eq!(v(&big), Ok(Version::new(u64::MAX, 0, 10)));
    for s in ["1.2.3", "0.10.0", "18446744073709551615.0.1"] {
        assert_eq!(v(s).unwrap().to_string(), s);
    }
    const V: Version = Version::new(4, 5, 6);
    assert_eq!(V.major + V.minor + V.patch, 15);
}

#[test]
fn reports_the_first_problem() {
    assert_eq!(v(""), Err(ParseVersionError::Empty));
    assert_eq!(v("1.2"), Err(ParseVersionError::WrongPartCount(2)));
    assert_eq!(v("1.2.3.4"), Err(ParseVersionError::WrongPartCount(4)));
    assert_eq!(v("1"), Err(ParseVersionError::WrongPartCount(1)));
    assert_eq!(v("1..3"), Err(ParseVersionError::InvalidNumber { part: 1 }));
    assert_eq!(
        v("v1.2.3"),
        Err(ParseVersionError::InvalidNumber { part: 0 })
    );
    assert_eq!(
        v("1.2.3-rc1"),
        Err(ParseVersionError::InvalidNumber { part: 2 })
    );
    assert_eq!(
        v(" 1.2.3"),
        Err(ParseVersionError::InvalidNumber { part: 0 })
    );
    assert_eq!(
        v("1.+2.3"),
        Err(ParseVersionError::InvalidNumber { part: 1 })
    );
    assert_eq!(
        v("1.2.18446744073709551616"),
        Err(ParseVersionError::InvalidNumber { part: 2 })
    );
    assert_eq!(v("1.02.3"), Err(ParseVersionError::LeadingZero { part: 1 }));
    assert_eq!(v("01.x.3"), Err(ParseVersionError::LeadingZero { part: 0 }));
    assert_eq!(
        v("1.x.03"),
        Err(ParseVersionError::InvalidNumber { part: 1 })
    );
}

#[test]
fn error_is_an_error_with_a_message() {
    fn is_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let e = v("1.2").unwrap_err();
    is_error(&e);
    assert!(!e.to_string().is_empty());
    assert_ne!(
        ParseVersionError::Empty.to_string(),
        ParseVersionError::LeadingZero { part: 0 }.to_string()
    );
}

#[test]
fn orders_numerically() {
    let mut vs: Vec<Version> = ["1.10.0", "1.2.0", "0.9.9", "1.2.10", "1.2.9"]
        .iter()
        .map(|s| v(s).unwrap())
        .collect();
    vs.sort();
    let printed: Vec<String> = vs.iter().map(Version::to_string).collect();
    assert_eq!(printed, ["0.9.9", "1.2.0", "1.2.9", "1.2.10", "1.10.0"]);
    assert!(Version::new(2, 0, 0) > Version::new(1, 99, 99));
}

#[test]
fn caret_compatibility() {
    let c = |have: &str, req: &str| v(have).unwrap().is_compatible_with(&v(req).unwrap());
    assert!(c("1.2.3", "1.2.3"));
    assert!(c("1.9.0", "1.2.3"));
    assert!(!c("1.2.2", "1.2.3"));
    assert!(!c("2.0.0", "1.2.3"));
    assert!(c("0.2.9", "0.2.3"));
    assert!(!c("0.3.0", "0.2.3"));
    assert!(!c("1.2.3", "0.2.3"));
    assert!(c("0.0.3", "0.0.3"));
    assert!(!c("0.0.4", "0.0.3"));
    assert!(!c("0.1.0", "0.0.3"));
}

#[test]
fn stays_documented_with_examples() {
    let src = include_str!("../src/lib.rs");
    assert!(
        src.contains("#![deny(missing_docs)]"),
        "#![deny(missing_docs)] was removed"
    );
    let examples = src.matches("# Examples").count();
    assert!(
        examples >= 4,
        "expected at least 4 `# Examples` sections, found {examples}"
    );
    let doc_code = src
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            (t.starts_with("///") || t.starts_with("//!")) && t.contains("assert")
        })
        .count();
    assert!(
        doc_code >= 4,
        "the doc examples should assert what they show (found {doc_code} asserting lines)"
    );
}
