//! The demo dataset: no answer carries a figure the secrecy rule forbids (property test over the real
//! geography and formacode list, checking the JSON the proxy serves), every case the widget must show
//! exists, and the documented example pairs (docs/proxy.md) behave as documented.

use std::sync::OnceLock;

use clap::Parser;
use proptest::prelude::*;
use retour_emploi_core::level::Level;
use retour_emploi_core::problem::{Problem, Refusal};
use retour_emploi_core::suppression::SuppressionRule;
use retour_emploi_core::{CommuneCode, Formacode};
use retour_emploi_proxy::config::Args;
use retour_emploi_proxy::http::{rank_answer, AppState};
use retour_emploi_proxy::service::Source;
use serde_json::Value;

use crate::support::level;

fn state() -> &'static AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE.get_or_init(|| {
        retour_emploi_proxy::state(&Args::parse_from(["retour-emploi-proxy", "--demo"]))
            .expect("demo state")
    })
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
    })
}

/// The JSON the proxy serves for a query string.
fn answer(query: &str) -> Result<Value, String> {
    runtime()
        .block_on(rank_answer(state(), Some(query)))
        .map(|(body, _)| serde_json::from_slice(&body.json).expect("JSON body"))
        .map_err(|e| e.body.message)
}

fn commune_codes() -> &'static Vec<String> {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: Vec<String> = state()
            .geography
            .communes()
            .map(|c| c.code.clone())
            .collect();
        codes.sort();
        codes
    })
}

/// What the rule demands of one served level.
fn check_level(item: &Value) -> Result<(), String> {
    let level = match item["level"].as_str() {
        Some("bassin") => Level::Bassin,
        Some("departement") => Level::Departement,
        Some("region") => Level::Region,
        Some("national") => Level::National,
        other => return Err(format!("unknown level {other:?}")),
    };
    let status = item["status"].as_str().unwrap_or_default();
    let figures = ["quintile", "rate", "leavers"].map(|k| item.get(k).is_some());
    match status {
        "published" => {
            let quintile = item["quintile"]
                .as_u64()
                .ok_or("published without a quintile")?;
            if !(1..=5).contains(&quintile) {
                return Err(format!("quintile {quintile}"));
            }
            if let Some(leavers) = item.get("leavers") {
                let leavers = leavers.as_u64().ok_or("leavers is not a count")? as u32;
                if !SuppressionRule::publishes(level, leavers) {
                    return Err(format!("{level:?} published with {leavers} leavers"));
                }
            }
            Ok(())
        }
        "suppressed" | "unavailable" if figures.iter().any(|&f| f) => {
            Err(format!("{status} level carries a figure: {item}"))
        }
        "suppressed" | "unavailable" => Ok(()),
        other => Err(format!("status {other:?}")),
    }
}

