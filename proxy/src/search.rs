//! Text search for the demo page's pickers: accents, case and punctuation ignored.

/// Folds a name for comparison: ASCII transliteration (`Œ` → `oe`, `é` → `e`), lower case, every run of
/// non-alphanumeric characters (hyphens, apostrophes, spaces) as one space.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A folded query, ranking folded names.
#[derive(Debug)]
pub struct Matcher {
    query: String,
    word: String,
}

impl Matcher {
    /// `None` when the query has nothing to search for.
    pub fn new(query: &str) -> Option<Matcher> {
        let query = fold(query);
        let word = format!(" {query}");
        (!query.is_empty()).then_some(Matcher { query, word })
    }

    /// How well a folded name matches, lower is better: 0 the same, 1 starts with the query, 2 a word
    /// starts with it, 3 contains it; `None` when it does not match.
    pub fn rank(&self, folded: &str) -> Option<u8> {
        if folded == self.query {
            Some(0)
        } else if folded.starts_with(&self.query) {
            Some(1)
        } else if let Some(at) = folded.find(&self.query) {
            let word_start = folded[..at].ends_with(' ');
            if word_start || folded.contains(&self.word) {
                Some(2)
            } else {
                Some(3)
            }
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_and_punctuation() {
        assert_eq!(fold("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(fold("  Œuilly "), "oeuilly");
        assert_eq!(fold("SAINT-ÉTIENNE"), "saint etienne");
    }

    #[test]
    fn ranks_exact_then_prefix_then_word_then_substring() {
        let m = Matcher::new("Saint Étienne").unwrap();
        assert_eq!(m.rank(&fold("Saint-Étienne")), Some(0));
        assert_eq!(m.rank(&fold("Saint-Étienne-de-Tinée")), Some(1));
        let m = Matcher::new("lyon").unwrap();
        assert_eq!(m.rank(&fold("Sainte-Foy-lès-Lyon")), Some(2));
        assert_eq!(m.rank(&fold("Chalyon")), Some(3));
        assert_eq!(m.rank(&fold("Paris")), None);
        assert!(Matcher::new(" - ' ").is_none());
    }
}
