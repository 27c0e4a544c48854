use geom::Point;

fn main() {
    let p = Point::new(3, 4);
    let q = Point::new(0, 0);
    println!("{} is {} steps from {}", p, p.manhattan(&q), q);
}
