//! The loading state: the final layout with grey bones instead of text, line for line, so nothing jumps
//! when the answer arrives.

use retour_emploi_core::Lang;
use yew::prelude::*;

use crate::attributes::Variant;
use crate::i18n::texts;

fn bone(width: &'static str) -> Html {
    html! { <span class={classes!("bone", width)}></span> }
}

/// The loading state, in the layout of `variant`. A view function, not a component (see `badge`).
pub fn skeleton(lang: Lang, variant: Variant) -> Html {
    let small = variant == Variant::Badge;
    html! {
        <div class="skeleton" part="skeleton" role="status">
            <span class="sr">{ texts(lang).loading }</span>
            <div class="badge" aria-hidden="true">
                <p class="badge-class">
                    <span class="pips">{ for (0..5).map(|_| html! { <span class="pip"></span> }) }</span>
                    { bone("w-class") }
                </p>
                <p class="band">{ bone("w-band") }</p>
                <p class="provenance">{ bone("w-place") }</p>
            </div>
            if variant != Variant::Badge {
                <div class="breakdown" aria-hidden="true">
                    <p class="breakdown-title">{ bone("w-title") }</p>
                    <ul class="rows">
                        // France has no name under its level's name.
                        { for (0..4).map(|row| html! {
                            <li class="row">
                                <span class="row-place">
                                    <span class="row-level">{ bone("w-level") }</span>
                                    if row < 3 {
                                        <span class="row-name">{ bone("w-name") }</span>
                                    }
                                </span>
                                <span class="row-value">{ bone("w-value") }</span>
                            </li>
                        }) }
                    </ul>
                </div>
            }
            <div class={classes!("explainer", small.then_some("small"))} aria-hidden="true">
                <span class="explain-toggle">
                    <span class="info-icon"></span>
                    <span class="explain-label">{ bone("w-explain") }</span>
                </span>
            </div>
        </div>
    }
}
