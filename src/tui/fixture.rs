//! A small hand-made analysis for the reader's tests: three articles, four claims (one passage
//! of two articles in two of them) and four discrepancies of different kinds with their
//! versions, independent of the aligner. Hidden from the docs; only
//! tests use it.

use crate::analysis::{
    Analysis, Claim, Discrepancy, DiscrepancyKind, Evidence, EvidenceKind, Member, PassageRef, Span, Version,
    VersionMember,
};
use crate::corpus::Corpus;

pub const LEDGER: &str = "---
title: Cloud outage blamed on AI tool
source: The Daily Ledger
---
Cloud outage blamed on AI tool
The outage lasted 13 hours on Monday, according to engineers who worked through the night to restore the service. Amazon said the cause was user error, not AI.
Engineers restored service in one of two regions.
A spokesperson called the report \"entirely foreseeable\".
";

pub const WIRE: &str = "---
title: AI tool caused cloud outage, report says
source: Tech Wire
---
AI tool caused cloud outage, report says
The outage lasted 15 hours on Tuesday, according to engineers who worked through the night to restore the service.
Amazon denied that AI was to blame.
Service came back in one of 39 regions.
Analysts said the failure was unsurprising.
";

pub const TOKYO: &str = "---
title: 東京 outage report 😀
source: Nikkei Digest
---
東京 outage report 😀
The disruption lasted 13 hours, engineers said.
Service returned in one of two regions (東京 and 大阪) 😀.
";

/// The passage of article `article` whose text contains `needle`.
pub fn find(analysis_corpus: &Corpus, article: usize, needle: &str) -> PassageRef {
    let a = &analysis_corpus.articles[article];
    let passage = (0..a.passages.len()).find(|&p| a.passage_text(p).contains(needle)).unwrap_or(0);
    PassageRef { article, passage }
}

fn ev(kind: EvidenceKind, text: &str) -> Evidence {
    Evidence { kind, text: text.into() }
}

/// The three-article fixture with its claims and discrepancies. The first passage after the
/// title of articles 1 and 2 states two facts (how long the outage lasted, and that engineers
/// worked through the night), so it is in two claims, each member with its own span.
pub fn analysis() -> Analysis {
    let corpus = Corpus::from_texts([("1-ledger.md", LEDGER), ("2-wire.md", WIRE), ("3-tokyo.md", TOKYO)]);
    let f = |a, n| find(&corpus, a, n);
    // The bytes of `part` inside passage `at` (the whole passage when `part` is empty).
    let span = |at: PassageRef, part: &str| {
        let p = &corpus.articles[at.article].passages[at.passage];
        let text = &corpus.articles[at.article].text[p.start..p.end];
        match text.find(part).filter(|_| !part.is_empty()) {
            Some(i) => Span(p.start + i, p.start + i + part.len()),
            None => Span(p.start, p.end),
        }
    };
    let member = |at, similarity, evidence| Member { at, similarity, evidence, span: span(at, "") };
    let part =
        |at, part: &str, similarity, evidence| Member { at, similarity, evidence, span: span(at, part) };
    // Each version: its value and the passages that state it, the span on the value.
    let versions = |sides: &[(&str, &[PassageRef])]| -> Vec<Version> {
        sides
            .iter()
            .map(|&(value, ats)| Version {
                value: value.into(),
                members: ats.iter().map(|&at| VersionMember { at, span: span(at, value) }).collect(),
            })
            .collect()
    };
    let night = "according to engineers who worked through the night to restore the service";
    let claims = vec![
        Claim {
            id: 0,
            score: 0.71,
            members: vec![
                part(
                    f(0, "outage lasted"),
                    "The outage lasted 13 hours on Monday",
                    0.8,
                    vec![ev(EvidenceKind::Term, "outage"), ev(EvidenceKind::Number, "hours")],
                ),
                part(
                    f(1, "outage lasted"),
                    "The outage lasted 15 hours on Tuesday",
                    0.8,
                    vec![ev(EvidenceKind::Term, "outage"), ev(EvidenceKind::Term, "lasted")],
                ),
                member(f(2, "disruption"), 0.55, vec![ev(EvidenceKind::Number, "13 hours")]),
            ],
        },
        Claim {
            id: 1,
            score: 0.42,
            members: vec![
                member(
                    f(0, "user error"),
                    0.42,
                    vec![ev(EvidenceKind::Name, "Amazon"), ev(EvidenceKind::Term, "AI")],
                ),
                member(
                    f(1, "denied"),
                    0.42,
                    vec![ev(EvidenceKind::Name, "Amazon"), ev(EvidenceKind::Term, "AI")],
                ),
            ],
        },
        Claim {
            id: 2,
            score: 0.6,
            members: vec![
                member(f(0, "restored service"), 0.6, vec![ev(EvidenceKind::Term, "regions")]),
                member(f(1, "came back"), 0.5, vec![ev(EvidenceKind::Term, "regions")]),
                member(
                    f(2, "returned"),
                    0.7,
                    vec![ev(EvidenceKind::Number, "two"), ev(EvidenceKind::Term, "regions")],
                ),
            ],
        },
        Claim {
            id: 3,
            score: 0.9,
            members: vec![
                part(f(0, "outage lasted"), night, 0.9, vec![ev(EvidenceKind::Term, "engineers")]),
                part(f(1, "outage lasted"), night, 0.9, vec![ev(EvidenceKind::Term, "engineers")]),
            ],
        },
    ];
    let (ledger, wire, tokyo) = (f(0, "outage lasted"), f(1, "outage lasted"), f(2, "disruption"));
    let discrepancies = vec![
        Discrepancy {
            id: 0,
            kind: DiscrepancyKind::Number,
            claim: 0,
            members: vec![ledger, wire, tokyo],
            detail: "13 hours vs 15 hours".into(),
            versions: versions(&[("13 hours", &[ledger, tokyo]), ("15 hours", &[wire])]),
        },
        Discrepancy {
            id: 1,
            kind: DiscrepancyKind::Date,
            claim: 0,
            members: vec![ledger, wire],
            detail: "Monday vs Tuesday".into(),
            versions: versions(&[("Monday", &[ledger]), ("Tuesday", &[wire])]),
        },
        Discrepancy {
            id: 2,
            kind: DiscrepancyKind::Negation,
            claim: 1,
            members: vec![f(0, "user error"), f(1, "denied")],
            detail: "not AI vs denied that AI was to blame".into(),
            versions: versions(&[
                ("not AI", &[f(0, "user error")]),
                ("denied that AI was to blame", &[f(1, "denied")]),
            ]),
        },
        Discrepancy {
            id: 3,
            kind: DiscrepancyKind::Scope,
            claim: 2,
            members: vec![f(0, "restored service"), f(1, "came back"), f(2, "returned")],
            detail: "one of two regions vs one of 39 regions".into(),
            versions: versions(&[
                ("one of two regions", &[f(0, "restored service"), f(2, "returned")]),
                ("one of 39 regions", &[f(1, "came back")]),
            ]),
        },
    ];
    Analysis::from_parts(corpus, claims, discrepancies)
}

