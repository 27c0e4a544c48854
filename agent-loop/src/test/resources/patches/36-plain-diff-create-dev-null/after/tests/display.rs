use geom::Point;

#[test]
fn displays_as_tuple() {
    assert_eq!(Point::new(3, -1).to_string(), "(3, -1)");
}
