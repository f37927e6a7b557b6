//! France Travail's format: `[{"formacode": "22435", "codeinsee-bassin": "52114", "taux-bassin": "",
//! "taux-departemental": "", "taux-regional": "0.4", "taux-national": "0.6"}]`, every value a string,
//! `""` for "not published"; numbers, `null`, missing keys and a bare object happen too.

use crate::json::{Json, Object};

use crate::codes::Formacode;
use crate::level::Level;
use crate::number::{read_number, read_text, NotANumber};
use crate::quintile::{class_of_upstream_value, ValueProblem};
use crate::ranking::{Figure, LevelResult, Place, Ranking, Status, Unpublished};

const BASSIN_CODE_KEY: &str = "codeinsee-bassin";
const FORMACODE_KEY: &str = "formacode";

/// Whether an object has the upstream shape.
pub(super) fn looks_upstream(object: &Object) -> bool {
    object.contains_key(BASSIN_CODE_KEY)
        || Level::ALL
            .iter()
            .any(|level| object.contains_key(level.upstream_key()))
}

/// The documented shape: an array with one object. An empty array means nothing is published. Items
/// that are not objects are skipped.
pub(super) fn decode_array(items: &[Json]) -> Ranking {
    match items.iter().find_map(Json::as_object) {
        Some(object) => decode_object(object),
        None => Ranking::new(None, None, None, [], true),
    }
}

/// One upstream object.
pub(super) fn decode_object(object: &Object) -> Ranking {
    let formacode =
        read_text(object.get(FORMACODE_KEY)).and_then(|text| Formacode::parse(&text).ok());
    let bassin_code = read_text(object.get(BASSIN_CODE_KEY));
    let levels = Level::ALL.map(|level| {
        let place = Place {
            code: if level == Level::Bassin {
                bassin_code.clone()
            } else {
                None
            },
            nom: None,
        };
        LevelResult {
            level,
            place,
            status: status_of(object.get(level.upstream_key())),
        }
    });
    Ranking::new(formacode, None, None, levels, true)
}

fn status_of(value: Option<&Json>) -> Status {
    match read_number(value) {
        Err(NotANumber::Absent) => Status::Unpublished(Unpublished::Missing),
        Err(NotANumber::Blank) => Status::Unpublished(Unpublished::NotPublished),
        Err(NotANumber::Unreadable(found)) => {
            Status::Unpublished(Unpublished::Invalid(ValueProblem::Unreadable(found)))
        }
        Ok(number) => match class_of_upstream_value(number) {
            Ok((quintile, rate)) => Status::Published(Figure {
                quintile,
                rate,
                leavers: None,
            }),
            Err(problem) => Status::Unpublished(Unpublished::Invalid(problem)),
        },
    }
}
