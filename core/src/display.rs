//! Every text about the data shown to a person, in French and English: class labels, bands, numbers,
//! territory names and the reasons a level shows nothing.
//!
//! French typography: decimal comma, and a narrow no-break space (U+202F) before `%` and between digit
//! groups.

use crate::lang::Lang;
use crate::level::Level;
use crate::quintile::{Quintile, Rate};
use crate::ranking::{LevelResult, Unpublished};
use crate::suppression::SuppressionRule;

/// U+202F NARROW NO-BREAK SPACE, the French spacing before `%` and between thousands.
pub const NARROW_NBSP: char = '\u{202F}';

/// The class's name (`Élevé` / `High`).
pub fn class_label(quintile: Quintile, lang: Lang) -> &'static str {
    const FR: [&str; 5] = ["Faible", "Correct", "Satisfaisant", "Élevé", "Excellent"];
    const EN: [&str; 5] = ["Low", "Fair", "Good", "High", "Excellent"];
    lang.pick(FR, EN)[usize::from(quintile.get()) - 1]
}

/// The class's name inside a sentence (`élevé` / `high`). Stored rather than lower-cased at run time,
/// which would put Unicode's case tables into the widget.
fn class_label_lower(quintile: Quintile, lang: Lang) -> &'static str {
    const FR: [&str; 5] = ["faible", "correct", "satisfaisant", "élevé", "excellent"];
    const EN: [&str; 5] = ["low", "fair", "good", "high", "excellent"];
    lang.pick(FR, EN)[usize::from(quintile.get()) - 1]
}

/// The badge text: `4 / 5 · Élevé`.
pub fn class_short(quintile: Quintile, lang: Lang) -> String {
    format!("{} / 5 · {}", quintile.get(), class_label(quintile, lang))
}

/// The class as a sentence, for screen readers: `4 sur 5, élevé` / `4 out of 5, high`.
pub fn class_spoken(quintile: Quintile, lang: Lang) -> String {
    let label = class_label_lower(quintile, lang);
    match lang {
        Lang::Fr => format!("{} sur 5, {label}", quintile.get()),
        Lang::En => format!("{} out of 5, {label}", quintile.get()),
    }
}

/// A fraction as a percentage with at most one decimal: `63,5 %` / `63.5%`.
pub fn percent(fraction: f64, lang: Lang) -> String {
    let tenths = (fraction * 1000.0).round() as i64;
    let (whole, decimal) = (tenths / 10, tenths % 10);
    let mut text = group_thousands(whole, lang);
    if decimal != 0 {
        text.push(lang.pick(',', '.'));
        text.push_str(&decimal.to_string());
    }
    match lang {
        Lang::Fr => format!("{text}{NARROW_NBSP}%"),
        Lang::En => format!("{text}%"),
    }
}

/// A whole number with digit groups: `1 234` (narrow no-break space) / `1,234`.
pub fn count(n: u32, lang: Lang) -> String {
    group_thousands(i64::from(n), lang)
}

fn group_thousands(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let separator = lang.pick(NARROW_NBSP, ',');
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The rates a class covers: `entre 60 % et 68 %`, `moins de 43 %`, `68 % ou plus`.
pub fn band(quintile: Quintile, lang: Lang) -> String {
    let b = quintile.band();
    match (b.lower, b.upper, lang) {
        (Some(lo), Some(hi), Lang::Fr) => {
            format!("entre {} et {}", percent(lo, lang), percent(hi, lang))
        }
        (Some(lo), Some(hi), Lang::En) => {
            format!("between {} and {}", percent(lo, lang), percent(hi, lang))
        }
        (None, Some(hi), Lang::Fr) => format!("moins de {}", percent(hi, lang)),
        (None, Some(hi), Lang::En) => format!("below {}", percent(hi, lang)),
        (Some(lo), None, Lang::Fr) => format!("{} ou plus", percent(lo, lang)),
        (Some(lo), None, Lang::En) => format!("{} or more", percent(lo, lang)),
        (None, None, _) => String::new(),
    }
}

/// `212 sortants de formation` / `212 leavers`.
pub fn leavers(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{} sortants de formation", count(n, lang)),
        Lang::En => format!("{} leavers", count(n, lang)),
    }
}

/// The name shown for a level's territory: its own name when known (`Lyon Centre`, `Rhône`), else the
/// level's name with the code (`Bassin d’emploi 52114`), else the level's name.
pub fn place_name(result: &LevelResult, lang: Lang) -> String {
    match (&result.place.nom, &result.place.code) {
        (Some(nom), _) => nom.clone(),
        (None, Some(code)) if result.level != Level::National => {
            format!("{} {code}", result.level.name(lang))
        }
        _ => result.level.name(lang).to_owned(),
    }
}

/// Where the badge's figure comes from: `Bassin d’emploi Lyon Centre`, `Rhône`, `Auvergne-Rhône-Alpes`,
/// `France`. A bassin's own name says little on its own, so it gets the level's name in front.
pub fn provenance(result: &LevelResult, lang: Lang) -> String {
    match (result.level, &result.place.nom) {
        (Level::Bassin, Some(nom)) => format!("{} {nom}", Level::Bassin.name(lang)),
        _ => place_name(result, lang),
    }
}

