//! Fuzzes the decoder with arbitrary bodies and statuses: it must never panic, and whatever it decodes
//! must respect the secrecy rule. Run: `cargo fuzz run decode_response` (from core/, nightly).
#![no_main]

use libfuzzer_sys::fuzz_target;
use retour_emploi_core::suppression::SuppressionRule;

fuzz_target!(|input: (u16, &str)| {
    let (status, body) = input;
    if let Ok(ranking) = retour_emploi_core::decode_response(status, Some("application/json"), body) {
        for result in ranking.levels() {
            if let Some(leavers) = result.status.figure().and_then(|f| f.leavers) {
                assert!(SuppressionRule::publishes(result.level, leavers));
            }
        }
    }
});
