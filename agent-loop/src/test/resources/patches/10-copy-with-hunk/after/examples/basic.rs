use geom::Point;

fn main() {
    let p = Point::new(3, 4);
    println!("{}", p);
}
