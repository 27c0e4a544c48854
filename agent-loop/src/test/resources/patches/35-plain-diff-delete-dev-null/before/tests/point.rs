use geom::Point;

#[test]
fn new_sets_fields() {
    let p = Point::new(3, -1);
    assert_eq!((p.x, p.y), (3, -1));
}
