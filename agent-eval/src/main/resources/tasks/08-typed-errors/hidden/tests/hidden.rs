//! Hidden checks: variants, Display texts and source() chains.

use confload::{load_config, parse_config, Config, LoadError, ParseError};
use std::error::Error;
use std::path::PathBuf;

fn chain(e: &dyn Error) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut next = e.source();
    while let Some(s) = next {
        out.push(s.to_string());
        next = s.source();
    }
    out
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("confload-hidden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn errors_are_thread_safe_and_static() {
    fn bounds<E: Error + Send + Sync + 'static>() {}
    bounds::<ParseError>();
    bounds::<LoadError>();
}

#[test]
fn syntax_error() {
    let e = parse_config("name = a\n\nport 80\n").unwrap_err();
    assert!(matches!(e, ParseError::Syntax { line: 3 }), "{e:?}");
    assert_eq!(e.to_string(), "line 3: expected `key = value`");
    assert!(e.source().is_none());
}

#[test]
fn unknown_key() {
    let e = parse_config("name = a\ncolour = red\n").unwrap_err();
    match &e {
        ParseError::UnknownKey { line, key } => assert_eq!((*line, key.as_str()), (2, "colour")),
        other => panic!("wrong variant: {other:?}"),
    }
    assert_eq!(e.to_string(), "line 2: unknown key `colour`");
}

#[test]
fn invalid_number_keeps_the_parse_int_error() {
    let e = parse_config("name = a\nport = 99999\nworkers = 1").unwrap_err();
    let ParseError::InvalidNumber { line, key, source } = &e else {
        panic!("wrong variant: {e:?}");
    };
    assert_eq!((*line, key.as_str()), (2, "port"));
    assert_eq!(*source.kind(), std::num::IntErrorKind::PosOverflow);
    assert_eq!(e.to_string(), "line 2: invalid value for `port`");
    let inner = e.source().expect("source() is the ParseIntError");
    assert!(inner.downcast_ref::<std::num::ParseIntError>().is_some());
    assert_eq!(
        chain(&e),
        vec![
            "line 2: invalid value for `port`".to_string(),
            "number too large to fit in target type".to_string()
        ]
    );

    let e = parse_config("name = a\nport = 1\nworkers = many").unwrap_err();
    assert!(matches!(&e, ParseError::InvalidNumber { line: 3, key, .. } if key == "workers"));
}

#[test]
fn missing_keys_in_order() {
    let e = parse_config("port = 1\n").unwrap_err();
    assert!(matches!(e, ParseError::MissingKey { key: "name" }), "{e:?}");
    let e = parse_config("name = a\nport = 1\n").unwrap_err();
    assert!(
        matches!(e, ParseError::MissingKey { key: "workers" }),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "missing key `workers`");
}

#[test]
fn read_error_keeps_the_io_error() {
    let path = std::env::temp_dir().join("confload-hidden-does-not-exist.conf");
    let e = load_config(&path).unwrap_err();
    let LoadError::Read { path: p, source } = &e else {
        panic!("wrong variant: {e:?}");
    };
    assert_eq!(p, &path);
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(e.to_string(), format!("cannot read {}", path.display()));
    let io = e
        .source()
        .unwrap()
        .downcast_ref::<std::io::Error>()
        .unwrap();
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn parse_error_in_a_file_chains_three_deep() {
    let path = scratch("bad.conf", "name = a\nport = x\nworkers = 1\n");
    let e = load_config(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("invalid config in {}", path.display())
    );
    let LoadError::Parse { source, .. } = &e else {
        panic!("wrong variant: {e:?}");
    };
    assert!(matches!(source, ParseError::InvalidNumber { line: 2, .. }));
    let parse = e.source().unwrap().downcast_ref::<ParseError>().unwrap();
    assert!(matches!(parse, ParseError::InvalidNumber { .. }));
    let int = parse.source().unwrap();
    assert!(int.downcast_ref::<std::num::ParseIntError>().is_some());
    assert!(int.source().is_none());
    assert_eq!(chain(&e).len(), 3);
}

#[test]
fn good_file_loads() {
    let path = scratch("good.conf", "# ok\nname = api\nport = 8080\nworkers = 4\n");
    let c = load_config(&path).unwrap();
    assert_eq!(
        c,
        Config {
            name: "api".into(),
            port: 8080,
            workers: 4
        }
    );
}
