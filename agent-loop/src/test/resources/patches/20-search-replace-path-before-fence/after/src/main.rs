use geom::Point;

fn main() {
    let a = Point::new(1, 2);
    let b = Point::new(4, 6);
    let d = a.manhattan(&b);
    println!("distance from {} to {} is {}", a, b, d);
}
