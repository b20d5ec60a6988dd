//! The order articles are shown and numbered in (`A1`, `A2`, …): by date when every article
//! has one, else by id in natural order, so `1_2.txt` comes before `1_10.txt`. Either way it
//! depends only on the articles, never on the order their files were found in.

use std::cmp::Ordering;

use super::Article;
use crate::discrepancy::date::article_date;

/// Sorts `articles` as the module says.
pub(super) fn sort(articles: &mut Vec<Article>) {
    articles.sort_by(|a, b| natural(&a.id, &b.id));
    let dates: Option<Vec<_>> = articles.iter().map(article_date).collect();
    if let Some(dates) = dates {
        let mut dated: Vec<_> = dates.into_iter().zip(std::mem::take(articles)).collect();
        // Stable: articles of one date keep their natural order.
        dated.sort_by_key(|(d, _)| *d);
        *articles = dated.into_iter().map(|(_, a)| a).collect();
    }
}

/// Compares ids with their runs of digits as numbers (`a9` < `a10`); ids equal that way (`a01`,
/// `a1`) fall back to plain byte order, so the order is total.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return a.cmp(b),
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let (dx, dy) = (digits(x), digits(y));
        let step = if dx > 0 && dy > 0 {
            let (nx, ny) = (x[..dx].trim_start_matches('0'), y[..dy].trim_start_matches('0'));
            let o = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
            (o, dx, dy)
        } else {
            let (cx, cy) = (x.chars().next(), y.chars().next());
            let w = |c: Option<char>| c.map_or(0, char::len_utf8);
            (cx.cmp(&cy), w(cx), w(cy))
        };
        if step.0 != Ordering::Equal {
            return step.0;
        }
        x = &x[step.1..];
        y = &y[step.2..];
    }
}

/// Length of the run of ASCII digits `s` starts with.
fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn numbers_in_ids_sort_as_numbers() {
        let mut ids = vec!["1_10.txt", "1_2.txt", "a/x.txt", "1_1.txt", "10.txt", "9.txt", "01_2.txt"];
        ids.sort_by(|a, b| natural(a, b));
        assert_eq!(ids, ["1_1.txt", "01_2.txt", "1_2.txt", "1_10.txt", "9.txt", "10.txt", "a/x.txt"]);
    }

    #[test]
    fn articles_are_in_natural_order_or_by_date_when_all_have_one() {
        let c = Corpus::from_texts([("s10.txt", "Ten\nText ten.\n"), ("s2.txt", "Two\nText two.\n")]);
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["s2.txt", "s10.txt"]);
        let dated = |d: &str, t: &str| format!("---\ndate: {d}\n---\n{t}\nBody of {t}.\n");
        let (late, early) = (dated("2024-05-02", "Late"), dated("2024-05-01", "Early"));
        let c = Corpus::from_texts([("a.txt", late.as_str()), ("b.txt", early.as_str())]);
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b.txt", "a.txt"], "both dated: by date");
        let c = Corpus::from_texts([("b.txt", early.as_str()), ("a.txt", "Undated\nNo date here.\n")]);
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b.txt"], "one undated: by id");
    }
}
