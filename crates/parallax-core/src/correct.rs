//! The reader's corrections (see [`crate::annotate::correction`]) applied to the claims and
//! the discrepancies of an analysis. [`crate::pipeline::correct`] runs these after alignment
//! (or after the cached analysis: the cache never holds corrections) and before the
//! discrepancies are read, on every run.
//!
//! Corrections apply oldest first, each to the claims as the ones before it left them, so when
//! two disagree about the same passages the latest wins; [`Corrected::overridden`] says which.
//! A correction a passage of which cannot be placed is orphaned: listed, never applied.

use std::collections::{BTreeSet, HashMap};

use crate::analysis::{Claim, Corrected, Discrepancy, Member, PassageRef, Span};
use crate::annotate::correction::{Action, Correction};
use crate::corpus::Corpus;

/// Which claims the corrections changed, for finding their discrepancies again.
#[derive(Debug, Default)]
pub struct Changes {
    /// Claim id before → id after, for the claims that are still there.
    pub renumber: Vec<Option<usize>>,
    /// Every passage of every claim a correction changed, before and after the change: the
    /// claims holding one must have their discrepancies found again. Empty: nothing changed.
    pub touched: BTreeSet<PassageRef>,
}

/// The claims after the link, unlink and detach corrections, what they changed for the reader
/// to see, and for the discrepancies to be found again.
pub fn claims(
    corpus: &Corpus,
    claims: Vec<Claim>,
    corrections: &[&Correction],
) -> (Vec<Claim>, Corrected, Changes) {
    let mut work = Work {
        linked: vec![BTreeSet::new(); claims.len()],
        detached: vec![Vec::new(); claims.len()],
        claims,
        touched: BTreeSet::new(),
    };
    let mut out = Corrected::default();
    // Unordered pair of passages → (the correction that last set it, together or apart).
    let mut pairs: HashMap<(PassageRef, PassageRef), (String, bool)> = HashMap::new();
    let mut settle = |a: PassageRef, b: PassageRef, together: bool, id: &str, out: &mut Corrected| {
        let key = (a.min(b), a.max(b));
        if let Some((older, was)) = pairs.insert(key, (id.to_string(), together))
            && was != together
            && older != id
        {
            out.overridden.push((older, id.to_string()));
            out.conflicts.extend([a, b]);
        }
    };
    for c in in_order(corrections) {
        let Some(at) = c.passages(corpus) else {
            out.orphaned.push(c.id.clone());
            continue;
        };
        match (&c.action, at.as_slice()) {
            (Action::Link { .. }, &[a, b]) => {
                if a.article == b.article || !statement(corpus, a) || !statement(corpus, b) {
                    out.unmatched.push(c.id.clone());
                    continue;
                }
                settle(a, b, true, &c.id, &mut out);
                work.link(corpus, a, b);
            }
            (Action::Unlink { .. }, &[a, b]) => {
                settle(a, b, false, &c.id, &mut out);
                work.unlink(a, b);
            }
            (Action::Detach { .. }, [member, others @ ..]) => {
                for &o in others {
                    settle(*member, o, false, &c.id, &mut out);
                }
                work.detach(*member, others);
            }
            // Dismissals act on discrepancies (see [`dismiss`]); a malformed record does nothing.
            (Action::Dismiss { .. }, _) => {}
            _ => out.unmatched.push(c.id.clone()),
        }
    }
    out.overridden.dedup();
    let (claims, changes) = work.finish(&mut out);
    (claims, out, changes)
}

/// Marks the discrepancies the dismiss corrections name (see [`Correction::dismisses`]) as
/// dismissed; a dismissal that finds none is listed as unmatched, one whose passages cannot be
/// placed as orphaned.
pub fn dismiss(
    corpus: &Corpus,
    discrepancies: &[Discrepancy],
    corrections: &[&Correction],
    out: &mut Corrected,
) {
    for c in in_order(corrections) {
        if !matches!(c.action, Action::Dismiss { .. }) {
            continue;
        }
        if c.passages(corpus).is_none() {
            out.orphaned.push(c.id.clone());
            continue;
        }
        let mut any = false;
        for d in discrepancies.iter().filter(|d| c.dismisses(corpus, d)) {
            out.dismissed.insert(d.id, c.created.clone());
            any = true;
        }
        if !any {
            out.unmatched.push(c.id.clone());
        }
    }
}

