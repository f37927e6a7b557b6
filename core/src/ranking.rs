//! The decoded model: one training near one commune, its four levels, and the headline.
//!
//! A [`Ranking`] can only be built through [`Ranking::new`], which applies the [`SuppressionRule`]: no
//! value of this type ever publishes a figure whose number of leavers breaks the rule.

use crate::codes::{CommuneCode, Formacode};
use crate::level::Level;
use crate::quintile::{Quintile, Rate, ValueProblem};
use crate::suppression::SuppressionRule;
use crate::territories;

/// A named territory or commune. Names come from untrusted sources: render them as text only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// Its code (commune INSEE code, bassin code, département code, région code, `FR`).
    pub code: Option<String>,
    /// Its name, when known.
    pub nom: Option<String>,
}

/// A published figure: always a class; the raw rate and the number of leavers when the source gave them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// The class 1..5.
    pub quintile: Quintile,
    /// The raw rate, when the source gives one.
    pub rate: Option<Rate>,
    /// How many people left training at this level, when the source says.
    pub leavers: Option<u32>,
}

/// Why a level shows no figure. Carries no figure, ever.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unpublished {
    /// Statistical secrecy: too few leavers at this level (or the source said it suppressed the figure).
    TooFewLeavers,
    /// The source said it publishes nothing here (France Travail's `""`).
    NotPublished,
    /// The source gave nothing (`null`, missing key, missing level).
    Missing,
    /// The source gave something unreadable.
    Invalid(ValueProblem),
}

impl Unpublished {
    /// The contract's `data-status` / JSON `status`: `suppressed` for secrecy, else `unavailable`.
    pub fn status_name(&self) -> &'static str {
        match self {
            Unpublished::TooFewLeavers => "suppressed",
            _ => "unavailable",
        }
    }
}

/// What a level shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// A figure that passed the secrecy rule.
    Published(Figure),
    /// No figure, and why.
    Unpublished(Unpublished),
}

impl Status {
    /// The contract's status name: `published`, `suppressed` or `unavailable`.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Published(_) => "published",
            Status::Unpublished(why) => why.status_name(),
        }
    }

    /// The figure, when published.
    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Status::Published(figure) => Some(figure),
            Status::Unpublished(_) => None,
        }
    }
}

/// One level of the breakdown: which territory, and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelResult {
    /// The level.
    pub level: Level,
    /// The territory at that level.
    pub place: Place,
    /// Published figure or reason.
    pub status: Status,
}

impl LevelResult {
    /// A level the source said nothing about.
    pub fn missing(level: Level) -> LevelResult {
        LevelResult {
            level,
            place: Place::default(),
            status: Status::Unpublished(Unpublished::Missing),
        }
    }
}

/// The most local published level: what the badge shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Headline<'a> {
    /// Which level.
    pub level: Level,
    /// Its territory.
    pub place: &'a Place,
    /// Its figure.
    pub figure: &'a Figure,
}

/// One training near one commune, with the secrecy rule applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    formacode: Option<Formacode>,
    commune: Option<Place>,
    source: Option<String>,
    levels: [LevelResult; 4],
}

impl Ranking {
    /// Builds a ranking and applies the secrecy rule: a published figure whose leavers break the rule is
    /// suppressed; when the national level is suppressed (fewer than 60 leavers nationally) or the source
    /// says the training is not covered, no level keeps a figure (levels that had none keep their reason). `levels` may come in any order; a level
    /// given twice keeps its first occurrence, a level not given is [`Unpublished::Missing`].
    pub fn new(
        formacode: Option<Formacode>,
        commune: Option<Place>,
        source: Option<String>,
        levels: impl IntoIterator<Item = LevelResult>,
        source_says_covered: bool,
    ) -> Ranking {
        let mut slots: [Option<LevelResult>; 4] = Default::default();
        for result in levels {
            let slot = &mut slots[result.level.index()];
            if slot.is_none() {
                *slot = Some(result);
            }
        }
        let mut levels = Level::ALL.map(|level| {
            slots[level.index()]
                .take()
                .unwrap_or_else(|| LevelResult::missing(level))
        });
        for result in &mut levels {
            if let Status::Published(Figure {
                leavers: Some(n), ..
            }) = result.status
            {
                if !SuppressionRule::publishes(result.level, n) {
                    result.status = Status::Unpublished(Unpublished::TooFewLeavers);
                }
            }
        }
        let national_suppressed = levels[Level::National.index()].status
            == Status::Unpublished(Unpublished::TooFewLeavers);
        if national_suppressed || !source_says_covered {
            for result in levels
                .iter_mut()
                .filter(|result| result.status.figure().is_some())
            {
                result.status = Status::Unpublished(Unpublished::TooFewLeavers);
            }
        }
        Ranking {
            formacode,
            commune,
            source,
            levels,
        }
    }

    /// The training, when the source said.
    pub fn formacode(&self) -> Option<&Formacode> {
        self.formacode.as_ref()
    }

    /// The commune, when the source said.
    pub fn commune(&self) -> Option<&Place> {
        self.commune.as_ref()
    }

    /// Where the data comes from, when the source said (`"demo"` for the synthetic demo dataset).
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Whether the data is the synthetic demo dataset.
    pub fn is_demo(&self) -> bool {
        self.source() == Some(crate::wire::DEMO_SOURCE)
    }

    /// The four levels, most local first.
    pub fn levels(&self) -> &[LevelResult; 4] {
        &self.levels
    }

    /// One level.
    pub fn level(&self, level: Level) -> &LevelResult {
        &self.levels[level.index()]
    }

    /// Whether anything is published: a training not covered has no figure at any level.
    pub fn covered(&self) -> bool {
        self.headline().is_some()
    }

