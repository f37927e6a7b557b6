//! The error state: what failed, in words, and a retry button when trying again may help.

use std::rc::Rc;

use retour_emploi_core::Lang;
use yew::prelude::*;

use crate::i18n::texts;
use crate::panic::use_panic_scope;

/// The error panel's properties.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ErrorPanelProps {
    /// First line.
    pub title: &'static str,
    /// What went wrong (one line per wrong attribute).
    pub lines: Rc<Vec<String>>,
    /// Offered when a retry may help.
    #[prop_or_default]
    pub retry: Option<Callback<()>>,
    /// Language.
    pub lang: Lang,
}

/// An error, announced to screen readers.
#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let _running = use_panic_scope();
    let lines = match props.lines.as_slice() {
        [line] => html! { <p class="error-detail">{ line }</p> },
        lines => html! {
            <ul class="error-detail">{ for lines.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
        },
    };
    html! {
        <div class="panel error" part="error" role="alert">
            <p class="error-title">{ props.title }</p>
            { lines }
            if let Some(retry) = &props.retry {
                <button type="button" class="button" part="retry" onclick={retry.reform(|_: MouseEvent| ())}>
                    { texts(props.lang).retry }
                </button>
            }
        </div>
    }
}
