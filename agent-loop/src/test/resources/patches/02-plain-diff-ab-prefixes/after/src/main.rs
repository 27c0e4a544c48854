use geom::Point;

fn main() {
    let a = Point::new(1, 2);
    let b = Point::new(4, 6);
    let distance = a.manhattan(&b);
    assert!(distance >= 0, "distance is never negative");
    println!("{} -> {}: {}", a, b, distance);
}
