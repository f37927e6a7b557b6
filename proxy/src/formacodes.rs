//! The shared list of Formacode descriptors (`data/formacodes-v13-selection.csv`, see
//! `data/SOURCES.md`), embedded for the demo page's training picker and the demo dataset.

use retour_emploi_core::Formacode;
use serde::Serialize;

use crate::search::{fold, Matcher};

const TABLE: &str = include_str!("../../data/formacodes-v13-selection.csv");

/// One descriptor.
#[derive(Clone, Debug, Serialize)]
pub struct Training {
    /// The formacode.
    pub code: String,
    /// Its label, as the list writes it (title case, no accents).
    pub libelle: String,
    #[serde(skip)]
    folded: String,
}

/// Every descriptor of the list, sorted by code.
#[derive(Debug)]
pub struct Formacodes {
    trainings: Vec<Training>,
}

impl Formacodes {
    /// Parses the embedded list.
    pub fn embedded() -> Result<Formacodes, String> {
        Formacodes::parse(TABLE)
    }

    /// Parses a `code_formacode,libelle` list.
    pub fn parse(table: &str) -> Result<Formacodes, String> {
        let mut lines = table
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        match lines.next() {
            Some((_, header)) if header.trim() == "code_formacode,libelle" => {}
            _ => return Err("the formacode list has no `code_formacode,libelle` header".into()),
        }
        let mut trainings = Vec::new();
        for (n, line) in lines {
            let (code, label) = line
                .split_once(',')
                .ok_or_else(|| format!("formacode list, line {}: no comma", n + 1))?;
            let code = Formacode::parse(code)
                .map_err(|e| format!("formacode list, line {}: {e}", n + 1))?;
            let libelle = label.trim().to_owned();
            trainings.push(Training {
                code: code.as_str().to_owned(),
                folded: fold(&libelle),
                libelle,
            });
        }
        trainings.sort_by(|a, b| a.code.cmp(&b.code));
        trainings.dedup_by(|a, b| a.code == b.code);
        Ok(Formacodes { trainings })
    }

    /// Every descriptor, sorted by code.
    pub fn all(&self) -> &[Training] {
        &self.trainings
    }

    /// The descriptor of a formacode.
    pub fn get(&self, code: &str) -> Option<&Training> {
        self.trainings
            .binary_search_by(|t| t.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.trainings[i])
    }

    /// Descriptors among `candidates` whose label or code matches `query`, best first (same label or
    /// code, then label or code starting with the query, then a word starting with it, then containing
    /// it).
    pub fn search<'a>(
        candidates: impl Iterator<Item = &'a Training>,
        query: &str,
        limit: usize,
    ) -> Vec<Training> {
        let query = query.trim();
        let Some(matcher) = Matcher::new(query) else {
            return Vec::new();
        };
        let by_code = query.bytes().all(|b| b.is_ascii_digit());
        let mut hits: Vec<(u8, &Training)> = candidates
            .filter_map(|t| {
                let rank = if by_code {
                    if t.code == query {
                        0
                    } else if t.code.starts_with(query) {
                        1
                    } else {
                        return None;
                    }
                } else {
                    matcher.rank(&t.folded)?
                };
                Some((rank, t))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, &a.1.libelle).cmp(&(b.0, &b.1.libelle)));
        hits.into_iter()
            .take(limit)
            .map(|(_, t)| t.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_list_loads_with_every_code_valid() {
        let list = Formacodes::embedded().unwrap();
        assert!(list.all().len() > 2_500, "{}", list.all().len());
        assert_eq!(
            list.get("22435").map(|t| t.libelle.as_str()),
            Some("Menuiserie")
        );
    }

    #[test]
    fn search_finds_labels_without_accents_and_codes_by_prefix() {
        let list = Formacodes::embedded().unwrap();
        let hits = Formacodes::search(list.all().iter(), "français langue", 5);
        assert!(hits.iter().any(|t| t.code == "15235"), "{hits:?}");
        let hits = Formacodes::search(list.all().iter(), "2243", 50);
        assert!(!hits.is_empty() && hits.iter().all(|t| t.code.starts_with("2243")));
        assert!(Formacodes::search(list.all().iter(), "  ", 5).is_empty());
    }
}
