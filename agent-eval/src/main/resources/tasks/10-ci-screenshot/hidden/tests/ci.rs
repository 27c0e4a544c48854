use spans::{format, parse, ParseError};
use std::time::Duration;

#[test]
fn round_trips_through_format() {
    for text in ["1h30m", "2d", "45s", "1m5s", "250ms", "1s500ms", "3h2m1s"] {
        let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(format(parsed), text, "format(parse({text:?}))");
    }
}

#[test]
fn milliseconds_are_not_minutes() {
    assert_eq!(parse("250ms"), Ok(Duration::from_millis(250)));
    assert_eq!(parse("1s500ms"), Ok(Duration::from_millis(1500)));
    assert_eq!(parse("1m1ms"), Ok(Duration::from_millis(60_001)));
}

#[test]
fn unknown_units_are_still_refused() {
    assert_eq!(parse("5mss"), Err(ParseError::UnknownUnit("mss".into())));
    assert_eq!(parse("5min"), Err(ParseError::UnknownUnit("min".into())));
    assert_eq!(parse("5x"), Err(ParseError::UnknownUnit("x".into())));
}

#[test]
fn the_existing_behaviour_holds() {
    assert_eq!(parse("1h30m"), Ok(Duration::from_secs(5400)));
    assert_eq!(parse("10"), Err(ParseError::MissingUnit(2)));
    assert_eq!(format(Duration::ZERO), "0s");
}
