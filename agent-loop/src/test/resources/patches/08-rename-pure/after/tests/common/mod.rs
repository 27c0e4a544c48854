use geom::Point;

pub fn sample_points() -> Vec<Point> {
    vec![Point::new(0, 0), Point::new(1, 2), Point::new(-3, 4)]
}
