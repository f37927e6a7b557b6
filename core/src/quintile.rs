//! The five classes of the rate and the published cut-points between them.
//!
//! France Travail does not publish raw rates: it publishes a quintile score `0.2, 0.4, 0.6, 0.8, 1`
//! (class 1..5 divided by 5) over the distribution of rates of all trainings. The published cut-points
//! between the classes are 43 %, 53 %, 60 % and 68 %; a raw rate belongs to the class whose lower bound
//! it reaches (lower bound inclusive).

use std::fmt;

use crate::number::SourceNumber;

/// Lower bounds of classes 2..5, as fractions. The single source of the cut-points.
pub const CUT_POINTS: [f64; 4] = [0.43, 0.53, 0.60, 0.68];

/// Tolerance for comparing decoded decimals (0.6 written as "60 %" then divided by 100, say).
const EPSILON: f64 = 1e-9;

/// A class 1..=5 of the rate (1 lowest). Can only hold a valid class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quintile(u8);

impl Quintile {
    /// The class numbered `n`, if `n` is 1..=5.
    pub fn new(n: u8) -> Option<Quintile> {
        (1..=5).contains(&n).then_some(Quintile(n))
    }

    /// The class number, 1..=5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The class of a France Travail score `0.2, 0.4, 0.6, 0.8, 1`; `None` for any other value.
    pub fn from_score(score: f64) -> Option<Quintile> {
        (1..=5u8)
            .find(|&n| (score - f64::from(n) / 5.0).abs() < EPSILON)
            .map(Quintile)
    }

    /// The class a raw rate falls in (lower bound inclusive).
    pub fn from_rate(rate: Rate) -> Quintile {
        let above = CUT_POINTS
            .iter()
            .filter(|&&cut| rate.0 >= cut - EPSILON)
            .count();
        Quintile(above as u8 + 1)
    }

    /// The rates this class covers.
    pub fn band(self) -> Band {
        let i = usize::from(self.0) - 1;
        Band {
            lower: i.checked_sub(1).map(|j| CUT_POINTS[j]),
            upper: CUT_POINTS.get(i).copied(),
        }
    }
}

impl fmt::Display for Quintile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The range of raw rates of a class: `lower` inclusive, `upper` exclusive; `None` is open-ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Lowest rate of the class (absent for class 1).
    pub lower: Option<f64>,
    /// Rate where the next class starts (absent for class 5).
    pub upper: Option<f64>,
}

/// A raw rate of return to employment, as a fraction in `0.0..=1.0`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Rate(f64);

impl Rate {
    /// A rate given as a fraction (`0.63`).
    pub fn from_fraction(fraction: f64) -> Result<Rate, ValueProblem> {
        if fraction.is_nan() {
            Err(ValueProblem::NotANumber)
        } else if fraction < 0.0 {
            Err(ValueProblem::Negative)
        } else if fraction > 1.0 + EPSILON {
            Err(ValueProblem::AboveHundredPercent)
        } else {
            Ok(Rate(fraction.min(1.0)))
        }
    }

    /// A rate as a source wrote it: a fraction (`0.63`), or a percentage (`63`, or `"63 %"`). Values
    /// above 1 without a `%` sign are read as percentages; above 100 they are refused.
    pub fn from_source(number: SourceNumber) -> Result<Rate, ValueProblem> {
        let v = number.value;
        if v.is_nan() {
            return Err(ValueProblem::NotANumber);
        }
        if v < 0.0 {
            return Err(ValueProblem::Negative);
        }
        if number.percent || v > 1.0 {
            if v > 100.0 + EPSILON {
                return Err(ValueProblem::AboveHundredPercent);
            }
            return Rate::from_fraction(v / 100.0);
        }
        Rate::from_fraction(v)
    }

    /// The fraction, `0.0..=1.0`.
    pub fn fraction(self) -> f64 {
        self.0
    }
}

/// Why a value could not be read as a class or a rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueProblem {
    /// Text or a type that is not a number (what was found is kept, shortened).
    Unreadable(String),
    /// NaN.
    NotANumber,
    /// Below zero.
    Negative,
    /// Above 100 %.
    AboveHundredPercent,
    /// A class outside 1..=5.
    NoSuchClass(String),
    /// A figure published with a leaver count that cannot be read.
    BadLeaverCount(String),
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::Unreadable(found) => write!(f, "not a number: \"{found}\""),
            ValueProblem::NotANumber => f.write_str("not a number (NaN)"),
            ValueProblem::Negative => f.write_str("a negative rate"),
            ValueProblem::AboveHundredPercent => f.write_str("a rate above 100 %"),
            ValueProblem::NoSuchClass(found) => write!(f, "no class {found} (classes are 1 to 5)"),
            ValueProblem::BadLeaverCount(found) => {
                write!(f, "unreadable number of leavers: {found}")
            }
        }
    }
}

