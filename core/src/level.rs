//! The four geographic levels (*mailles*) at which the rate exists.

use crate::lang::Lang;

/// A geographic level. [`Level::ALL`] is the order of the breakdown and of the headline fallback: the
/// most local level first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The France Travail *bassin d'emploi* of the commune.
    Bassin,
    /// The département of the commune.
    Departement,
    /// The région of the commune.
    Region,
    /// The whole country.
    National,
}

impl Level {
    /// Every level, most local first.
    pub const ALL: [Level; 4] = [
        Level::Bassin,
        Level::Departement,
        Level::Region,
        Level::National,
    ];

    /// The name in the public contract: `data-level` and the normalized JSON `level` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Bassin => "bassin",
            Level::Departement => "departement",
            Level::Region => "region",
            Level::National => "national",
        }
    }

    /// Reads a contract name; accented and upper-case spellings are accepted.
    pub fn parse(name: &str) -> Option<Level> {
        // Case-insensitive for the letters of the names (ASCII and É): full Unicode lower-casing would
        // put its tables (kilobytes) into the widget for no name it could match.
        let fold = |c: char| match c {
            'É' => 'é',
            c => c.to_ascii_lowercase(),
        };
        let name = name.trim();
        let is = |expected: &str| name.chars().map(fold).eq(expected.chars());
        Level::ALL.into_iter().find(|level| {
            is(level.as_str())
                || match level {
                    Level::Departement => is("département"),
                    Level::Region => is("région"),
                    _ => false,
                }
        })
    }

    /// The key of this level's value in France Travail's upstream answer.
    pub fn upstream_key(self) -> &'static str {
        match self {
            Level::Bassin => "taux-bassin",
            Level::Departement => "taux-departemental",
            Level::Region => "taux-regional",
            Level::National => "taux-national",
        }
    }

    /// Position in [`Level::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the level is below the national one (the secrecy threshold differs).
    pub fn is_local(self) -> bool {
        self != Level::National
    }

    /// The level's generic name, shown when the territory's own name is unknown.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Level::Bassin, Lang::Fr) => "Bassin d’emploi",
            (Level::Bassin, Lang::En) => "Employment area",
            (Level::Departement, _) => lang.pick("Département", "Département"),
            (Level::Region, Lang::Fr) => "Région",
            (Level::Region, Lang::En) => "Region",
            (Level::National, _) => "France",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_names_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::parse(level.as_str()), Some(level));
        }
        assert_eq!(Level::parse("Région"), Some(Level::Region));
        assert_eq!(Level::parse("DÉPARTEMENT"), Some(Level::Departement));
        assert_eq!(Level::parse(" RÉGION "), Some(Level::Region));
        assert_eq!(Level::parse("Bassin"), Some(Level::Bassin));
        assert_eq!(Level::parse("régions"), None);
        assert_eq!(Level::parse("commune"), None);
    }

    #[test]
    fn order_is_most_local_first() {
        assert_eq!(Level::ALL.map(Level::index), [0, 1, 2, 3]);
        assert!(Level::Bassin.is_local() && !Level::National.is_local());
    }
}
