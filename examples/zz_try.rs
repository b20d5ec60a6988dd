fn main() {
    let cases = [
        "The company's shares rose 3.5% to $128.70 on the N.Y.S.E. on Tuesday.",
        "He was born in Washington, D.C. He moved to Ohio.",
        "Sen. Elizabeth Warren (D-Mass.) said no. The U.K.'s economy grew.",
        "Apple Inc. (AAPL) rose. He works at Google Inc. He said so.",
        "They won 3-2. Fans cheered. The vote was 52–48. Republicans left.",
        "“We’re done.” – John Smith",
        "Q: What happened? A: The tool deleted it.",
        "No. 10 Downing St. is old. Mr. and Mrs. Smith came, e.g. Amazon staff.",
        "Read more at bbc.co.uk. Officials said so. See www.bbc.co.uk. Then go.",
        "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday.",
        "The stock closed at $12. Analysts expected more.",
        "It happened on Jan. 5. The next day, it rained. In Oct. Smith left.",
        "Smith, 45, of St. Paul, Minn., said it. He is from St. Louis.",
        "The i.e. is odd. Ph.D. students came. He got a Ph.D. He left.",
        "Is it 1.5 or 2? Nobody knows.",
        "He said \"no\". Then left.",
        "He scored 12 pts. Then he left.",
        "(The company declined to comment.) Shares fell.",
        "Prices rose 5 per cent. The central bank said inflation would ease in 2025.",
        "The firm, known as X Corp. Inc., is big. X Corp. Ltd. The",
    ];
    for t in cases {
        let segs = parallax::segment::segment(t, 0..t.len());
        println!("{}", segs.iter().map(|s| &t[s.start..s.end]).collect::<Vec<_>>().join("  ||  "));
    }
}