/// Reads a France Travail upstream value: a score `0.2..1` gives its class; any other number is taken as
/// a raw rate (fraction or percentage) and classed with the cut-points.
pub fn class_of_upstream_value(
    number: SourceNumber,
) -> Result<(Quintile, Option<Rate>), ValueProblem> {
    if !number.percent {
        if let Some(q) = Quintile::from_score(number.value) {
            return Ok((q, None));
        }
    }
    let rate = Rate::from_source(number)?;
    Ok((Quintile::from_rate(rate), Some(rate)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: u8) -> Quintile {
        Quintile::new(n).unwrap()
    }

    #[test]
    fn scores_map_to_classes() {
        assert_eq!(Quintile::from_score(0.2), Some(q(1)));
        assert_eq!(Quintile::from_score(0.4), Some(q(2)));
        assert_eq!(Quintile::from_score(0.6), Some(q(3)));
        assert_eq!(Quintile::from_score(0.8), Some(q(4)));
        assert_eq!(Quintile::from_score(1.0), Some(q(5)));
        assert_eq!(Quintile::from_score(0.0), None);
        assert_eq!(Quintile::from_score(0.5), None);
        assert_eq!(Quintile::from_score(1.2), None);
    }

    #[test]
    fn each_cut_point_belongs_to_the_class_above_it() {
        let rate = |f| Quintile::from_rate(Rate::from_fraction(f).unwrap());
        assert_eq!(rate(0.0), q(1));
        assert_eq!(rate(0.4299), q(1));
        assert_eq!(rate(0.43), q(2));
        assert_eq!(rate(0.5299), q(2));
        assert_eq!(rate(0.53), q(3));
        assert_eq!(rate(0.5999), q(3));
        assert_eq!(rate(0.60), q(4));
        assert_eq!(rate(0.6799), q(4));
        assert_eq!(rate(0.68), q(5));
        assert_eq!(rate(1.0), q(5));
    }

    #[test]
    fn percentages_hit_the_same_cut_points() {
        let pct = |v| {
            Quintile::from_rate(
                Rate::from_source(SourceNumber {
                    value: v,
                    percent: false,
                })
                .unwrap(),
            )
        };
        assert_eq!(pct(43.0), q(2));
        assert_eq!(pct(42.99), q(1));
        assert_eq!(pct(53.0), q(3));
        assert_eq!(pct(60.0), q(4));
        assert_eq!(pct(59.99), q(3));
        assert_eq!(pct(68.0), q(5));
        assert_eq!(pct(67.99), q(4));
        assert_eq!(pct(100.0), q(5));
    }

    #[test]
    fn impossible_rates_are_refused_with_a_reason() {
        let src = |value, percent| Rate::from_source(SourceNumber { value, percent });
        assert_eq!(src(-0.1, false), Err(ValueProblem::Negative));
        assert_eq!(src(100.5, false), Err(ValueProblem::AboveHundredPercent));
        assert_eq!(src(101.0, true), Err(ValueProblem::AboveHundredPercent));
        assert_eq!(src(f64::NAN, false), Err(ValueProblem::NotANumber));
        assert_eq!(src(0.5, true).map(Rate::fraction), Ok(0.005));
    }

    #[test]
    fn bands_follow_the_cut_points() {
        assert_eq!(
            q(1).band(),
            Band {
                lower: None,
                upper: Some(0.43)
            }
        );
        assert_eq!(
            q(4).band(),
            Band {
                lower: Some(0.60),
                upper: Some(0.68)
            }
        );
        assert_eq!(
            q(5).band(),
            Band {
                lower: Some(0.68),
                upper: None
            }
        );
    }

    #[test]
    fn upstream_scores_win_over_rates_for_exact_score_values() {
        let up = |value, percent| class_of_upstream_value(SourceNumber { value, percent });
        assert_eq!(up(0.6, false), Ok((q(3), None)));
        assert_eq!(up(0.63, false).map(|(c, _)| c), Ok(q(4)));
        assert_eq!(up(60.0, true).map(|(c, _)| c), Ok(q(4)));
    }
}
