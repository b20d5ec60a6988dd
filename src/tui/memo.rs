//! What the reader derives from its state that costs more than a frame, kept between frames:
//! an article laid out for a width ([`ArticleRows`]) and the word diff of the passage pair on
//! screen. A 2.8 MB article takes a tenth of a second to lay out; done every frame and key,
//! the reader lagged a quarter of a second per key.
//!
//! The view reads the state immutably, so the memo sits behind a `RefCell` and hands out
//! `Rc`s. Entries are keyed by everything they are computed from; the articles of a corpus
//! never change while the reader runs, and [`Memo::clear`] drops everything when the analysis
//! (and with it the corpus value) is replaced.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::corpus::Article;
use crate::diff::{self, Emphasis};
use crate::tui::wrap::ArticleRows;

/// Layouts kept: both panes at the current width, and the widths just before a resize.
const LAYOUTS: usize = 8;

/// One diff: the two parts compared, as (article, byte range) each.
type DiffKey = ((usize, Range<usize>), (usize, Range<usize>));

/// See the module docs.
#[derive(Debug, Default)]
pub struct Memo {
    layouts: RefCell<HashMap<(usize, usize), Rc<ArticleRows>>>,
    diff: RefCell<Option<(DiffKey, Rc<Emphasis>)>>,
}

impl Memo {
    /// Article `index` (which is `article`) laid out for `width` columns.
    pub fn rows(&self, index: usize, article: &Article, width: usize) -> Rc<ArticleRows> {
        let key = (index, width);
        if let Some(rows) = self.layouts.borrow().get(&key) {
            return Rc::clone(rows);
        }
        let rows = Rc::new(ArticleRows::new(article, width));
        let mut layouts = self.layouts.borrow_mut();
        if layouts.len() >= LAYOUTS {
            layouts.clear();
        }
        layouts.insert(key, Rc::clone(&rows));
        rows
    }

    /// The word diff of `old` (bytes `l.1` of article `l.0`) against `new` (of `r`): the pair
    /// on screen changes only when the selection does.
    pub fn emphasis(
        &self,
        l: (usize, Range<usize>),
        old: &str,
        r: (usize, Range<usize>),
        new: &str,
    ) -> Rc<Emphasis> {
        let key = (l, r);
        if let Some((k, e)) = self.diff.borrow().as_ref()
            && *k == key
        {
            return Rc::clone(e);
        }
        let e = Rc::new(diff::emphasis(old, new));
        *self.diff.borrow_mut() = Some((key, Rc::clone(&e)));
        e
    }

    /// Forgets everything (the analysis, and so the corpus value, was replaced).
    pub fn clear(&self) {
        self.layouts.borrow_mut().clear();
        *self.diff.borrow_mut() = None;
    }

    /// Layouts held; for tests.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.layouts.borrow().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn a_layout_is_made_once_per_article_and_width() {
        let c = Corpus::from_texts([("a", "Title\nOne sentence here. Another one there.\n")]);
        let memo = Memo::default();
        let first = memo.rows(0, &c.articles[0], 10);
        assert!(Rc::ptr_eq(&first, &memo.rows(0, &c.articles[0], 10)));
        let wider = memo.rows(0, &c.articles[0], 40);
        assert!(!Rc::ptr_eq(&first, &wider));
        assert_eq!(memo.held(), 2);
        for w in 0..LAYOUTS * 2 {
            memo.rows(0, &c.articles[0], 50 + w);
        }
        assert!(memo.held() <= LAYOUTS);
        memo.clear();
        assert_eq!(memo.held(), 0);
    }

    #[test]
    fn a_diff_is_made_once_per_pair() {
        let memo = Memo::default();
        let a = memo.emphasis((0, 0..5), "13 hours", (1, 0..5), "15 hours");
        assert!(Rc::ptr_eq(&a, &memo.emphasis((0, 0..5), "13 hours", (1, 0..5), "15 hours")));
        assert!(!Rc::ptr_eq(&a, &memo.emphasis((0, 0..5), "13 hours", (2, 0..5), "14 hours")));
        assert!(!a.old.is_empty());
    }
}
