mod common;

#[test]
fn sample_points_are_distinct() {
    let pts = common::sample_points();
    assert_ne!(pts[0], pts[1]);
}
