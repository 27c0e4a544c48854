use geom::Point;

fn main() {
    let a = Point::new(1, 2);
    let b = Point::new(4, 6);
    println!("{} -> {}: {}", a, b, a.manhattan(&b));
}
