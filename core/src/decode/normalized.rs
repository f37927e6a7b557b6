//! The normalized format (see [`crate::wire`]), read leniently: numbers may come as strings, a bad field
//! makes its level unavailable, unknown keys are ignored.

use crate::json::{Json, Object};

use crate::codes::Formacode;
use crate::level::Level;
use crate::number::{found_text, read_count, read_number, read_text, NotANumber};
use crate::quintile::{Quintile, Rate, ValueProblem};
use crate::ranking::{Figure, LevelResult, Place, Ranking, Status, Unpublished};

/// Whether an object has the normalized shape.
pub(super) fn looks_normalized(object: &Object) -> bool {
    object.contains_key("levels") || object.contains_key("covered")
}

pub(super) fn decode(object: &Object) -> Ranking {
    let formacode =
        read_text(object.get("formacode")).and_then(|text| Formacode::parse(&text).ok());
    let commune = object.get("commune").and_then(Json::as_object).map(place);
    let source = read_text(object.get("source"));
    let covered = object
        .get("covered")
        .and_then(Json::as_bool)
        .unwrap_or(true);
    let levels = object
        .get("levels")
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Json::as_object)
                .filter_map(level)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    Ranking::new(formacode, commune, source, levels, covered)
}

fn place(object: &Object) -> Place {
    Place {
        code: read_text(object.get("code")),
        nom: read_text(object.get("nom")),
    }
}

fn level(object: &Object) -> Option<LevelResult> {
    let level = Level::parse(object.get("level")?.as_str()?)?;
    Some(LevelResult {
        level,
        place: place(object),
        status: status(object),
    })
}

fn status(object: &Object) -> Status {
    let invalid = |problem| Status::Unpublished(Unpublished::Invalid(problem));
    let declared = object
        .get("status")
        .and_then(Json::as_str)
        .map(|s| s.trim().to_ascii_lowercase());
    match declared.as_deref() {
        Some("suppressed") => return Status::Unpublished(Unpublished::TooFewLeavers),
        Some("unavailable") => return Status::Unpublished(Unpublished::NotPublished),
        Some("published") | None => {}
        Some(other) => return invalid(ValueProblem::Unreadable(format!("status {other}"))),
    }
    let quintile = match read_number(object.get("quintile")) {
        Ok(n) if !n.percent && n.value.fract() == 0.0 && (1.0..=5.0).contains(&n.value) => {
            Quintile::new(n.value as u8)
        }
        Ok(_) => {
            return invalid(ValueProblem::NoSuchClass(found_text(
                object.get("quintile"),
            )))
        }
        Err(NotANumber::Absent | NotANumber::Blank) => None,
        Err(NotANumber::Unreadable(found)) => return invalid(ValueProblem::Unreadable(found)),
    };
    let rate = match read_number(object.get("rate")) {
        Ok(n) => match Rate::from_source(n) {
            Ok(rate) => Some(rate),
            Err(problem) => return invalid(problem),
        },
        Err(NotANumber::Absent | NotANumber::Blank) => None,
        Err(NotANumber::Unreadable(found)) => return invalid(ValueProblem::Unreadable(found)),
    };
    // A count that cannot be read cannot be checked against the secrecy rule: nothing is published.
    let leavers = match read_count(object.get("leavers")) {
        Ok(n) => Some(n),
        Err(NotANumber::Absent) => None,
        Err(NotANumber::Blank) => return invalid(ValueProblem::BadLeaverCount("\"\"".into())),
        Err(NotANumber::Unreadable(found)) => return invalid(ValueProblem::BadLeaverCount(found)),
    };
    match quintile.or_else(|| rate.map(Quintile::from_rate)) {
        Some(quintile) => Status::Published(Figure {
            quintile,
            rate,
            leavers,
        }),
        None => Status::Unpublished(Unpublished::Missing),
    }
}