/// The exact rate, when a source gives one: `Taux mesuré : 63,5 %` / `Measured rate: 63.5%`.
pub fn measured_rate(rate: Rate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Taux mesuré\u{a0}: {}", percent(rate.fraction(), lang)),
        Lang::En => format!("Measured rate: {}", percent(rate.fraction(), lang)),
    }
}

/// Why a level shows no figure, in plain words.
pub fn unpublished_reason(level: Level, why: &Unpublished, lang: Lang) -> String {
    let threshold = SuppressionRule::THRESHOLD;
    match (why, lang) {
        (Unpublished::TooFewLeavers, Lang::Fr) if level.is_local() => {
            format!("non publié\u{a0}: {threshold} sortants ou moins (secret statistique)")
        }
        (Unpublished::TooFewLeavers, Lang::Fr) => {
            format!("non publié\u{a0}: moins de {threshold} sortants (secret statistique)")
        }
        (Unpublished::TooFewLeavers, Lang::En) if level.is_local() => {
            format!("not published: {threshold} leavers or fewer (statistical secrecy)")
        }
        (Unpublished::TooFewLeavers, Lang::En) => {
            format!("not published: fewer than {threshold} leavers (statistical secrecy)")
        }
        (Unpublished::NotPublished, _) => lang.pick("non publié", "not published").into(),
        (Unpublished::Missing | Unpublished::Invalid(_), _) => {
            lang.pick("non disponible", "not available").into()
        }
    }
}

/// What the whole widget says when a training is not covered.
pub fn not_covered(lang: Lang) -> String {
    let threshold = SuppressionRule::THRESHOLD;
    match lang {
        Lang::Fr => format!("Taux non déterminé\u{a0}: trop peu de personnes ont suivi cette formation (moins de {threshold} sortants au niveau national) pour publier un résultat."),
        Lang::En => format!("Rate not determined: too few people took this training (fewer than {threshold} leavers nationally) to publish a result."),
    }
}

/// What the rate measures, how it is published and where it comes from: the explainer's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explainer {
    /// The explainer's heading.
    pub heading: &'static str,
    /// Who is counted, leading into the three outcomes.
    pub measures: &'static str,
    /// The three outcomes that count as a return to employment.
    pub outcomes: [&'static str; 3],
    /// What does not count.
    pub exclusions: &'static str,
    /// The five classes and their cut-points.
    pub classes: String,
    /// The statistical-secrecy rule and the geographic fallback.
    pub secrecy: String,
    /// The source.
    pub source: &'static str,
    /// The period covered.
    pub period: &'static str,
}

