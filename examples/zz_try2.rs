fn main() {
    let t = "AWS Outage Report\nBy Jane Smith\n\nThe Financial Times reported that Amazon's AI coding\ntool Kiro caused a 13-hour outage in December. Amazon\nsaid the outage was caused by user error, not AI. The\ncompany met with\nPresident Biden's staff on Jan. 5.\n\nWhat Amazon Is Fighting For\nThe company disputes the report.\nKey points:\n1. It was user error\n2. It was limited\n\n* * *\n\nFeatures\nfast\ncheap\n";
    for s in parallax::segment::segment(t, 0..t.len()) {
        println!("{:?}\t{:?}", s.kind, &t[s.start..s.end]);
    }
}
