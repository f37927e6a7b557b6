//! The rate badge: the headline level's class as text and as five pips, its band, the exact rate when
//! the source gives one, and where the figure comes from.

use retour_emploi_core::{display, Lang, Quintile, Ranking};
use yew::prelude::*;

use crate::i18n::texts;

/// The rate badge. Renders nothing for a ranking without a headline.
///
/// A view function, not a component: it has no state, and each component costs the Wasm its own copy
/// of Yew's lifecycle code.
pub fn badge(ranking: &Ranking, lang: Lang) -> Html {
    let Some(headline) = ranking.headline() else {
        return Html::default();
    };
    let quintile = headline.figure.quintile;
    let place = ranking.level(headline.level);
    html! {
        <div
            class="badge"
            part="badge"
            data-level={headline.level.as_str()}
            data-quintile={quintile.get().to_string()}
        >
            <p class="badge-class">
                { pips(quintile) }
                <span class="class-short" aria-hidden="true">{ display::class_short(quintile, lang) }</span>
                <span class="sr">{ format!("{} {}", texts(lang).badge_label, display::class_spoken(quintile, lang)) }</span>
            </p>
            <p class="band">{ display::band(quintile, lang) }</p>
            if let Some(rate) = headline.figure.rate {
                <p class="rate">{ display::measured_rate(rate, lang) }</p>
            }
            <p class="provenance">{ display::provenance(place, lang) }</p>
        </div>
    }
}

/// Five pips, the first `quintile` filled: the class by position and shape, never by colour alone.
pub fn pips(quintile: Quintile) -> Html {
    html! {
        <span class="pips" aria-hidden="true">
            // Literal classes: a computed one goes through Yew's `Classes` (an index set) in the Wasm.
            { for (1..=5u8).map(|n| if n <= quintile.get() {
                html! { <span class="pip on"></span> }
            } else {
                html! { <span class="pip"></span> }
            }) }
        </span>
    }
}
