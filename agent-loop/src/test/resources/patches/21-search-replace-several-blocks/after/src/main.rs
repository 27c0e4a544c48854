use geom::Point;

fn main() {
    let a = Point::ORIGIN;
    let b = Point::new(4, 6);
    println!("{} -> {}: {}", a, b, a.manhattan(&b));
}