fn check_answer(json: &Value) -> Result<(), String> {
    if json["source"] != "demo" {
        return Err("not labelled demo".into());
    }
    let levels = json["levels"].as_array().ok_or("no levels")?;
    if levels.len() != 4 {
        return Err(format!("{} levels", levels.len()));
    }
    for item in levels {
        check_level(item).map_err(|e| format!("{e} in {json}"))?;
    }
    let published = levels.iter().any(|l| l["status"] == "published");
    if json["covered"] != published {
        return Err(format!("covered disagrees with the levels: {json}"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn no_demo_answer_carries_a_figure_the_rule_forbids(
        commune in 0usize..1_000_000,
        training in 0usize..1_000_000,
        any_formacode in 0u32..100_000,
        use_list in proptest::bool::weighted(0.9),
    ) {
        let codes = commune_codes();
        let commune = &codes[commune % codes.len()];
        let formacode = if use_list {
            let list = match &state().source {
                Source::Demo(data) => data.selection(),
                Source::Upstream(_) => unreachable!("demo state"),
            };
            list[training % list.len()].code.clone()
        } else {
            format!("{any_formacode:05}")
        };
        let known = match &state().source {
            Source::Demo(data) => data.knows(&Formacode::parse(&formacode).expect("five digits")),
            Source::Upstream(_) => unreachable!("demo state"),
        };
        match answer(&format!("formacode={formacode}&codeinseeville={commune}")) {
            Ok(json) => {
                prop_assert!(known, "{formacode} is not in the list, yet answered");
                check_answer(&json).map_err(TestCaseError::fail)?;
            }
            Err(message) => prop_assert!(
                !known && message.contains("unknown formacode"),
                "{formacode} near {commune}: {message}"
            ),
        }
    }
}

#[test]
fn a_formacode_outside_the_list_is_refused_as_unknown() {
    let error = runtime()
        .block_on(rank_answer(
            state(),
            Some("formacode=99999&codeinseeville=69123"),
        ))
        .expect_err("99999 is not a formacode of the list");
    assert_eq!(error.status, 404);
    let body = serde_json::to_value(&error.body).expect("JSON");
    assert_eq!(body["error"], "upstream-refused");
    assert_eq!(body["parameter"], "formacode");
    // What the widget reads from it: an unknown training, not "too few leavers".
    let read =
        retour_emploi_core::decode_response(404, Some("application/json"), &body.to_string());
    assert!(
        matches!(
            read,
            Err(Problem::Refused {
                refusal: Refusal::UnknownFormacode,
                ..
            })
        ),
        "{read:?}"
    );
}

#[test]
fn every_case_the_widget_shows_occurs_in_the_demo_dataset() {
    let Source::Demo(data) = &state().source else {
        unreachable!("demo state")
    };
    let mut seen = std::collections::BTreeSet::new();
    let codes = commune_codes();
    for (i, code) in codes.iter().enumerate().filter(|(i, _)| i % 97 == 0) {
        let commune = state()
            .geography
            .commune(&CommuneCode::parse(code).unwrap())
            .unwrap();
        for training in data.selection().iter().skip(i % 3).step_by(3) {
            let formacode = Formacode::parse(&training.code).unwrap();
            let ranking = data.ranking(&formacode, commune);
            let statuses: Vec<&str> = ranking.levels().iter().map(|l| l.status.name()).collect();
            seen.insert(statuses.join(","));
            for result in ranking.levels() {
                if let Some(figure) = result.status.figure() {
                    seen.insert(format!("class {}", figure.quintile.get()));
                }
            }
            let counts = data.counts(&formacode, commune).unwrap();
            for level in Level::ALL {
                let n = counts.leavers[level.index()];
                if (59..=61).contains(&n) {
                    seen.insert(format!("{} = {n}", level.as_str()));
                }
            }
        }
    }
    let expected = [
        "published,published,published,published",
        "suppressed,published,published,published",
        "suppressed,suppressed,published,published",
        "suppressed,suppressed,suppressed,published",
        "suppressed,suppressed,suppressed,suppressed",
        "class 1",
        "class 2",
        "class 3",
        "class 4",
        "class 5",
        "bassin = 59",
        "bassin = 60",
        "bassin = 61",
        "departement = 59",
        "departement = 60",
        "departement = 61",
        "region = 59",
        "region = 60",
        "region = 61",
        "national = 59",
        "national = 60",
        "national = 61",
    ];
    for case in expected {
        assert!(
            seen.contains(case),
            "no {case:?} in the demo dataset; seen {seen:?}"
        );
    }
}

#[test]
fn the_documented_example_pairs_show_what_docs_proxy_md_says() {
    let statuses = |json: &Value| -> Vec<String> {
        Level::ALL
            .iter()
            .map(|l| {
                level(json, l.as_str())["status"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let published = |json: &Value, name: &str| level(json, name)["status"] == "published";

    // Fully published, the bassin at exactly 61 leavers.
    let json = answer("formacode=42050&codeinseeville=69123").unwrap();
    assert_eq!(statuses(&json), ["published"; 4]);
    assert_eq!(level(&json, "bassin")["leavers"], 61);
    // Suppressed at the bassin only.
    let json = answer("formacode=31058&codeinseeville=69123").unwrap();
    assert_eq!(
        statuses(&json),
        ["suppressed", "published", "published", "published"]
    );
    // The bassin at exactly 60 leavers: suppressed.
    let json = answer("formacode=21523&codeinseeville=69123").unwrap();
    assert_eq!(
        statuses(&json),
        ["suppressed", "published", "published", "published"]
    );
    // Suppressed at the bassin and the département.
    let json = answer("formacode=32669&codeinseeville=69123").unwrap();
    assert_eq!(
        statuses(&json),
        ["suppressed", "suppressed", "published", "published"]
    );
    // The département at exactly 61 leavers: published, the bassin not.
    let json = answer("formacode=31012&codeinseeville=69123").unwrap();
    assert_eq!(level(&json, "departement")["leavers"], 61);
    assert!(!published(&json, "bassin") && published(&json, "departement"));
    // National only.
    let json = answer("formacode=31054&codeinseeville=2A004").unwrap();
    assert_eq!(
        statuses(&json),
        ["suppressed", "suppressed", "suppressed", "published"]
    );
    // Exactly 60 leavers nationally: covered, the national level only.
    let json = answer("formacode=22314&codeinseeville=69123").unwrap();
    assert_eq!(json["covered"], true);
    assert_eq!(level(&json, "national")["leavers"], 60);
    assert_eq!(
        statuses(&json),
        ["suppressed", "suppressed", "suppressed", "published"]
    );
    // Not covered: fewer than 60 leavers nationally (51), 59 for the second.
    for query in [
        "formacode=22435&codeinseeville=69123",
        "formacode=15031&codeinseeville=69123",
    ] {
        let json = answer(query).unwrap();
        assert_eq!(json["covered"], false, "{query}");
        assert_eq!(statuses(&json), ["suppressed"; 4], "{query}");
    }
    // A formacode of the list outside the demo selection: nothing published, as France Travail answers.
    let Source::Demo(data) = &state().source else {
        unreachable!("demo state")
    };
    let unselected = (10_000..100_000)
        .map(|n| Formacode::parse(&n.to_string()).expect("five digits"))
        .find(|f| data.knows(f) && !data.covers(f))
        .expect("the list holds formacodes outside the demo selection");
    let json = answer(&format!("formacode={unselected}&codeinseeville=69123")).unwrap();
    assert_eq!(json["covered"], false);
    assert_eq!(statuses(&json), ["unavailable"; 4]);
    // Error: a formacode outside the list.
    assert!(answer("formacode=99999&codeinseeville=69123")
        .unwrap_err()
        .contains("unknown formacode"));
    // Error: unknown commune.
    assert!(answer("formacode=42050&codeinseeville=99999")
        .unwrap_err()
        .contains("unknown commune"));
}
