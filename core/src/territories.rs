//! Official names of départements and régions (from `@etalab/decoupage-administratif`, MIT; see
//! `data/SOURCES.md`), so a département or région is named even when the source only gives a commune.

mod generated;

/// A département and the région it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Departement {
    /// Code: `01`..`95`, `2A`, `2B`, `971`..`976`.
    pub code: &'static str,
    /// Official name (`Rhône`, `La Réunion`).
    pub nom: &'static str,
    /// Code of its région.
    pub region: &'static str,
}

/// A région.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// INSEE code, two digits (`84`, `04`).
    pub code: &'static str,
    /// Official name (`Auvergne-Rhône-Alpes`).
    pub nom: &'static str,
}

/// The national level's territory.
pub const FRANCE: Region = Region {
    code: "FR",
    nom: "France",
};

/// The département with this code.
pub fn departement(code: &str) -> Option<&'static Departement> {
    let i = generated::DEPARTEMENTS
        .binary_search_by(|d| d.code.cmp(code))
        .ok()?;
    generated::DEPARTEMENTS.get(i)
}

/// The région with this code.
pub fn region(code: &str) -> Option<&'static Region> {
    let i = generated::REGIONS
        .binary_search_by(|r| r.code.cmp(code))
        .ok()?;
    generated::REGIONS.get(i)
}

/// Every département, sorted by code.
pub fn departements() -> &'static [Departement] {
    generated::DEPARTEMENTS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departements_name_their_region() {
        let rhone = departement("69").unwrap();
        assert_eq!(
            (rhone.nom, region(rhone.region).unwrap().nom),
            ("Rhône", "Auvergne-Rhône-Alpes")
        );
        assert_eq!(departement("2B").unwrap().nom, "Haute-Corse");
        assert_eq!(departement("974").unwrap().region, "04");
        assert_eq!(departement("20"), None);
        assert_eq!(region("11").unwrap().nom, "Île-de-France");
    }

    #[test]
    fn every_departement_has_a_known_region() {
        for d in departements() {
            assert!(
                region(d.region).is_some(),
                "{} has unknown région {}",
                d.code,
                d.region
            );
        }
    }
}