/// The live corrections, oldest first: the order they apply in.
fn in_order<'a>(corrections: &[&'a Correction]) -> Vec<&'a Correction> {
    let mut live: Vec<&Correction> = corrections.iter().copied().filter(|c| !c.is_deleted()).collect();
    live.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    live
}

/// Whether passage `at` states something (non-statements never join a claim).
fn statement(corpus: &Corpus, at: PassageRef) -> bool {
    corpus
        .articles
        .get(at.article)
        .and_then(|a| a.passages.get(at.passage))
        .is_some_and(|p| p.kind.is_statement())
}

/// The claims being corrected, with what each correction did to each claim.
struct Work {
    claims: Vec<Claim>,
    /// Per claim: the members a link put there.
    linked: Vec<BTreeSet<PassageRef>>,
    /// Per claim: the passages taken out of it.
    detached: Vec<Vec<PassageRef>>,
    /// See [`Changes::touched`].
    touched: BTreeSet<PassageRef>,
}

impl Work {
    fn holds(&self, claim: usize, at: PassageRef) -> bool {
        self.claims[claim].members.iter().any(|m| m.at == at)
    }

    /// Notes that `claim` is about to change, and `also` will be in it.
    fn touch(&mut self, claim: usize, also: &[PassageRef]) {
        self.touched.extend(self.claims[claim].members.iter().map(|m| m.at).chain(also.iter().copied()));
    }

    /// Some claim holds both: if none does, the one passage joins a claim of the other (`a`'s
    /// first), or the two form a new claim.
    fn link(&mut self, corpus: &Corpus, a: PassageRef, b: PassageRef) {
        if (0..self.claims.len()).any(|c| self.holds(c, a) && self.holds(c, b)) {
            return;
        }
        let of = |p: PassageRef| (0..self.claims.len()).find(|&c| self.holds(c, p));
        let claim = match of(a).or_else(|| of(b)) {
            Some(c) => c,
            None => {
                let id = self.claims.len();
                self.claims.push(Claim { id, score: 0.0, members: Vec::new() });
                self.linked.push(BTreeSet::new());
                self.detached.push(Vec::new());
                id
            }
        };
        self.touch(claim, &[a, b]);
        for p in [a, b] {
            if self.holds(claim, p) {
                continue;
            }
            let Some(passage) = corpus.articles.get(p.article).and_then(|x| x.passages.get(p.passage)) else {
                continue;
            };
            let members = &mut self.claims[claim].members;
            let at = members.partition_point(|m| m.at < p);
            members.insert(
                at,
                Member {
                    at: p,
                    similarity: 0.0,
                    evidence: Vec::new(),
                    span: Span(passage.start, passage.end),
                },
            );
            self.linked[claim].insert(p);
            self.detached[claim].retain(|&d| d != p);
        }
    }

    /// No claim holds both: from each that does, the less similar of the two leaves (`b` on a tie).
    fn unlink(&mut self, a: PassageRef, b: PassageRef) {
        for c in 0..self.claims.len() {
            let similarity = |p| self.claims[c].members.iter().find(|m| m.at == p).map(|m| m.similarity);
            if let (Some(sa), Some(sb)) = (similarity(a), similarity(b)) {
                self.take_out(c, if sa < sb { a } else { b });
            }
        }
    }

    /// `member` leaves the claim the `others` form with it: of the claims holding it, the one
    /// holding most of them (the lowest on a tie). Its other claims, facts it states too, keep it.
    fn detach(&mut self, member: PassageRef, others: &[PassageRef]) {
        let shared = |c: usize| others.iter().filter(|&&o| o != member && self.holds(c, o)).count();
        let best = (0..self.claims.len())
            .filter(|&c| self.holds(c, member) && shared(c) > 0)
            .max_by_key(|&c| (shared(c), std::cmp::Reverse(c)));
        if let Some(c) = best {
            self.take_out(c, member);
        }
    }

    fn take_out(&mut self, claim: usize, at: PassageRef) {
        self.touch(claim, &[]);
        self.claims[claim].members.retain(|m| m.at != at);
        self.linked[claim].remove(&at);
        if !self.detached[claim].contains(&at) {
            self.detached[claim].push(at);
        }
    }

