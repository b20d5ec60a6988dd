fn main() {
    for path in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&path).unwrap();
        println!("=== {path}");
        for s in parallax::segment::segment(&t, 0..t.len()) {
            println!("{:?}\t{}", s.kind, &t[s.start..s.end]);
        }
    }
}
