//! Scope: the same fact at another extent, `1 of 2 regions vs 1 of 39 regions`.
//!
//! The extents ("N of M unit", "one of Amazon's two geographic regions") are read with the
//! passage's other numbers, by the number kind, and compared within one time frame as it does.

use super::date::{self, Frame};
use super::number::{ByKey, Quantity, Reading, compare_by_key, plural};
use super::{Detector, Found, Passage, Value};
use crate::analysis::{DiscrepancyKind, PassageRef};

/// The scope kind: extents of the same unit with another part or whole.
pub(super) struct Scopes;

impl Detector for Scopes {
    const KIND: DiscrepancyKind = DiscrepancyKind::Scope;
    /// (Time frame, unit of the whole) → the (part, whole) pairs stated with it.
    type Stated<'p> = ByKey<(Vec<Frame>, &'p str), (Quantity, Quantity)>;

    fn read<'p>(passage: &'p Passage<'_>) -> Self::Stated<'p> {
        let mut stated = Self::Stated::default();
        for reading in &passage.numbers {
            if let Reading::Extent { unit, part, whole, at } = reading {
                let units = if whole.milli == 1000 { unit.clone() } else { plural(unit) };
                let value = Value {
                    key: (part.clone(), whole.clone()),
                    shown: format!("{} of {} {units}", part.shown, whole.shown),
                    span: passage.file_span(at.clone()),
                };
                stated.entry((date::frame(passage, at), unit.as_str())).or_default().push(value);
            }
        }
        stated
    }

    fn compare(members: &[(PassageRef, Self::Stated<'_>)], found: &mut Found<'_>) {
        let agree =
            |(pa, wa): &(Quantity, Quantity), (pb, wb): &(Quantity, Quantity)| pa.agrees(pb) && wa.agrees(wb);
        let keyed: Vec<(PassageRef, &ByKey<_, _>)> = members.iter().map(|(r, k)| (*r, k)).collect();
        compare_by_key(&keyed, agree, |_, _| true, found);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kinds, run};
    use super::*;

    #[test]
    fn scope_of_regions() {
        let d = run(&["It hit one of two regions in China.", "It hit one of 39 regions."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Scope], "{d:?}");
        assert_eq!(d[0].detail, "1 of 2 regions vs 1 of 39 regions");
    }

    #[test]
    fn the_same_extent_in_other_words_agrees() {
        assert!(run(&["It hit one of two regions.", "It hit one of its 2 regions."]).is_empty());
        assert!(
            run(&["It hit one of Acme's two regions.", "It hit one of two geographic regions."]).is_empty()
        );
    }

    #[test]
    fn an_extent_beside_its_noun_takes_its_unit() {
        let d = run(&[
            "The plant, one of two Vesta operates in the state, makes resin.",
            "The plant, one of 39 plants Vesta operates worldwide, makes resin.",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Scope], "{d:?}");
        assert_eq!(d[0].detail, "1 of 2 plants vs 1 of 39 plants");
    }
}
