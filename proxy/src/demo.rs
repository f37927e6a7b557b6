//! The synthetic demo dataset: deterministic, clearly labelled (`"source": "demo"`), over the real
//! geography and a few hundred real formacodes.
//!
//! Every number derives from a 64-bit xxh3 hash of a text naming what it is about (`"national|22435"`,
//! `"bassin|22435|8428"`…), read as a fraction `u` in [0, 1). For a formacode of the demo selection:
//!
//! - **Leavers nationally** `N`: `u < 0.10` → 20..=58 (not covered: under 60 nationally);
//!   `u < 0.16` → 59, 60 or 61 (at the threshold); else log-uniform in 80..=20,000.
//! - **Région** `R = round(N × s)`, share `s` in [0.02, 0.30); **département** `D = R` when the région
//!   has a single département, else `round(R × s)`, `s` in [0.15, 0.90); **bassin**
//!   `B = round(D × s)`, `s` in [0.08, 0.90). So `B ≤ D ≤ R ≤ N`, and small territories fall under the
//!   threshold first: suppressed at the bassin only, at the bassin and the département, and so on.
//! - **At the threshold**: when its parent count is above 61, a local count is replaced by 59, 60 or 61
//!   for 6 % of the (formacode, territory) pairs of each level.
//! - **Rates**: national rate in [0.30, 0.80) (all five classes), each local rate within ±0.12 of it,
//!   clamped to [0.05, 0.95]; every rate is `employed / leavers` with `employed` a whole number.
//!
//! The demo selection is the formacodes of the shared list whose `"select|<code>"` fraction is below
//! 0.11, plus the three formacodes the project's documents use as examples. Any other formacode of the
//! list is answered as France Travail answers a training it has no figure for: nothing published
//! anywhere. A formacode outside the list is unknown to the demo: the proxy refuses it (404).
//!
//! The dataset holds every figure, published or not: [`Ranking::new`] in core applies the secrecy rule,
//! so what leaves the proxy is exactly what the rule allows.

use retour_emploi_core::level::Level;
use retour_emploi_core::quintile::{Quintile, Rate};
use retour_emploi_core::ranking::{Figure, LevelResult, Place, Ranking, Status, Unpublished};
use retour_emploi_core::wire::DEMO_SOURCE;
use retour_emploi_core::{territories, Formacode};
use xxhash_rust::xxh3::xxh3_64;

use crate::formacodes::{Formacodes, Training};
use crate::geography::Commune;

/// Formacodes the project's documents and shared cases use; always in the demo selection.
const FEATURED: [&str; 3] = ["22435", "31054", "43436"];

/// Share of the shared list in the demo selection.
const SELECTED_SHARE: f64 = 0.11;

/// Leaver counts of one formacode near one commune, before the secrecy rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Bassin, département, région, national (in [`Level::ALL`] order).
    pub leavers: [u32; 4],
}

/// The demo dataset.
#[derive(Debug)]
pub struct DemoData {
    selection: Vec<Training>,
    /// Every formacode of the list, sorted: the demo's whole world.
    known: Vec<String>,
}

impl DemoData {
    /// The demo dataset over the shared formacode list.
    pub fn new(formacodes: &Formacodes) -> DemoData {
        let selection = formacodes
            .all()
            .iter()
            .filter(|t| {
                FEATURED.contains(&t.code.as_str())
                    || fraction(&["select", &t.code]) < SELECTED_SHARE
            })
            .cloned()
            .collect();
        let known = formacodes.all().iter().map(|t| t.code.clone()).collect();
        DemoData { selection, known }
    }

    /// Whether a formacode is in the list the demo is drawn from.
    pub fn knows(&self, formacode: &Formacode) -> bool {
        self.known
            .binary_search_by(|code| code.as_str().cmp(formacode.as_str()))
            .is_ok()
    }

    /// The formacodes that have demo figures, sorted by code.
    pub fn selection(&self) -> &[Training] {
        &self.selection
    }

    /// Whether a formacode has demo figures.
    pub fn covers(&self, formacode: &Formacode) -> bool {
        self.selection
            .binary_search_by(|t| t.code.as_str().cmp(formacode.as_str()))
            .is_ok()
    }

