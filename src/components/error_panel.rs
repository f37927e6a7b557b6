//! The error state: what failed, in words, and a retry button when trying again may help.

use retour_emploi_core::Lang;
use yew::prelude::*;

use crate::i18n::texts;

/// An error, announced to screen readers: `title`, then what went wrong (one line per wrong attribute),
/// and a retry button when `retry` is given. A view function, not a component (see `badge`).
pub fn error_panel(
    title: &'static str,
    lines: &[String],
    retry: Option<Callback<()>>,
    lang: Lang,
) -> Html {
    let lines = match lines {
        [line] => html! { <p class="error-detail">{ line }</p> },
        lines => html! {
            <ul class="error-detail">{ for lines.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
        },
    };
    html! {
        <div class="panel error" part="error" role="alert">
            <p class="error-title">{ title }</p>
            { lines }
            if let Some(retry) = retry {
                <button type="button" class="button" part="retry" onclick={retry.reform(|_: MouseEvent| ())}>
                    { texts(lang).retry }
                </button>
            }
        </div>
    }
}