    /// The claims still reported by two articles, numbered again, and what was done to them.
    fn finish(self, out: &mut Corrected) -> (Vec<Claim>, Changes) {
        let mut claims = Vec::with_capacity(self.claims.len());
        let mut renumber = Vec::with_capacity(self.claims.len());
        for ((mut claim, linked), mut detached) in self.claims.into_iter().zip(self.linked).zip(self.detached)
        {
            if claim.article_count() < 2 {
                renumber.push(None);
                continue;
            }
            renumber.push(Some(claims.len()));
            claim.id = claims.len();
            out.linked.extend(linked.into_iter().map(|p| (claim.id, p)));
            if !detached.is_empty() {
                detached.sort();
                out.detached.insert(claim.id, detached);
            }
            claims.push(claim);
        }
        (claims, Changes { renumber, touched: self.touched })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, DiscrepancyKind};
    use crate::annotate::correction::anchor_passage;

    /// Three articles; passage 1 of each states the same fact with different numbers, and
    /// passage 2 of each states another fact.
    fn analysis() -> Analysis {
        let corpus = Corpus::from_texts([
            (
                "a.txt",
                "Fire at the plant\nThe Dover plant burned for 13 hours on Monday.\nTwo workers were hurt in the blaze.\n",
            ),
            (
                "b.txt",
                "Plant fire\nThe Dover plant burned for 15 hours on Monday.\nTwo workers were hurt in the blaze, officials said.\n",
            ),
            (
                "c.txt",
                "Blaze in Dover\nThe Dover plant burned for 13 hours on Monday.\nThe mayor visited the site.\n",
            ),
        ]);
        crate::pipeline::analyse_default(corpus)
    }

    fn at(a: &Analysis, article: &str, passage: usize) -> PassageRef {
        PassageRef { article: a.corpus.find(article).unwrap(), passage }
    }

    fn correction(
        a: &Analysis,
        n: u32,
        action: impl FnOnce(&dyn Fn(&str, usize) -> crate::annotate::Anchor) -> Action,
    ) -> Correction {
        let anchor = |art: &str, p: usize| anchor_passage(&a.corpus, at(a, art, p)).unwrap();
        Correction {
            id: format!("c{n}"),
            action: action(&anchor),
            created: format!("2026-12-01T00:00:0{n}.000Z"),
            updated: format!("2026-12-01T00:00:0{n}.000Z"),
            rev: 1,
            deleted: None,
            extra: Default::default(),
        }
    }

    /// `pipeline::correct` with its discrepancies checked against a full pass over its claims:
    /// searching only the changed claims again must find the same.
    fn corrected(an: &Analysis, corrections: &[&Correction]) -> Analysis {
        let fixed = crate::pipeline::correct(an.clone(), corrections);
        assert_eq!(fixed.discrepancies, crate::discrepancy::detect(&fixed.corpus, &fixed.claims));
        fixed
    }

    fn claim_of(a: &Analysis, p: PassageRef) -> Vec<usize> {
        a.claims_at(p).to_vec()
    }

    fn together(a: &Analysis, p: PassageRef, q: PassageRef) -> bool {
        a.claims_at(p).iter().any(|c| a.claims_at(q).contains(c))
    }

    #[test]
    fn link_unlink_and_detach_change_the_claims_and_the_latest_wins() {
        let an = analysis();
        let (a1, b1, c1, c2) =
            (at(&an, "a.txt", 1), at(&an, "b.txt", 1), at(&an, "c.txt", 1), at(&an, "c.txt", 2));
        assert!(together(&an, a1, b1) && together(&an, a1, c1), "{:#?}", an.claims);
        assert!(claim_of(&an, c2).is_empty(), "the mayor is c.txt's alone");

        let unlink = correction(&an, 1, |x| Action::Unlink { a: x("a.txt", 1), b: x("c.txt", 1) });
        let fixed = corrected(&an, &[&unlink]);
        assert!(!together(&fixed, a1, c1));
        assert!(together(&fixed, a1, b1), "the rest of the claim stays");
        let claim = fixed.claims_at(a1)[0];
        assert_eq!(fixed.corrected.detached[&claim].len(), 1);

        // A later link of the same passages wins, and says it overrides.
        let link = correction(&an, 2, |x| Action::Link { a: x("a.txt", 1), b: x("c.txt", 1) });
        let fixed = corrected(&an, &[&link, &unlink]);
        assert!(together(&fixed, a1, c1));
        assert_eq!(fixed.corrected.overridden, [("c1".to_string(), "c2".to_string())]);
        assert_eq!(fixed.corrected.conflicts, [a1, c1].into_iter().collect());

        // Linking a passage in no claim puts it in its partner's claim, marked as linked.
        let mayor = correction(&an, 3, |x| Action::Link { a: x("a.txt", 1), b: x("c.txt", 2) });
        let fixed = corrected(&an, &[&mayor]);
        let claim = fixed.claims_at(c2)[0];
        assert!(fixed.claims_at(a1).contains(&claim));
        assert!(fixed.corrected.linked.contains(&(claim, c2)));

        // Detach: the member leaves the claim the others form.
        let detach = correction(&an, 4, |x| Action::Detach {
            member: x("b.txt", 1),
            others: vec![x("a.txt", 1), x("c.txt", 1)],
        });
        let fixed = corrected(&an, &[&detach]);
        assert!(!together(&fixed, a1, b1) && together(&fixed, a1, c1));
        // The 13 vs 15 hours discrepancy went with b.txt.
        assert!(fixed.discrepancies.iter().all(|d| !d.members.contains(&b1)), "{:#?}", fixed.discrepancies);
    }

