//! Prints pairs (formacode, commune) of the demo dataset for each case the widget must show: fully
//! published, suppressed at the bassin, at the bassin and the département, at every local level, not
//! covered, and counts at the threshold (59 / 60 / 61 leavers). Used to pick the documented examples:
//! `cargo run -p retour-emploi-proxy --example demo_cases`.

use retour_emploi_core::level::Level;
use retour_emploi_core::{CommuneCode, Formacode};
use retour_emploi_proxy::demo::DemoData;
use retour_emploi_proxy::formacodes::Formacodes;
use retour_emploi_proxy::geography::Geography;

/// Large, well-known communes first: the examples should be places people recognise.
const COMMUNES: [&str; 12] = [
    "69123", "75056", "13055", "31555", "33063", "59350", "44109", "67482", "35238", "2A004",
    "97411", "75101",
];

fn main() -> Result<(), String> {
    let geography = Geography::embedded()?;
    let formacodes = Formacodes::embedded()?;
    let data = DemoData::new(&formacodes);
    let mut shown = std::collections::BTreeMap::<String, usize>::new();
    for commune in COMMUNES {
        let code = CommuneCode::parse(commune).map_err(|e| e.to_string())?;
        let Some(place) = geography.commune(&code) else {
            return Err(format!("{commune} is not in the geography table"));
        };
        for training in data.selection() {
            let formacode = Formacode::parse(&training.code).map_err(|e| e.to_string())?;
            let ranking = data.ranking(&formacode, place);
            let statuses: Vec<&str> = ranking.levels().iter().map(|l| l.status.name()).collect();
            let case = match statuses[..] {
                ["published", "published", "published", "published"] => "fully published",
                ["suppressed", "published", "published", "published"] => "suppressed: bassin",
                ["suppressed", "suppressed", "published", "published"] => {
                    "suppressed: bassin, departement"
                }
                ["suppressed", "suppressed", "suppressed", "published"] => {
                    "suppressed: every local level"
                }
                _ if !ranking.covered() => "not covered",
                _ => "other",
            };
            let counts = data.counts(&formacode, place).map(|c| c.leavers);
            let edge = counts.and_then(|leavers| {
                Level::ALL
                    .into_iter()
                    .find(|l| (59..=61).contains(&leavers[l.index()]))
                    .map(|l| format!("threshold: {} = {}", l.as_str(), leavers[l.index()]))
            });
            for label in [Some(case.to_owned()), edge].into_iter().flatten() {
                let count = shown.entry(label.clone()).or_default();
                if *count < 3 {
                    println!(
                        "{label:40} formacode {} ({}) near {commune} ({}): leavers {:?}, classes {:?}",
                        training.code,
                        training.libelle,
                        place.nom,
                        counts,
                        ranking
                            .levels()
                            .iter()
                            .map(|l| l.status.figure().map(|f| f.quintile.get()))
                            .collect::<Vec<_>>()
                    );
                }
                *count += 1;
            }
        }
    }
    for (label, count) in shown {
        println!("{count:6} pairs: {label}");
    }
    Ok(())
}
