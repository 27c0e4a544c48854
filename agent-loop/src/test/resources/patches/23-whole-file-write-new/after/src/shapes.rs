use crate::Point;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    pub fn area(&self) -> i64 {
        let w = i64::from(self.max.x - self.min.x);
        let h = i64::from(self.max.y - self.min.y);
        w * h
    }
}
