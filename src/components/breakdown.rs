//! The geographic breakdown: bassin, département, région, France, in that order, each with its class or
//! the reason it is not published.

use retour_emploi_core::{display, Lang, LevelResult, Ranking, Status};
use yew::prelude::*;

use crate::components::badge::pips;
use crate::i18n::texts;

/// The four levels, most local first. A view function, not a component (see `badge`).
pub fn breakdown(ranking: &Ranking, lang: Lang) -> Html {
    let title = texts(lang).breakdown;
    html! {
        // A named group, not a `<section>`: a page with several widgets would hold several landmarks of
        // the same name, which screen-reader users cannot tell apart.
        <div class="breakdown" part="breakdown" role="group" aria-label={title}>
            <p class="breakdown-title" aria-hidden="true">{ title }</p>
            <ul class="rows" role="list">
                { for ranking.levels().iter().map(|result| row(result, lang)) }
            </ul>
        </div>
    }
}

fn row(result: &LevelResult, lang: Lang) -> Html {
    let status = result.status.name();
    let quintile = result.status.figure().map(|figure| figure.quintile);
    // The territory's own name under the level's name; a local level known only by its code shows it.
    let name = match (&result.place.nom, &result.place.code) {
        (Some(nom), _) if nom.as_str() != result.level.name(lang) => Some(nom.clone()),
        (None, Some(code)) if result.level.is_local() => Some(code.clone()),
        _ => None,
    };
    let value = match &result.status {
        Status::Published(figure) => html! {
            <>
                { pips(figure.quintile) }
                <span class="class-short" aria-hidden="true">{ display::class_short(figure.quintile, lang) }</span>
                <span class="sr">{ display::class_spoken(figure.quintile, lang) }</span>
            </>
        },
        Status::Unpublished(why) => html! {
            <span class="reason">{ display::unpublished_reason(result.level, why, lang) }</span>
        },
    };
    html! {
        <li
            class="row"
            part="row"
            data-level={result.level.as_str()}
            data-status={status}
            data-quintile={quintile.map(|q| q.get().to_string())}
        >
            <span class="row-place">
                <span class="row-level">{ result.level.name(lang) }</span>
                if let Some(name) = name {
                    <span class="row-name">{ name }</span>
                }
            </span>
            <span class="row-value">{ value }</span>
        </li>
    }
}
