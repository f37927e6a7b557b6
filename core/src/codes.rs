//! Validated codes: formacode, INSEE commune code, département code. Parse once at the edge, then carry
//! the typed value.

use std::fmt;

use crate::lang::Lang;

/// A Formacode: five ASCII digits (e.g. `22435`), the training's code in the Formacode thesaurus.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Formacode(String);

impl Formacode {
    /// Reads a formacode, ignoring surrounding spaces.
    pub fn parse(text: &str) -> Result<Formacode, CodeError> {
        let code = text.trim();
        if code.is_empty() {
            return Err(CodeError::Missing(CodeKind::Formacode));
        }
        if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Formacode(code.to_owned()))
        } else {
            Err(CodeError::Malformed {
                kind: CodeKind::Formacode,
                found: code.to_owned(),
            })
        }
    }

    /// The five digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Formacode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An INSEE commune code (*code officiel géographique*): five digits, or `2A`/`2B` and three digits for
/// Corsica. Not a postal code. Stored upper case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommuneCode(String);

impl CommuneCode {
    /// Reads a commune code, ignoring surrounding spaces and the case of `2a`/`2b`.
    pub fn parse(text: &str) -> Result<CommuneCode, CodeError> {
        let code = text.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(CodeError::Missing(CodeKind::Commune));
        }
        let malformed = || CodeError::Malformed {
            kind: CodeKind::Commune,
            found: text.trim().to_owned(),
        };
        if code.chars().count() != 5 {
            return Err(malformed());
        }
        let bytes = code.as_bytes();
        let corsica = bytes[0] == b'2' && matches!(bytes[1], b'A' | b'B');
        let digits_ok = if corsica {
            bytes[2..].iter().all(u8::is_ascii_digit)
        } else {
            bytes.iter().all(u8::is_ascii_digit)
        };
        if digits_ok {
            Ok(CommuneCode(code))
        } else {
            Err(malformed())
        }
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The département the code belongs to: its first two characters, three for overseas codes
    /// (`97…`, `98…`), `2A`/`2B` for Corsica. `None` for pre-1976 Corsican codes (`20…`), which no
    /// current département carries.
    pub fn departement(&self) -> Option<DepartementCode> {
        let code = &self.0;
        let len = if code.starts_with("97") || code.starts_with("98") {
            3
        } else {
            2
        };
        let dep = &code[..len];
        (dep != "20" && dep != "00").then(|| DepartementCode(dep.to_owned()))
    }
}

impl fmt::Display for CommuneCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A département code: `01`..`95`, `2A`, `2B`, or three digits overseas (`971`..`976`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepartementCode(String);

impl DepartementCode {
    /// The code as written in the official geography.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DepartementCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which code a [`CodeError`] is about; its name is the attribute / parameter name in the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// The training's formacode (attribute `formacode`).
    Formacode,
    /// The commune's INSEE code (attribute `commune`).
    Commune,
}

impl CodeKind {
    /// The attribute name in the widget contract.
    pub fn attribute(self) -> &'static str {
        match self {
            CodeKind::Formacode => "formacode",
            CodeKind::Commune => "commune",
        }
    }

    /// The query parameter name of France Travail's API (also read by the reference proxy).
    pub fn upstream_parameter(self) -> &'static str {
        match self {
            CodeKind::Formacode => "formacode",
            CodeKind::Commune => "codeinseeville",
        }
    }
}

/// A code that could not be read, with a message a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Nothing was given.
    Missing(CodeKind),
    /// Something was given that is not such a code.
    Malformed {
        /// Which code.
        kind: CodeKind,
        /// What was found (trimmed).
        found: String,
    },
}

impl CodeError {
    /// Which code the error is about.
    pub fn kind(&self) -> CodeKind {
        match self {
            CodeError::Missing(kind) | CodeError::Malformed { kind, .. } => *kind,
        }
    }

