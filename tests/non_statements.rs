//! Non-statements (tag lists, navigation, bylines, captions, datelines) stay passages but never
//! join a claim (issue 12, item 2): checked on the bundled corpus, whose articles carry an SEO
//! tag list, a comment form and a subscription footer, and on an invented story of our own.
#![allow(clippy::unwrap_used)]

use parallax::pipeline::analyse_default;
use parallax::segment::PassageKind;
use parallax::{Analysis, Corpus};

/// Every claim member's passage kind, with its text, for the failure message.
fn member_kinds(analysis: &Analysis) -> Vec<(PassageKind, String)> {
    let corpus = &analysis.corpus;
    analysis
        .claims
        .iter()
        .flat_map(|c| &c.members)
        .map(|m| {
            let article = &corpus.articles[m.at.article];
            (article.passages[m.at.passage].kind, article.passage_text(m.at.passage).to_string())
        })
        .collect()
}

#[test]
fn no_bundled_claim_holds_a_non_statement() {
    let analysis = analyse_default(parallax::bundled::corpus());
    assert!(!analysis.claims.is_empty());
    let bad: Vec<_> = member_kinds(&analysis).into_iter().filter(|(k, _)| !k.is_statement()).collect();
    assert!(bad.is_empty(), "claims hold non-statements: {bad:?}");
}

#[test]
fn the_bundled_tag_list_and_footers_are_told_apart() {
    let corpus = parallax::bundled::corpus();
    let kinds_of = |needle: &str| -> Vec<PassageKind> {
        corpus
            .articles
            .iter()
            .flat_map(|a| {
                a.passages.iter().filter(|p| a.passage_text(p.index).contains(needle)).map(|p| p.kind)
            })
            .collect()
    };
    // The SEO list: its label and every short line after it.
    let label = corpus.articles.iter().find_map(|a| {
        a.passages.iter().position(|p| a.passage_text(p.index) == "Tags & Viral Phrases:").map(|i| (a, i))
    });
    let (article, at) = label.expect("the bundled corpus has a tag list");
    let after: Vec<&str> = (at..article.passages.len())
        .take_while(|&i| article.passages[i].kind == PassageKind::Tags)
        .map(|i| article.passage_text(i))
        .collect();
    assert!(after.len() > 20, "the label and its items are tags: {after:?}");
    assert!(after.contains(&"Amazon corporate defense"));
    assert_eq!(kinds_of("Leave a Reply"), [PassageKind::Navigation, PassageKind::Navigation]);
    assert_eq!(kinds_of("Subscribe now"), [PassageKind::Navigation]);
    // A fact-stating heading stays a heading.
    assert_eq!(kinds_of("Second Incident in a Short Time"), [PassageKind::Heading]);
}

/// Two outlets' takes on an invented story, each with the page furniture around it.
const HARBOUR: &str = "Ferry runs aground off Dover in storm\n\
By Jana Ortiz and Sam Lee, Harbour Daily\n\
Tuesday, July 2, 2013\n\
Home | World | Business | Weather\n\
The Channel ferry Northern Star ran aground off Dover on Monday night, stranding 212 passengers.\n\
Coastguard crews reached the ship after three hours, the harbour master said.\n\
Passengers wait on the deck of the Northern Star. (Harbour Photo/Jana Ortiz)\n\
Tags: ferry, Dover, storm, Northern Star\n\
Sign up for our newsletter\n\
© 2013 Harbour Daily Media\n";

const COAST: &str = "Storm strands ferry near Dover\n\
Updated: July 02, 2013 15: 50 BST\n\
By Sam Lee\n\
A storm drove the ferry Northern Star aground off Dover on Monday night with 212 passengers on board.\n\
The harbour master said coastguard crews needed three hours to reach the ship.\n\
Photo: Passengers on the deck of the Northern Star\n\
#ferry #Dover #storm\n\
Read more: Storm season in the Channel\n";

#[test]
fn page_furniture_is_dimmed_and_facts_still_align() {
    let corpus = Corpus::from_texts([("coast.txt", COAST), ("harbour.txt", HARBOUR)]);
    for article in &corpus.articles {
        let statements: Vec<&str> = article
            .passages
            .iter()
            .filter(|p| p.kind.is_statement())
            .map(|p| article.passage_text(p.index))
            .collect();
        assert_eq!(statements.len(), 3, "headline and two facts in {}: {statements:?}", article.id);
    }
    let analysis = analyse_default(corpus);
    let members = member_kinds(&analysis);
    assert!(members.iter().all(|(k, _)| k.is_statement()), "{members:?}");
    assert!(members.iter().any(|(_, t)| t.contains("212 passengers")), "the facts align: {members:?}");
}