/// A synthetic analysis of `articles` outlets each telling `claims` facts, for the screens of
/// large corpora (the aligner is not involved, so it stays fast to build). Article `i` is silent
/// on claim `c` when `(i + c) % 5 == 0`; claim `c` has a discrepancy when `c % 3 == 0`, naming
/// the members of articles `i % 7 == 0`.
pub fn many(articles: usize, claims: usize) -> Analysis {
    let texts: Vec<(String, String)> = (0..articles)
        .map(|i| {
            let mut t = format!("Outlet {} tells the story\n", i + 1);
            for c in 0..claims {
                t.push_str(&format!("Fact {} as outlet {} tells it.\n", c + 1, i + 1));
            }
            (format!("{:04}.md", i + 1), t)
        })
        .collect();
    let corpus = Corpus::from_texts(texts.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    let mut out_claims = Vec::new();
    let mut discrepancies = Vec::new();
    for c in 0..claims {
        let members: Vec<Member> = (0..articles)
            .filter(|i| (i + c) % 5 != 0)
            .map(|i| {
                let at = PassageRef { article: i, passage: c + 1 };
                let p = &corpus.articles[i].passages[c + 1];
                Member { at, similarity: 0.8, evidence: Vec::new(), span: Span(p.start, p.end) }
            })
            .collect();
        if c % 3 == 0 {
            let disputed: Vec<PassageRef> =
                members.iter().map(|m| m.at).filter(|at| at.article % 7 == 0).collect();
            if disputed.len() > 1 {
                discrepancies.push(Discrepancy {
                    id: discrepancies.len(),
                    kind: DiscrepancyKind::Number,
                    claim: c,
                    detail: format!("fact {} told two ways", c + 1),
                    versions: Vec::new(),
                    members: disputed,
                });
            }
        }
        out_claims.push(Claim { id: c, score: 0.8, members });
    }
    Analysis::from_parts(corpus, out_claims, discrepancies)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixture_passages_are_where_the_claims_say() {
        let a = super::analysis();
        for c in &a.claims {
            for m in &c.members {
                assert!(m.at.passage > 0, "claim {} member {:?} fell back to the title", c.id, m.at);
            }
        }
        assert_eq!(a.text(a.claims[1].members[0].at), "Amazon said the cause was user error, not AI.");
        // Every span lies inside its passage; versions hold members of their claim.
        for c in &a.claims {
            for m in &c.members {
                let p = &a.corpus.articles[m.at.article].passages[m.at.passage];
                assert!(p.start <= m.span.0 && m.span.0 < m.span.1 && m.span.1 <= p.end, "{m:?}");
            }
        }
        for d in &a.discrepancies {
            for v in &d.versions {
                let text = &a.corpus.articles[v.members[0].at.article].text;
                assert_eq!(&text[v.members[0].span.range()], v.value);
                assert!(v.members.iter().all(|m| a.claims[d.claim].members.iter().any(|c| c.at == m.at)));
            }
        }
        let first = a.claims[0].members[0].at;
        assert_eq!(a.claims_at(first), [0, 3]);
    }
}