    /// What is wrong, in words.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CodeError::Missing(CodeKind::Formacode), Lang::Fr) => "le formacode est manquant".into(),
            (CodeError::Missing(CodeKind::Formacode), Lang::En) => "formacode is missing".into(),
            (CodeError::Missing(CodeKind::Commune), Lang::Fr) => "le code INSEE de la commune est manquant".into(),
            (CodeError::Missing(CodeKind::Commune), Lang::En) => "the commune's INSEE code is missing".into(),
            (CodeError::Malformed { kind: CodeKind::Formacode, found }, Lang::Fr) => {
                format!("un formacode compte 5 chiffres (reçu «\u{a0}{found}\u{a0}»)")
            }
            (CodeError::Malformed { kind: CodeKind::Formacode, found }, Lang::En) => {
                format!("a formacode has 5 digits (got \"{found}\")")
            }
            (CodeError::Malformed { kind: CodeKind::Commune, found }, Lang::Fr) => format!(
                "un code INSEE de commune compte 5 caractères\u{a0}: 5 chiffres, ou 2A/2B suivi de 3 chiffres en Corse (reçu «\u{a0}{found}\u{a0}»\u{a0}; un code postal ne convient pas)"
            ),
            (CodeError::Malformed { kind: CodeKind::Commune, found }, Lang::En) => format!(
                "an INSEE commune code has 5 characters: 5 digits, or 2A/2B and 3 digits in Corsica (got \"{found}\"; a postal code will not do)"
            ),
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formacodes_are_trimmed_five_digit_codes() {
        assert_eq!(Formacode::parse(" 22435 ").unwrap().as_str(), "22435");
        assert_eq!(
            Formacode::parse(""),
            Err(CodeError::Missing(CodeKind::Formacode))
        );
        assert!(matches!(
            Formacode::parse("2243"),
            Err(CodeError::Malformed { .. })
        ));
        assert!(matches!(
            Formacode::parse("22435a"),
            Err(CodeError::Malformed { .. })
        ));
        assert!(matches!(
            Formacode::parse("２２４３５"),
            Err(CodeError::Malformed { .. })
        ));
    }

    #[test]
    fn commune_codes_accept_corsica_in_any_case() {
        assert_eq!(CommuneCode::parse("2a004").unwrap().as_str(), "2A004");
        assert_eq!(CommuneCode::parse("2B033").unwrap().as_str(), "2B033");
        assert!(CommuneCode::parse("2C004").is_err());
        assert!(CommuneCode::parse("3A004").is_err());
        assert!(CommuneCode::parse("6912").is_err());
        assert!(CommuneCode::parse("691234").is_err());
        assert!(CommuneCode::parse("69é23").is_err());
        assert_eq!(
            CommuneCode::parse(" "),
            Err(CodeError::Missing(CodeKind::Commune))
        );
    }

    #[test]
    fn departement_is_derived_from_the_commune_code() {
        let dep = |c: &str| {
            CommuneCode::parse(c)
                .unwrap()
                .departement()
                .map(|d| d.as_str().to_owned())
        };
        assert_eq!(dep("69123").as_deref(), Some("69"));
        assert_eq!(dep("2A004").as_deref(), Some("2A"));
        assert_eq!(dep("97411").as_deref(), Some("974"));
        assert_eq!(dep("01001").as_deref(), Some("01"));
        assert_eq!(dep("20004"), None);
    }

    #[test]
    fn messages_name_the_problem() {
        let err = Formacode::parse("2243").unwrap_err();
        assert!(err.message(Lang::En).contains("5 digits"));
        assert!(err.message(Lang::Fr).contains("5 chiffres"));
        assert_eq!(err.kind().attribute(), "formacode");
        let err = CommuneCode::parse("6912").unwrap_err();
        assert!(err.message(Lang::En).contains("5 characters"));
        assert_eq!(err.kind().upstream_parameter(), "codeinseeville");
    }
}
