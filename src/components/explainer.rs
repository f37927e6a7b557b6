//! What the rate means, one click or key press away: a disclosure button (`aria-expanded`,
//! `aria-controls`) and its panel. Escape closes the panel and puts the focus back on the button.

use retour_emploi_core::{display, Lang};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::i18n::texts;
use crate::panic;

/// Ids are scoped to the widget's shadow root, so a fixed one is unique where it matters.
const PANEL_ID: &str = "retour-emploi-explainer";

/// The explainer's properties.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ExplainerProps {
    /// The `<retour-emploi>` element (the widget this explainer belongs to, for the panic hook).
    pub host: HtmlElement,
    /// Language.
    pub lang: Lang,
}

/// The explainer.
#[function_component(Explainer)]
pub fn explainer(props: &ExplainerProps) -> Html {
    let _running = panic::enter(&props.host);
    let open = use_state(|| false);
    let button = use_node_ref();
    let text = display::explainer(props.lang);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_key = {
        let open = open.clone();
        let button = button.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                event.stop_propagation();
                open.set(false);
                if let Some(button) = button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    html! {
        <div class="explainer" onkeydown={on_key}>
            <button
                ref={button}
                type="button"
                class="explain-toggle"
                part="explainer-toggle"
                aria-expanded={(*open).to_string()}
                aria-controls={PANEL_ID}
                onclick={toggle}
            >
                <span class="info-icon" aria-hidden="true">{ "i" }</span>
                <span class="explain-label">{ texts(props.lang).explain }</span>
            </button>
            <div id={PANEL_ID} class="explainer-panel" part="explainer" hidden={!*open}>
                <p class="explainer-heading">{ text.heading }</p>
                <p>{ text.measures }</p>
                <ul>{ for text.outcomes.iter().map(|outcome| html! { <li>{ *outcome }</li> }) }</ul>
                <p>{ text.exclusions }</p>
                <p>{ text.classes }</p>
                <p>{ text.secrecy }</p>
                <p class="source">{ text.source }</p>
                <p class="source">{ text.period }</p>
            </div>
        </div>
    }
}
