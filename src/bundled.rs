//! The default corpus: the five articles of `articles/`, compiled into the binary so that
//! `parallax` with no argument opens them from anywhere.

use parallax_core::corpus::Corpus;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The bundled articles as a corpus (origin: [`parallax_core::corpus::BUNDLED_NAME`]).
pub fn corpus() -> Corpus {
    Corpus::bundled(BUNDLED)
}

#[cfg(test)]
mod tests {
    use parallax_core::segment::PassageKind;

    #[test]
    fn bundled_corpus_loads() {
        let c = super::corpus();
        assert_eq!(c.articles.len(), super::BUNDLED.len());
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(c.articles.iter().any(|a| a.passages[0].kind == PassageKind::Title));
    }
}
