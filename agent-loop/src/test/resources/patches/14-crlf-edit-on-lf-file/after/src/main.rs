use geom::Point;

fn main() {
    let a = Point::new(1, 2);
    let b = Point::new(4, 6);
    let c = Point::new(-2, 0);
    println!("{} -> {}: {}", a, b, a.manhattan(&b));
    println!("{} -> {}: {}", b, c, b.manhattan(&c));
}
