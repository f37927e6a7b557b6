//! Every case of `tests/cases/upstream-responses.json` and `tests/cases/inputs.json` (copied from the
//! project's shared case files), decoded and judged by core.

use retour_emploi_core::{decode_response, AttributeError, Lang, Level, Problem, RankRequest};
use serde_json::Value;

fn cases(file: &str) -> Value {
    let path = format!("{}/../tests/cases/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect("case file is JSON")
}

/// `levels` as the case file writes them: a class or `"-"`.
fn expected_levels(expect: &Value) -> Option<Vec<Option<u8>>> {
    expect
        .get("levels")?
        .as_array()
        .map(|levels| levels.iter().map(|l| l.as_u64().map(|q| q as u8)).collect())
}

#[test]
fn every_upstream_response_case_decodes_as_expected() {
    let file = cases("upstream-responses.json");
    let all = file["cases"].as_array().unwrap();
    assert!(all.len() >= 13, "the case file lost cases");
    for case in all {
        let name = case["name"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let content_type = case["content_type"].as_str();
        let body = case["body"].as_str().unwrap();
        let expect = &case["expect"];
        let outcome = decode_response(status, content_type, body);
        match expect["state"].as_str().unwrap() {
            "ready" => {
                let ranking = outcome.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                let levels: Vec<Option<u8>> = ranking
                    .levels()
                    .iter()
                    .map(|l| l.status.figure().map(|f| f.quintile.get()))
                    .collect();
                assert_eq!(Some(levels), expected_levels(expect), "{name}");
                if let Some(level) = expect.get("badge_level").and_then(Value::as_str) {
                    let headline = ranking.headline().unwrap();
                    assert_eq!(headline.level.as_str(), level, "{name}");
                    assert_eq!(
                        u64::from(headline.figure.quintile.get()),
                        expect["badge_quintile"].as_u64().unwrap(),
                        "{name}"
                    );
                }
                if expect.get("no_element_created_from_text").is_some() {
                    // Names are kept verbatim, as text: the renderer must never parse them.
                    assert_eq!(
                        ranking.commune().unwrap().nom.as_deref(),
                        Some("<img src=x onerror=alert(1)>"),
                        "{name}"
                    );
                    assert_eq!(
                        ranking.level(Level::National).place.nom.as_deref(),
                        Some("<b>France</b>"),
                        "{name}"
                    );
                }
            }
            "not-covered" => {
                let ranking = outcome.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert!(!ranking.covered(), "{name}");
                assert!(
                    ranking.levels().iter().all(|l| l.status.figure().is_none()),
                    "{name}"
                );
            }
            "error" => {
                let problem = outcome.expect_err(name);
                let says = expect["says"].as_str().unwrap();
                let message = problem.message(Lang::En).to_lowercase();
                let (words, retry) = match says.split_once(", retry offered") {
                    Some((words, _)) => (words, true),
                    None => (says, false),
                };
                assert!(
                    message.contains(words),
                    "{name}: {message:?} does not say {words:?}"
                );
                assert_eq!(problem.retryable(), retry, "{name}");
                assert!(!problem.message(Lang::Fr).is_empty());
            }
            other => panic!("{name}: unknown state {other}"),
        }
    }
}

#[test]
fn every_input_case_is_accepted_or_refused_as_expected() {
    let file = cases("inputs.json");
    let ok_commune = "69123";
    let ok_proxy = "https://example.org/v1/rank";
    for case in file["formacode"].as_array().unwrap() {
        check_input(case, "formacode", |v| {
            RankRequest::parse(Some(v), Some(ok_commune), Some(ok_proxy))
        });
    }
    for case in file["commune"].as_array().unwrap() {
        // 20004 and 99999 are well-formed codes; whether the commune exists is the proxy's answer.
        if case.get("ok").is_none()
            && case
                .get("error")
                .and_then(Value::as_str)
                .is_none_or(|e| e.contains("proxy"))
        {
            assert!(
                RankRequest::parse(Some("22435"), case["value"].as_str(), Some(ok_proxy)).is_ok()
            );
            continue;
        }
        check_input(case, "commune", |v| {
            RankRequest::parse(Some("22435"), Some(v), Some(ok_proxy))
        });
    }
    for case in file["proxy"].as_array().unwrap() {
        check_input(case, "proxy", |v| {
            RankRequest::parse(Some("22435"), Some(ok_commune), Some(v))
        });
        if let Some(request) = case.get("request").and_then(Value::as_str) {
            let url = RankRequest::parse(Some("22435"), Some(ok_commune), case["value"].as_str())
                .unwrap()
                .url();
            let expected = request.split(" (").next().unwrap();
            assert_eq!(url, expected);
        }
    }
    for case in file["lang"].as_array().unwrap() {
        let value = case["value"].as_str().unwrap();
        let fallback = case
            .get("note")
            .is_some_and(|n| n.as_str().unwrap().contains("fall back"));
        assert_eq!(Lang::parse(value).is_none(), fallback, "lang {value}");
    }
}

fn check_input(
    case: &Value,
    attribute: &str,
    parse: impl Fn(&str) -> Result<RankRequest, Vec<AttributeError>>,
) {
    let value = case["value"].as_str().unwrap();
    match case.get("error").and_then(Value::as_str) {
        None => {
            let request = parse(value).unwrap_or_else(|e| panic!("{attribute} {value:?}: {e:?}"));
            if attribute == "commune" && value.eq_ignore_ascii_case("2a004") {
                assert_eq!(request.commune.as_str(), "2A004");
            }
            if let Some(dep) = case.get("departement").and_then(Value::as_str) {
                assert_eq!(
                    request.commune.departement().unwrap().as_str(),
                    dep,
                    "{value}"
                );
            }
        }
        Some(error) => {
            let errors = parse(value).expect_err(value);
            assert_eq!(errors.len(), 1, "{attribute} {value:?}");
            assert_eq!(errors[0].attribute(), attribute);
            let message = errors[0].message(Lang::En);
            assert!(
                message.contains(error),
                "{attribute} {value:?}: {message:?} does not say {error:?}"
            );
            assert!(errors[0]
                .sentence(Lang::Fr)
                .starts_with(&format!("attribut {attribute}\u{a0}: ")));
        }
    }
}

#[test]
fn the_french_messages_of_the_error_cases_are_french() {
    let problem = decode_response(
        400,
        Some("application/json"),
        r#"{"source":"codeinseeville","message":"Code insee inconnu"}"#,
    )
    .unwrap_err();
    assert_eq!(
        problem.message(Lang::Fr),
        "Commune inconnue\u{a0}: ce code INSEE n’est pas reconnu."
    );
    assert!(matches!(
        decode_response(502, Some("text/plain"), "Bad Gateway"),
        Err(Problem::Unavailable { status: 502 })
    ));
}
