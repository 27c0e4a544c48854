//! Tests for the deprecated 0.0.x API.

#![allow(deprecated)]

use geom::add;

#[test]
fn legacy_add_still_works() {
    assert_eq!(add(40, 2), 42);
}
