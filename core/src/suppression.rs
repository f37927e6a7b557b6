//! The statistical-secrecy rule, in one place.
//!
//! From France Travail's description of the API: training sectors with fewer than 60 leavers nationally
//! are excluded altogether; at the bassin, département and région levels, results are given only for
//! sectors with more than 60 leavers at that level. So the national figure is published at 60 leavers and
//! more, a local one at 61 and more. (A sibling document words the local rule as "masked if fewer than
//! 60"; the stricter published wording wins.)

use crate::level::Level;

/// The secrecy rule. Every published figure of every answer goes through [`SuppressionRule::publishes`]
/// whenever its number of leavers is known, whatever the source claimed.
#[derive(Clone, Copy, Debug)]
pub struct SuppressionRule;

impl SuppressionRule {
    /// The threshold of the rule: 60 leavers.
    pub const THRESHOLD: u32 = 60;

    /// Whether a figure computed over `leavers` people may be published at `level`: national at
    /// [`Self::THRESHOLD`] or more, local levels strictly above it.
    pub fn publishes(level: Level, leavers: u32) -> bool {
        if level.is_local() {
            leavers > Self::THRESHOLD
        } else {
            leavers >= Self::THRESHOLD
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_is_published_from_exactly_60_leavers() {
        assert!(!SuppressionRule::publishes(Level::National, 59));
        assert!(SuppressionRule::publishes(Level::National, 60));
        assert!(SuppressionRule::publishes(Level::National, 61));
    }

    #[test]
    fn local_levels_need_more_than_60_leavers() {
        for level in [Level::Bassin, Level::Departement, Level::Region] {
            assert!(!SuppressionRule::publishes(level, 59), "{level:?}");
            assert!(!SuppressionRule::publishes(level, 60), "{level:?}");
            assert!(SuppressionRule::publishes(level, 61), "{level:?}");
        }
    }
}
