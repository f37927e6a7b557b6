//! Every geography case of the shared `inputs.json`, through a demo-mode proxy process.

use crate::support::process::Proxy;
use crate::support::{folded, get, inputs, level};

#[tokio::test]
async fn every_shared_commune_case_gets_its_territories_or_a_clear_error() {
    let proxy = Proxy::demo(&[]).await;
    let cases = inputs();
    let communes = cases["commune"].as_array().expect("commune cases");
    assert!(communes.len() >= 8);
    for case in communes {
        let value = case["value"].as_str().unwrap();
        let answer =
            get(&proxy.url(&format!("/v1/rank?formacode=31054&codeinseeville={value}"))).await;
        let about = format!("commune {value:?}: {} {}", answer.status, answer.body);
        if case["ok"] == true {
            assert_eq!(answer.status, 200, "{about}");
            let json = answer.json();
            assert!(
                json["commune"]["nom"]
                    .as_str()
                    .is_some_and(|n| !n.is_empty()),
                "{about}"
            );
            if let Some(dep) = case["departement"].as_str() {
                assert_eq!(level(&json, "departement")["code"], dep, "{about}");
                assert!(level(&json, "departement")["nom"].is_string(), "{about}");
            }
            if let Some(region) = case["region"].as_str() {
                assert_eq!(level(&json, "region")["code"], region, "{about}");
                assert!(level(&json, "region")["nom"].is_string(), "{about}");
            }
            if let Some(bassin) = case["bassin"].as_str() {
                let nom = level(&json, "bassin")["nom"].as_str().unwrap_or_default();
                assert_eq!(folded(nom), bassin, "{about}");
            }
            assert_eq!(level(&json, "national")["nom"], "France", "{about}");
        } else if value == "99999" {
            assert_eq!(answer.status, 404, "{about}");
            assert_eq!(answer.json()["error"], "unknown-commune", "{about}");
            assert!(
                answer.json()["message"].as_str().unwrap().contains("99999"),
                "{about}"
            );
        } else if value == "20004" {
            // The reference tables know it: the pre-1976 code of Ajaccio.
            assert_eq!(answer.status, 200, "{about}");
            let json = answer.json();
            assert_eq!(json["commune"]["nom"], "Ajaccio", "{about}");
            assert_eq!(level(&json, "departement")["code"], "2A", "{about}");
            assert_eq!(level(&json, "region")["code"], "94", "{about}");
        } else {
            assert_eq!(answer.status, 400, "{about}");
            let json = answer.json();
            assert_eq!(json["error"], "invalid-parameter", "{about}");
            assert_eq!(json["parameter"], "codeinseeville", "{about}");
            let expected = case["error"].as_str().unwrap();
            assert!(
                json["message"].as_str().unwrap().contains(expected),
                "{about}"
            );
        }
    }
}

#[tokio::test]
async fn names_and_codes_of_the_documented_places() {
    let proxy = Proxy::demo(&[]).await;
    let expect = [
        // commune, its name, bassin, département, région
        (
            "69123",
            "Lyon",
            "Lyon Centre",
            ("69", "Rhône"),
            ("84", "Auvergne-Rhône-Alpes"),
        ),
        (
            "2a004",
            "Ajaccio",
            "Ajaccio",
            ("2A", "Corse-du-Sud"),
            ("94", "Corse"),
        ),
        (
            "97411",
            "Saint-Denis",
            "Réunion Nord",
            ("974", "La Réunion"),
            ("04", "La Réunion"),
        ),
        (
            "75101",
            "Paris 1er Arrondissement",
            "T1 Paris",
            ("75", "Paris"),
            ("11", "Île-de-France"),
        ),
        (
            "97701",
            "Saint-Barthélemy",
            "Bassin Îles du Nord",
            ("977", "Saint-Barthélemy"),
            ("977", "Saint-Barthélemy"),
        ),
        (
            "97102",
            "Anse-Bertrand",
            "Bassin Grande-Terre",
            ("971", "Guadeloupe"),
            ("01", "Guadeloupe"),
        ),
    ];
    for (code, nom, bassin, dep, region) in expect {
        let answer = get(&proxy.url(&format!("/v1/rank?formacode=31054&commune={code}"))).await;
        assert_eq!(answer.status, 200, "{code}: {}", answer.body);
        let json = answer.json();
        assert_eq!(json["commune"]["code"], code.to_ascii_uppercase());
        assert_eq!(json["commune"]["nom"], nom, "{code}");
        assert_eq!(level(&json, "bassin")["nom"], bassin, "{code}");
        assert_eq!(level(&json, "departement")["code"], dep.0, "{code}");
        assert_eq!(level(&json, "departement")["nom"], dep.1, "{code}");
        assert_eq!(level(&json, "region")["code"], region.0, "{code}");
        assert_eq!(level(&json, "region")["nom"], region.1, "{code}");
    }
    // An arrondissement shares the bassin of its commune.
    let paris = get(&proxy.url("/v1/rank?formacode=31054&commune=75056"))
        .await
        .json();
    let first = get(&proxy.url("/v1/rank?formacode=31054&commune=75101"))
        .await
        .json();
    assert_eq!(
        level(&paris, "bassin")["code"],
        level(&first, "bassin")["code"]
    );
}

#[tokio::test]
async fn communes_are_found_by_name_without_accents_or_by_code() {
    let proxy = Proxy::demo(&[]).await;
    let hits = get(&proxy.url("/v1/communes?q=saint%20etienne"))
        .await
        .json();
    assert_eq!(hits[0]["code"], "42218");
    assert_eq!(hits[0]["nom"], "Saint-Étienne");
    assert_eq!(hits[0]["departement"]["nom"], "Loire");
    let hits = get(&proxy.url("/v1/communes?q=LYON&limit=3")).await.json();
    assert_eq!(hits.as_array().unwrap().len(), 3);
    assert_eq!(hits[0]["code"], "69123");
    let hits = get(&proxy.url("/v1/communes?q=2a00")).await.json();
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["code"].as_str().unwrap().starts_with("2A00")));
    // Larger communes first: Ajaccio.
    assert_eq!(hits[0]["code"], "2A004");
    let hits = get(&proxy.url("/v1/communes?q=zzzzqx")).await.json();
    assert_eq!(hits.as_array().unwrap().len(), 0);
    let missing = get(&proxy.url("/v1/communes")).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.json()["parameter"], "q");
    let bad_limit = get(&proxy.url("/v1/communes?q=lyon&limit=500")).await;
    assert_eq!(bad_limit.status, 400);
    assert_eq!(bad_limit.json()["parameter"], "limit");
}

#[tokio::test]
async fn demo_formacodes_are_found_by_label_or_code() {
    let proxy = Proxy::demo(&[]).await;
    let hits = get(&proxy.url("/v1/formacodes?q=coiffure")).await.json();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["code"] == "42050"),
        "{hits}"
    );
    let hits = get(&proxy.url("/v1/formacodes?q=22435")).await.json();
    assert_eq!(hits[0]["libelle"], "Menuiserie");
}
