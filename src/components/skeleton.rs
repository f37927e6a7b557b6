//! The loading state: the final layout with grey bones instead of text, line for line, so nothing jumps
//! when the answer arrives.

use retour_emploi_core::Lang;
use yew::prelude::*;

use crate::attributes::Variant;
use crate::i18n::texts;

/// The loading state, in the layout of `variant`. A view function, not a component (see `badge`).
pub fn skeleton(lang: Lang, variant: Variant) -> Html {
    html! {
        <div class="skeleton" part="skeleton" role="status">
            <span class="sr">{ texts(lang).loading }</span>
            <div class="badge" aria-hidden="true">
                <p class="badge-class">
                    <span class="pips">{ for (0..5).map(|_| html! { <span class="pip"></span> }) }</span>
                    <span class="bone w-class"></span>
                </p>
                <p class="band"><span class="bone w-band"></span></p>
                <p class="provenance"><span class="bone w-place"></span></p>
            </div>
            if variant != Variant::Badge {
                <div class="breakdown" aria-hidden="true">
                    <p class="breakdown-title"><span class="bone w-title"></span></p>
                    <ul class="rows">
                        // France has no name under its level's name.
                        { for (0..4).map(|row| html! {
                            <li class="row">
                                <span class="row-place">
                                    <span class="row-level"><span class="bone w-level"></span></span>
                                    if row < 3 {
                                        <span class="row-name"><span class="bone w-name"></span></span>
                                    }
                                </span>
                                <span class="row-value"><span class="bone w-value"></span></span>
                            </li>
                        }) }
                    </ul>
                </div>
            }
            <div class="explainer" aria-hidden="true">
                <span class="explain-toggle">
                    <span class="info-icon"></span>
                    <span class="explain-label"><span class="bone w-explain"></span></span>
                </span>
            </div>
        </div>
    }
}