    /// The leaver counts of a formacode near a commune (`None` outside the demo selection).
    pub fn counts(&self, formacode: &Formacode, commune: &Commune) -> Option<Counts> {
        if !self.covers(formacode) {
            return None;
        }
        let f = formacode.as_str();
        let national = national_leavers(f);
        let region = local(national, Level::Region, f, commune.region.code, 0.02, 0.28);
        let single_departement = territories::departements()
            .iter()
            .filter(|d| d.region == commune.region.code)
            .count()
            == 1;
        let departement = if single_departement {
            region
        } else {
            local(
                region,
                Level::Departement,
                f,
                commune.departement.code,
                0.15,
                0.75,
            )
        };
        let bassin = local(
            departement,
            Level::Bassin,
            f,
            &commune.bassin.code,
            0.08,
            0.82,
        );
        Some(Counts {
            leavers: [bassin, departement, region, national],
        })
    }

    /// The answer for a formacode near a commune, with the secrecy rule applied by core.
    pub fn ranking(&self, formacode: &Formacode, commune: &Commune) -> Ranking {
        let places = [
            Place {
                code: Some(commune.bassin.code.clone()),
                nom: Some(commune.bassin.nom.clone()),
            },
            Place {
                code: Some(commune.departement.code.to_owned()),
                nom: Some(commune.departement.nom.to_owned()),
            },
            Place {
                code: Some(commune.region.code.to_owned()),
                nom: Some(commune.region.nom.to_owned()),
            },
            Place {
                code: Some(territories::FRANCE.code.to_owned()),
                nom: Some(territories::FRANCE.nom.to_owned()),
            },
        ];
        let counts = self.counts(formacode, commune);
        let f = formacode.as_str();
        let national_rate = 0.30 + 0.50 * fraction(&["rate", f]);
        let levels = Level::ALL.into_iter().zip(places).map(|(level, place)| {
            let status = match counts {
                None => Status::Unpublished(Unpublished::NotPublished),
                Some(counts) => {
                    let leavers = counts.leavers[level.index()];
                    let code = place.code.as_deref().unwrap_or_default();
                    let rate = if level == Level::National {
                        national_rate
                    } else {
                        let shift = 0.24 * (fraction(&["rate", level.as_str(), f, code]) - 0.5);
                        (national_rate + shift).clamp(0.05, 0.95)
                    };
                    figure(rate, leavers)
                }
            };
            LevelResult {
                level,
                place,
                status,
            }
        });
        Ranking::new(
            Some(formacode.clone()),
            Some(Place {
                code: Some(commune.code.clone()),
                nom: Some(commune.nom.clone()),
            }),
            Some(DEMO_SOURCE.to_owned()),
            levels,
            true,
        )
    }
}

/// A figure over `leavers` people: the rate is a whole number of people in employment over `leavers`.
fn figure(rate: f64, leavers: u32) -> Status {
    let employed = (rate * f64::from(leavers)).round();
    let exact = if leavers == 0 {
        rate
    } else {
        employed / f64::from(leavers)
    };
    match Rate::from_fraction(exact) {
        Ok(rate) => Status::Published(Figure {
            quintile: Quintile::from_rate(rate),
            rate: Some(rate),
            leavers: Some(leavers),
        }),
        Err(problem) => Status::Unpublished(Unpublished::Invalid(problem)),
    }
}

fn national_leavers(formacode: &str) -> u32 {
    let u = fraction(&["national", formacode]);
    let v = fraction(&["national-size", formacode]);
    if u < 0.10 {
        20 + (v * 39.0) as u32
    } else if u < 0.16 {
        59 + (v * 3.0) as u32
    } else {
        (80.0 * 250f64.powf(v)).round() as u32
    }
}

/// A local count: a share of its parent's, or a count at the threshold for a few pairs.
fn local(parent: u32, level: Level, formacode: &str, code: &str, low: f64, width: f64) -> u32 {
    let name = level.as_str();
    if parent > 61 && fraction(&["edge", name, formacode, code]) < 0.06 {
        return 59 + (fraction(&["edge-value", name, formacode, code]) * 3.0) as u32;
    }
    let share = low + width * fraction(&["share", name, formacode, code]);
    (f64::from(parent) * share).round() as u32
}

/// A fraction in [0, 1) from the hash of the parts joined with `|`.
fn fraction(parts: &[&str]) -> f64 {
    let hash = xxh3_64(parts.join("|").as_bytes());
    (hash >> 11) as f64 / (1u64 << 53) as f64
}
