//! The widget's states and their transitions: loading → ready / not covered / error, or a configuration
//! error without any request. Each request carries a generation number; an answer for an older
//! generation is dropped, so a newer request always wins.

use std::rc::Rc;

use retour_emploi_core::{AttributeError, CommuneCode, Formacode, Problem, Ranking};
use wasm_bindgen::JsValue;
use yew::Reducible;

use crate::fetch::Outcome;

/// What the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// A request is on its way.
    Loading,
    /// Something is published.
    Ready(Rc<Ranking>),
    /// Nothing can be published for this training.
    NotCovered(Rc<Ranking>),
    /// The request failed.
    Failed(Problem),
    /// Attributes are wrong; nothing was requested.
    BadAttributes(Rc<Vec<AttributeError>>),
    /// The widget's code panicked; the other widgets were moved to a fresh instance.
    Crashed,
}

impl Phase {
    /// The contract's `data-state`.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::Ready(_) => "ready",
            Phase::NotCovered(_) => "not-covered",
            Phase::Failed(_) | Phase::BadAttributes(_) | Phase::Crashed => "error",
        }
    }
}

/// The state of one widget.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetState {
    /// The generation of the latest request (or attribute check).
    pub generation: u64,
    /// What is shown.
    pub phase: Phase,
}

impl Default for WidgetState {
    fn default() -> Self {
        WidgetState {
            generation: 0,
            phase: Phase::Loading,
        }
    }
}

/// A transition.
pub enum Action {
    /// A request of this generation was sent.
    Start(u64),
    /// The answer to a request of this generation.
    Settle(u64, Outcome),
    /// The attributes of this generation are wrong.
    BadAttributes(u64, Vec<AttributeError>),
    /// The widget panicked.
    Crash,
}

impl Reducible for WidgetState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (generation, phase) = match action {
            Action::Start(generation) => (generation, Phase::Loading),
            Action::Settle(generation, _) if generation != self.generation => return self,
            Action::Settle(generation, Ok(ranking)) if ranking.covered() => {
                (generation, Phase::Ready(ranking))
            }
            Action::Settle(generation, Ok(ranking)) => (generation, Phase::NotCovered(ranking)),
            Action::Settle(generation, Err(problem)) => (generation, Phase::Failed(problem)),
            Action::BadAttributes(generation, errors) => {
                (generation, Phase::BadAttributes(Rc::new(errors)))
            }
            Action::Crash => (self.generation + 1, Phase::Crashed),
        };
        Rc::new(WidgetState { generation, phase })
    }
}

/// The detail of the `retour-emploi:state` event (public contract, docs/integrating.md §4): `state`, `formacode`, `commune`, and when
/// ready the badge's `level` and `quintile`; on errors, `reason` (`attribute`, `internal`, or the
/// problem's kind: `refused`, `not-data`, `unavailable`, `timeout`, `network`) and, for attribute
/// errors, the first wrong `attribute`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateDetail {
    /// `loading | ready | not-covered | error`.
    pub state: &'static str,
    /// The formacode attribute, as given.
    pub formacode: Option<String>,
    /// The commune attribute, as given.
    pub commune: Option<String>,
    /// The badge's level (absent otherwise, as are the fields below).
    pub level: Option<&'static str>,
    /// The badge's class.
    pub quintile: Option<u8>,
    /// Why there is an error.
    pub reason: Option<&'static str>,
    /// The first wrong attribute.
    pub attribute: Option<&'static str>,
}

impl StateDetail {
    /// The event's `detail` object: `formacode` and `commune` are `null` when not given; the other
    /// optional fields are left out when they have no value.
    pub fn to_js(&self) -> js_sys::Object {
        let detail = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(name), &value);
        };
        let text = |value: Option<&str>| value.map_or(JsValue::NULL, JsValue::from_str);
        set("state", JsValue::from_str(self.state));
        set("formacode", text(self.formacode.as_deref()));
        set("commune", text(self.commune.as_deref()));
        if let Some(level) = self.level {
            set("level", JsValue::from_str(level));
        }
        if let Some(quintile) = self.quintile {
            set("quintile", JsValue::from(quintile));
        }
        if let Some(reason) = self.reason {
            set("reason", JsValue::from_str(reason));
        }
        if let Some(attribute) = self.attribute {
            set("attribute", JsValue::from_str(attribute));
        }
        detail
    }

    /// The detail of a phase, for the attributes the page gave.
    pub fn of(phase: &Phase, formacode: Option<String>, commune: Option<String>) -> StateDetail {
        let headline = match phase {
            Phase::Ready(ranking) => ranking
                .headline()
                .map(|h| (h.level.as_str(), h.figure.quintile.get())),
            _ => None,
        };
        let (reason, attribute) = match phase {
            Phase::Failed(problem) => (Some(problem.kind()), None),
            Phase::BadAttributes(errors) => (
                Some("attribute"),
                errors.first().map(AttributeError::attribute),
            ),
            Phase::Crashed => (Some("internal"), None),
            _ => (None, None),
        };
        // Valid codes as the request used them (" 2a004 " → "2A004"); others as written, to show them.
        let formacode =
            formacode.map(|f| Formacode::parse(&f).map_or(f, |code| code.as_str().to_owned()));
        let commune =
            commune.map(|c| CommuneCode::parse(&c).map_or(c, |code| code.as_str().to_owned()));
        StateDetail {
            state: phase.name(),
            formacode,
            commune,
            level: headline.map(|h| h.0),
            quintile: headline.map(|h| h.1),
            reason,
            attribute,
        }
    }
}
