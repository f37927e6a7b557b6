//! The secrecy rule at its boundary, at every level, through the normalized format; and property tests:
//! decoding never panics, and no decoded answer ever publishes a figure whose leavers break the rule.

use proptest::prelude::*;
use retour_emploi_core::decode::decode_body;
use retour_emploi_core::suppression::SuppressionRule;
use retour_emploi_core::wire::WireAnswer;
use retour_emploi_core::{Level, Ranking};
use serde_json::{json, Value};

fn answer_with(level: Level, leavers: u32) -> String {
    let mut levels = vec![
        json!({"level": level.as_str(), "status": "published", "quintile": 3, "leavers": leavers}),
    ];
    if level != Level::National {
        levels.push(
            json!({"level": "national", "status": "published", "quintile": 4, "leavers": 5000}),
        );
    }
    json!({"formacode": "31054", "levels": levels}).to_string()
}

fn status_at(level: Level, leavers: u32) -> &'static str {
    let ranking = decode_body(&answer_with(level, leavers)).unwrap();
    ranking.level(level).status.name()
}

#[test]
fn local_levels_publish_from_61_leavers() {
    for level in [Level::Bassin, Level::Departement, Level::Region] {
        assert_eq!(status_at(level, 59), "suppressed", "{level:?}");
        assert_eq!(status_at(level, 60), "suppressed", "{level:?}");
        assert_eq!(status_at(level, 61), "published", "{level:?}");
    }
}

#[test]
fn national_publishes_from_60_leavers_and_below_nothing_is_covered() {
    assert_eq!(status_at(Level::National, 61), "published");
    assert_eq!(status_at(Level::National, 60), "published");
    let ranking = decode_body(&answer_with(Level::National, 59)).unwrap();
    assert!(!ranking.covered());
}

#[test]
fn a_suppressed_level_carries_no_figure_on_the_wire() {
    let ranking = decode_body(&answer_with(Level::Bassin, 60)).unwrap();
    let wire = serde_json::to_value(WireAnswer::from(&ranking)).unwrap();
    let bassin = &wire["levels"][0];
    assert_eq!(bassin["status"], "suppressed");
    for key in ["quintile", "rate", "leavers"] {
        assert!(bassin.get(key).is_none(), "{key} leaked: {bassin}");
    }
}

fn assert_rule_holds(ranking: &Ranking) {
    for result in ranking.levels() {
        if let Some(leavers) = result.status.figure().and_then(|f| f.leavers) {
            assert!(
                SuppressionRule::publishes(result.level, leavers),
                "{:?} published with {leavers}",
                result.level
            );
        }
    }
    let national = ranking
        .level(Level::National)
        .status
        .figure()
        .and_then(|f| f.leavers);
    if national.is_some_and(|n| n < SuppressionRule::THRESHOLD) {
        assert!(!ranking.covered());
    }
}

/// Any JSON value, with a bias towards the keys and values the decoders look at.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("levels".to_owned()),
        Just("level".to_owned()),
        Just("status".to_owned()),
        Just("quintile".to_owned()),
        Just("rate".to_owned()),
        Just("leavers".to_owned()),
        Just("covered".to_owned()),
        Just("formacode".to_owned()),
        Just("commune".to_owned()),
        Just("taux-bassin".to_owned()),
        Just("taux-national".to_owned()),
        Just("codeinsee-bassin".to_owned()),
        Just("source".to_owned()),
        Just("message".to_owned()),
        Just("error".to_owned()),
        "[a-z-]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (0u32..200).prop_map(Value::from),
        prop_oneof![
            Just("published".to_owned()),
            Just("suppressed".to_owned()),
            Just("bassin".to_owned()),
            Just("national".to_owned()),
            Just("region".to_owned()),
            Just("departement".to_owned()),
            Just("0,6".to_owned()),
            Just(" 63 % ".to_owned()),
            Just("".to_owned()),
            ".{0,8}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decoding_arbitrary_json_never_panics_and_never_breaks_the_rule(value in json_value()) {
        if let Ok(ranking) = retour_emploi_core::decode::decode_value(&value) {
            assert_rule_holds(&ranking);
        }
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(body in ".{0,64}", status in 100u16..600) {
        let _ = retour_emploi_core::decode_response(status, Some("application/json"), &body);
    }

    #[test]
    fn any_leaver_counts_respect_the_rule(counts in prop::array::uniform4(proptest::option::of(0u32..200)), classes in prop::array::uniform4(1u8..=5)) {
        let levels: Vec<Value> = Level::ALL.iter().zip(counts).zip(classes).map(|((level, leavers), quintile)| {
            json!({"level": level.as_str(), "status": "published", "quintile": quintile, "leavers": leavers})
        }).collect();
        let ranking = decode_body(&json!({"levels": levels}).to_string()).unwrap();
        assert_rule_holds(&ranking);
        for (level, leavers) in Level::ALL.iter().zip(counts) {
            if let Some(n) = leavers {
                let should = SuppressionRule::publishes(*level, n) && counts[3].is_none_or(|national| national >= 60);
                prop_assert_eq!(ranking.level(*level).status.figure().is_some(), should);
            }
        }
    }

    #[test]
    fn the_wire_format_round_trips(value in json_value()) {
        if let Ok(ranking) = retour_emploi_core::decode::decode_value(&value) {
            let wire = serde_json::to_string(&WireAnswer::from(&ranking)).unwrap();
            let again = decode_body(&wire).unwrap();
            prop_assert_eq!(WireAnswer::from(&again), WireAnswer::from(&ranking));
        }
    }
}
