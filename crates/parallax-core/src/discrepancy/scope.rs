//! Scope: the same fact at another extent, `1 of 2 regions vs 1 of 39 regions`.
//!
//! The extents ("N of M unit") are read with the passage's other numbers, by the number kind.

use std::collections::{BTreeMap, BTreeSet};

use super::number::{Quantity, Reading, compare_by_unit, show_quantity};
use super::{Detector, Found, Passage};
use crate::analysis::{DiscrepancyKind, PassageRef};

/// The scope kind: extents of the same unit with another part or whole.
pub(super) struct Scopes;

impl Detector for Scopes {
    const KIND: DiscrepancyKind = DiscrepancyKind::Scope;
    /// Unit of the whole → the (part, whole) pairs stated with it.
    type Stated<'p> = BTreeMap<&'p str, BTreeSet<(&'p Quantity, &'p Quantity)>>;

    fn read<'p>(passage: &'p Passage<'_>) -> Self::Stated<'p> {
        let mut stated: Self::Stated<'p> = BTreeMap::new();
        for reading in &passage.numbers {
            if let Reading::Extent { unit, part, whole } = reading {
                stated.entry(unit.as_str()).or_default().insert((part, whole));
            }
        }
        stated
    }

    fn compare(members: &[(PassageRef, Self::Stated<'_>)], found: &mut Found<'_>) {
        compare_by_unit(
            members,
            |(part, whole), unit| format!("{} of {}", part.shown, show_quantity(whole, unit)),
            found,
        );
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
    }
}