/// The explainer's text (France Travail's published description of the measure: six months, three
/// outcomes, exclusions, secrecy rule, source).
pub fn explainer(lang: Lang) -> Explainer {
    let threshold = SuppressionRule::THRESHOLD;
    let lowest = Quintile::new(1).map(|q| (class_label_lower(q, lang), band(q, lang)));
    let highest = Quintile::new(5).map(|q| (class_label_lower(q, lang), band(q, lang)));
    let (lowest, highest) = match (lowest, highest) {
        (Some(l), Some(h)) => (l, h),
        _ => (("", String::new()), ("", String::new())),
    };
    match lang {
        Lang::Fr => Explainer {
            heading: "Ce que mesure ce taux",
            measures: "Parmi les demandeurs d’emploi inscrits à France Travail qui ont terminé une formation de ce domaine, la part de ceux qui, dans les six mois suivant la fin de la formation\u{a0}:",
            outcomes: [
                "ont retrouvé un emploi salarié d’au moins un mois\u{a0};",
                "ou ont signé un contrat aidé\u{a0};",
                "ou ont créé leur entreprise.",
            ],
            exclusions: "Ne sont pas comptés les emplois chez un particulier employeur, dans la fonction publique ou à l’étranger, ni les missions d’intérim de durée inconnue.",
            classes: format!(
                "Le taux est publié en cinq classes, de 1 ({}, {}) à 5 ({}, {}).",
                lowest.0,
                lowest.1,
                highest.0,
                highest.1
            ),
            secrecy: format!("Secret statistique\u{a0}: une formation suivie par moins de {threshold} sortants dans toute la France n’est pas publiée\u{a0}; dans un bassin d’emploi, un département ou une région, le taux n’est publié qu’au-delà de {threshold} sortants. Le taux affiché est celui du territoire le plus proche qui en publie un."),
            source: "Source\u{a0}: France Travail, service La Bonne Formation (taux de retour à l’emploi suite formation).",
            period: "Période\u{a0}: sorties de formation depuis janvier 2013, situation observée six mois après la fin de la formation.",
        },
        Lang::En => Explainer {
            heading: "What this rate measures",
            measures: "Among job seekers registered with France Travail who finished a training course in this field, the share who, within six months of the end of the course:",
            outcomes: [
                "found salaried work of one month or more;",
                "or got a subsidised contract;",
                "or started their own business.",
            ],
            exclusions: "Jobs with private-household employers, public employers or employers abroad, and temp missions of unknown length, do not count.",
            classes: format!(
                "The rate is published in five classes, from 1 ({}, {}) to 5 ({}, {}).",
                lowest.0,
                lowest.1,
                highest.0,
                highest.1
            ),
            secrecy: format!("Statistical secrecy: a training taken by fewer than {threshold} leavers in all of France is not published; in an employment area, a département or a region, the rate is published only above {threshold} leavers. The rate shown is the one of the nearest area that publishes one."),
            source: "Source: France Travail, La Bonne Formation service (rate of return to employment after training).",
            period: "Period: people who left training since January 2013, situation six months after the end of the course.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: u8) -> Quintile {
        Quintile::new(n).unwrap()
    }

    #[test]
    fn french_numbers_use_a_decimal_comma_and_a_narrow_space_before_percent() {
        assert_eq!(percent(0.63, Lang::Fr), "63\u{202F}%");
        assert_eq!(percent(0.635, Lang::Fr), "63,5\u{202F}%");
        assert_eq!(percent(0.6349, Lang::Fr), "63,5\u{202F}%");
        assert_eq!(percent(1.0, Lang::Fr), "100\u{202F}%");
        assert_eq!(percent(0.635, Lang::En), "63.5%");
        assert_eq!(count(1234567, Lang::Fr), "1\u{202F}234\u{202F}567");
        assert_eq!(count(1234, Lang::En), "1,234");
        assert_eq!(count(212, Lang::Fr), "212");
    }

    #[test]
    fn bands_use_the_published_cut_points() {
        assert_eq!(band(q(4), Lang::Fr), "entre 60\u{202F}% et 68\u{202F}%");
        assert_eq!(band(q(1), Lang::Fr), "moins de 43\u{202F}%");
        assert_eq!(band(q(5), Lang::Fr), "68\u{202F}% ou plus");
        assert_eq!(band(q(3), Lang::En), "between 53% and 60%");
    }

    #[test]
    fn badge_text_names_the_class_for_every_class() {
        let fr: Vec<_> = (1..=5).map(|n| class_short(q(n), Lang::Fr)).collect();
        assert_eq!(
            fr,
            [
                "1 / 5 · Faible",
                "2 / 5 · Correct",
                "3 / 5 · Satisfaisant",
                "4 / 5 · Élevé",
                "5 / 5 · Excellent"
            ]
        );
        assert_eq!(class_spoken(q(4), Lang::Fr), "4 sur 5, élevé");
        for lang in [Lang::Fr, Lang::En] {
            for n in 1..=5 {
                assert_eq!(
                    class_label_lower(q(n), lang),
                    class_label(q(n), lang).to_lowercase()
                );
            }
        }
        assert_eq!(class_spoken(q(2), Lang::En), "2 out of 5, fair");
    }

    #[test]
    fn reasons_quote_the_threshold() {
        assert!(
            unpublished_reason(Level::Bassin, &Unpublished::TooFewLeavers, Lang::Fr)
                .contains("60 sortants ou moins")
        );
        assert!(
            unpublished_reason(Level::National, &Unpublished::TooFewLeavers, Lang::Fr)
                .contains("moins de 60 sortants")
        );
        assert_eq!(
            unpublished_reason(Level::Region, &Unpublished::Missing, Lang::Fr),
            "non disponible"
        );
    }

    #[test]
    fn provenance_names_the_bassin_level_and_other_places_plainly() {
        use crate::ranking::Place;
        let named = |level, nom: &str| LevelResult {
            level,
            place: Place {
                code: None,
                nom: Some(nom.into()),
            },
            status: crate::ranking::Status::Unpublished(Unpublished::Missing),
        };
        assert_eq!(
            provenance(&named(Level::Bassin, "Lyon Centre"), Lang::Fr),
            "Bassin d’emploi Lyon Centre"
        );
        assert_eq!(
            provenance(&named(Level::Departement, "Rhône"), Lang::Fr),
            "Rhône"
        );
        assert_eq!(
            provenance(&LevelResult::missing(Level::National), Lang::En),
            "France"
        );
    }

    #[test]
    fn measured_rate_uses_french_spacing() {
        let rate = Rate::from_fraction(0.635).unwrap();
        assert_eq!(
            measured_rate(rate, Lang::Fr),
            "Taux mesuré\u{a0}: 63,5\u{202F}%"
        );
        assert_eq!(measured_rate(rate, Lang::En), "Measured rate: 63.5%");
    }

    #[test]
    fn explainer_states_the_rule_the_classes_and_the_source() {
        for lang in [Lang::Fr, Lang::En] {
            let text = explainer(lang);
            assert!(text.secrecy.contains("60"), "{lang:?}");
            assert!(text.measures.contains(lang.pick("six mois", "six months")));
            assert!(
                text.source.contains("France Travail")
                    && text.source.contains("La Bonne Formation")
            );
            assert!(text
                .classes
                .contains(&band(Quintile::new(1).unwrap(), lang)));
            assert!(text
                .classes
                .contains(&band(Quintile::new(5).unwrap(), lang)));
        }
        assert!(explainer(Lang::Fr).classes.contains("moins de 43\u{202F}%"));
    }
}