    /// The most local published level (bassin → département → région → national).
    pub fn headline(&self) -> Option<Headline<'_>> {
        self.levels.iter().find_map(|result| {
            result.status.figure().map(|figure| Headline {
                level: result.level,
                place: &result.place,
                figure,
            })
        })
    }

    /// Fills what the requested commune tells and the source left out: the commune code, the
    /// département and région codes and names, and France for the national level. Names the source gave
    /// are kept.
    pub fn complete_geography(mut self, requested: &CommuneCode) -> Ranking {
        let commune = self.commune.get_or_insert_with(Place::default);
        commune
            .code
            .get_or_insert_with(|| requested.as_str().to_owned());
        let departement = requested
            .departement()
            .and_then(|code| territories::departement(code.as_str()));
        if let Some(dep) = departement {
            fill(
                &mut self.levels[Level::Departement.index()].place,
                dep.code,
                dep.nom,
            );
            if let Some(region) = territories::region(dep.region) {
                fill(
                    &mut self.levels[Level::Region.index()].place,
                    region.code,
                    region.nom,
                );
            }
        }
        fill(
            &mut self.levels[Level::National.index()].place,
            territories::FRANCE.code,
            territories::FRANCE.nom,
        );
        self
    }
}

fn fill(place: &mut Place, code: &str, nom: &str) {
    // Only fill a place that is empty or agrees with the code: never pair a name with another code.
    if place.code.as_deref().is_none_or(|c| c == code) {
        place.code.get_or_insert_with(|| code.to_owned());
        place.nom.get_or_insert_with(|| nom.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(level: Level, q: u8, leavers: Option<u32>) -> LevelResult {
        LevelResult {
            level,
            place: Place::default(),
            status: Status::Published(Figure {
                quintile: Quintile::new(q).unwrap(),
                rate: None,
                leavers,
            }),
        }
    }

    fn statuses(r: &Ranking) -> Vec<&'static str> {
        r.levels().iter().map(|l| l.status.name()).collect()
    }

    #[test]
    fn local_level_with_exactly_60_leavers_is_suppressed() {
        for level in [Level::Bassin, Level::Departement, Level::Region] {
            let r = Ranking::new(
                None,
                None,
                None,
                [
                    published(level, 3, Some(60)),
                    published(Level::National, 3, None),
                ],
                true,
            );
            assert_eq!(r.level(level).status.name(), "suppressed", "{level:?}");
            let r = Ranking::new(
                None,
                None,
                None,
                [
                    published(level, 3, Some(61)),
                    published(Level::National, 3, None),
                ],
                true,
            );
            assert_eq!(r.level(level).status.name(), "published", "{level:?}");
            let r = Ranking::new(
                None,
                None,
                None,
                [
                    published(level, 3, Some(59)),
                    published(Level::National, 3, None),
                ],
                true,
            );
            assert_eq!(r.level(level).status.name(), "suppressed", "{level:?}");
        }
    }

    #[test]
    fn national_below_60_leavers_means_not_covered_at_all() {
        let levels = [
            published(Level::Region, 3, Some(900)),
            published(Level::National, 3, Some(59)),
        ];
        let r = Ranking::new(None, None, None, levels, true);
        assert!(!r.covered());
        assert_eq!(
            statuses(&r),
            ["unavailable", "unavailable", "suppressed", "suppressed"]
        );
        let r = Ranking::new(
            None,
            None,
            None,
            [published(Level::National, 3, Some(60))],
            true,
        );
        assert!(r.covered());
    }

    #[test]
    fn source_saying_not_covered_clears_every_figure() {
        let r = Ranking::new(
            None,
            None,
            None,
            [published(Level::National, 4, None)],
            false,
        );
        assert!(r.headline().is_none());
    }

    #[test]
    fn headline_falls_back_from_bassin_to_national() {
        let r = Ranking::new(
            None,
            None,
            None,
            [
                published(Level::National, 4, None),
                published(Level::Region, 2, None),
            ],
            true,
        );
        let headline = r.headline().unwrap();
        assert_eq!(
            (headline.level, headline.figure.quintile.get()),
            (Level::Region, 2)
        );
    }

    #[test]
    fn first_occurrence_of_a_level_wins_and_missing_levels_are_missing() {
        let r = Ranking::new(
            None,
            None,
            None,
            [
                published(Level::Bassin, 2, None),
                published(Level::Bassin, 5, None),
            ],
            true,
        );
        assert_eq!(
            r.level(Level::Bassin)
                .status
                .figure()
                .unwrap()
                .quintile
                .get(),
            2
        );
        assert_eq!(
            r.level(Level::Departement).status,
            Status::Unpublished(Unpublished::Missing)
        );
    }

    #[test]
    fn geography_is_completed_from_the_commune_code() {
        let r = Ranking::new(None, None, None, [], true)
            .complete_geography(&CommuneCode::parse("97411").unwrap());
        assert_eq!(
            r.level(Level::Departement).place.nom.as_deref(),
            Some("La Réunion")
        );
        assert_eq!(r.level(Level::Region).place.code.as_deref(), Some("04"));
        assert_eq!(
            r.level(Level::National).place.nom.as_deref(),
            Some("France")
        );
        assert_eq!(r.commune().unwrap().code.as_deref(), Some("97411"));
        let r = Ranking::new(None, None, None, [], true)
            .complete_geography(&CommuneCode::parse("2A004").unwrap());
        assert_eq!(
            r.level(Level::Departement).place.nom.as_deref(),
            Some("Corse-du-Sud")
        );
        assert_eq!(r.level(Level::Region).place.nom.as_deref(), Some("Corse"));
    }
}