    #[test]
    fn a_dismissed_discrepancy_stays_listed_and_says_when() {
        let an = analysis();
        let d = an.discrepancies.iter().find(|d| d.kind == DiscrepancyKind::Number).expect("13 vs 15 hours");
        let members = d.members.clone();
        let dismiss = correction(&an, 1, |x| Action::Dismiss {
            passages: members.iter().map(|m| x(&an.corpus.articles[m.article].id, m.passage)).collect(),
            discrepancy: DiscrepancyKind::Number,
        });
        let fixed = corrected(&an, &[&dismiss]);
        assert_eq!(fixed.discrepancies.len(), an.discrepancies.len());
        assert_eq!(
            fixed.corrected.dismissed.get(&d.id).map(String::as_str),
            Some("2026-12-01T00:00:01.000Z")
        );
        // A party that later leaves the claim does not bring the disagreement back.
        let (a1, b1, c1) = (at(&an, "a.txt", 1), at(&an, "b.txt", 1), at(&an, "c.txt", 1));
        let detach = correction(&an, 2, |x| Action::Detach {
            member: x("c.txt", 1),
            others: vec![x("a.txt", 1), x("b.txt", 1)],
        });
        let fixed = corrected(&an, &[&dismiss, &detach]);
        let left =
            fixed.discrepancies.iter().find(|d| d.kind == DiscrepancyKind::Number).expect("13 vs 15 stays");
        assert_eq!(left.members, [a1, b1]);
        assert!(!left.members.contains(&c1));
        assert!(fixed.corrected.dismissed.contains_key(&left.id));
        // Another kind between the same passages is not this dismissal.
        let other = Correction {
            action: Action::Dismiss {
                passages: members.iter().map(|&m| anchor_passage(&an.corpus, m).unwrap()).collect(),
                discrepancy: DiscrepancyKind::Quote,
            },
            ..dismiss.clone()
        };
        let fixed = crate::pipeline::correct(an, &[&other]);
        assert!(fixed.corrected.dismissed.is_empty());
        assert_eq!(fixed.corrected.unmatched, ["c1"]);
    }

    #[test]
    fn a_correction_whose_passage_was_edited_away_is_orphaned_not_moved() {
        let an = analysis();
        let unlink = correction(&an, 1, |x| Action::Unlink { a: x("a.txt", 1), b: x("c.txt", 1) });
        let edited = Corpus::from_texts([
            (
                "a.txt",
                "Fire at the plant\nThe council met on Tuesday about parking.\nTwo workers were hurt in the blaze.\n",
            ),
            (
                "b.txt",
                "Plant fire\nThe Dover plant burned for 15 hours on Monday.\nTwo workers were hurt in the blaze, officials said.\n",
            ),
            (
                "c.txt",
                "Blaze in Dover\nThe Dover plant burned for 13 hours on Monday.\nThe mayor visited the site.\n",
            ),
        ]);
        let an = crate::pipeline::analyse_default(edited);
        let fixed = corrected(&an, &[&unlink]);
        assert_eq!(fixed.corrected.orphaned, ["c1"]);
        assert_eq!(fixed.claims, an.claims, "nothing applied elsewhere");
    }

    #[test]
    fn removed_corrections_and_links_within_one_article_do_nothing() {
        let an = analysis();
        let mut gone = correction(&an, 1, |x| Action::Unlink { a: x("a.txt", 1), b: x("b.txt", 1) });
        gone.deleted = Some("later".into());
        let same = correction(&an, 2, |x| Action::Link { a: x("a.txt", 1), b: x("a.txt", 2) });
        let fixed = corrected(&an, &[&gone, &same]);
        assert_eq!(fixed.claims, an.claims);
        assert_eq!(fixed.corrected.unmatched, ["c2"]);
    }
}
