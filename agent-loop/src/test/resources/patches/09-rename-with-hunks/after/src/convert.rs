//! Conversions between `Point` and other representations.

use crate::Point;

pub fn to_tuple(p: Point) -> (i32, i32) {
    (p.x, p.y)
}

pub fn from_tuple(t: (i32, i32)) -> Point {
    Point::new(t.0, t.1)
}
