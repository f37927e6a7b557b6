//! The widget: reads its attributes, runs the request, and shows the state.

use retour_emploi_core::{display, AttributeError, Lang, RankRequest, Ranking};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::attributes::{Attributes, Settings, Variant};
use crate::components::badge::badge;
use crate::components::breakdown::breakdown;
use crate::components::error_panel::error_panel;
use crate::components::explainer::Explainer;
use crate::components::skeleton::skeleton;
use crate::element::{publish_state, Connected};
use crate::fetch::{self, FetchOptions, Subscription};
use crate::i18n::texts;
use crate::panic;
use crate::state::{Action, Phase, StateDetail, WidgetState};

/// The app's properties: the host element and its attributes.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The `<retour-emploi>` element.
    pub host: HtmlElement,
    /// Its attributes.
    pub attributes: Attributes,
    /// Whether this widget's code panicked before (it then shows an internal error).
    pub crashed: bool,
    /// Whether the element is still connected (see [`Connected`]).
    pub connected: Connected,
}

/// What identifies a request: a change of any of these sends a new one.
#[derive(Clone, Debug, PartialEq)]
struct RequestKey {
    formacode: Option<String>,
    commune: Option<String>,
    proxy: Option<String>,
    options: FetchOptions,
    retries: u32,
    crashed: bool,
}

/// The widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let _running = panic::enter(&props.host);
    if !props.crashed {
        panic::panic_if_asked(&props.host);
    }
    props.connected.rendering();
    let attributes = &props.attributes;
    let read = use_memo(attributes.clone(), Settings::read);
    let (settings, warnings) = (&read.0, &read.1);
    // Each warning once: when another attribute goes wrong, the ones already logged are not repeated.
    let logged = use_mut_ref(Vec::<String>::new);
    let connected = props.connected.clone();
    use_effect_with(warnings.clone(), move |warnings| {
        if !connected.is_live() {
            return;
        }
        let mut logged = logged.borrow_mut();
        for warning in warnings.iter().filter(|w| !logged.contains(w)) {
            web_sys::console::warn_1(&warning.into());
        }
        logged.clone_from(warnings);
    });

    let state = use_reducer(WidgetState::default);
    let generation = use_mut_ref(|| 0u64);
    let latest_generation = generation.clone();
    let subscription = use_mut_ref(|| None::<Subscription>);
    let retries = use_state(|| 0u32);

    let key = RequestKey::of(attributes, settings, *retries, props.crashed);
    {
        let state = state.clone();
        let host = props.host.clone();
        let connected = props.connected.clone();
        use_effect_with(key, move |key| {
            *generation.borrow_mut() += 1;
            let this_generation = *generation.borrow();
            if !connected.is_live() {
                // Removed before this first render: nothing to ask for.
            } else if key.crashed {
                state.dispatch(Action::Crash);
            } else {
                match request_of(key) {
                    Err(errors) => state.dispatch(Action::BadAttributes(this_generation, errors)),
                    Ok((request, url)) => {
                        state.dispatch(Action::Start(this_generation));
                        let dispatcher = state.dispatcher();
                        let on_outcome = move |outcome| {
                            let _running = panic::enter(&host);
                            dispatcher.dispatch(Action::Settle(this_generation, outcome));
                        };
                        let joined = fetch::subscribe(&url, &request, key.options, on_outcome);
                        *subscription.borrow_mut() = Some(joined);
                    }
                }
            }
            // Leaving: attributes changed, retry, or element removed.
            move || drop(subscription.borrow_mut().take())
        });
    }

    let detail = StateDetail::of(
        &state.phase,
        attributes.formacode.clone(),
        attributes.commune.clone(),
    );
    {
        let host = props.host.clone();
        let connected = props.connected.clone();
        let rendered_generation = state.generation;
        use_effect_with((detail, rendered_generation), move |(detail, rendered)| {
            // Right after the attributes change, this render still holds the previous request's state
            // (the effect above has just started the new request): publishing it would announce the old
            // answer under the new attributes. The new request's own state follows at once.
            if *rendered == *latest_generation.borrow() && connected.is_live() {
                publish_state(&host, detail);
            }
        });
    }

    let lang = settings.lang;
    let variant = settings.variant;
    let words = texts(lang);
    let on_retry = {
        let retries = retries.clone();
        let host = props.host.clone();
        Callback::from(move |()| {
            let _running = panic::enter(&host);
            retries.set(*retries + 1);
        })
    };
    let body = match &state.phase {
        Phase::Loading => skeleton(lang, variant),
        Phase::Ready(ranking) => html! {
            <>
                { demo_label(ranking, lang) }
                { badge(ranking, lang) }
                if variant != Variant::Badge {
                    { breakdown(ranking, lang) }
                }
                <Explainer host={props.host.clone()} {lang} />
            </>
        },
        Phase::NotCovered(ranking) => html! {
            <>
                { demo_label(ranking, lang) }
                <p class="panel notice" part="not-covered">{ display::not_covered(lang) }</p>
                <Explainer host={props.host.clone()} {lang} />
            </>
        },
        Phase::Failed(problem) => error_panel(
            words.error_title,
            &[problem.message(lang)],
            problem.retryable().then(|| on_retry.clone()),
            lang,
        ),
        Phase::BadAttributes(errors) => error_panel(
            words.attributes_title,
            &errors.iter().map(|e| e.sentence(lang)).collect::<Vec<_>>(),
            None,
            lang,
        ),
        Phase::Crashed => error_panel(
            words.error_title,
            &[words.internal_error.to_owned()],
            None,
            lang,
        ),
    };
    html! {
        <div
            class="widget"
            part="widget"
            data-variant={variant.name()}
            data-theme={settings.theme.name()}
            lang={lang.tag()}
            aria-busy={matches!(state.phase, Phase::Loading).then_some("true")}
        >
            if variant == Variant::Full {
                <p class="title" part="title">
                    <span class="title-main">{ words.title }</span>
                    <span class="title-sub">{ words.subtitle }</span>
                </p>
            }
            { body }
        </div>
    }
}

impl RequestKey {
    fn of(attributes: &Attributes, settings: &Settings, retries: u32, crashed: bool) -> RequestKey {
        RequestKey {
            formacode: attributes.formacode.clone(),
            commune: attributes.commune.clone(),
            proxy: attributes.proxy.clone(),
            options: FetchOptions {
                timeout_ms: settings.timeout_ms,
                session_ttl_seconds: settings.cache_ttl_seconds,
            },
            retries,
            crashed,
        }
    }
}

/// Sends the request a widget with these attributes is about to make, before its first render (see
/// [`fetch::send_early`]); the widget's effect joins it. Returns its URL; wrong attributes: nothing is
/// sent.
pub fn send_early(attributes: &Attributes) -> Option<String> {
    let key = RequestKey::of(attributes, &Settings::read(attributes).0, 0, false);
    let (request, url) = request_of(&key).ok()?;
    fetch::send_early(&url, &request, key.options);
    Some(url)
}

/// The request, or every wrong attribute (nothing is sent then).
fn request_of(key: &RequestKey) -> Result<(RankRequest, String), Vec<AttributeError>> {
    let request = RankRequest::parse(
        key.formacode.as_deref(),
        key.commune.as_deref(),
        key.proxy.as_deref(),
    )?;
    let url = fetch::resolve(&request).map_err(|error| vec![error])?;
    Ok((request, url))
}

fn demo_label(ranking: &Ranking, lang: Lang) -> Html {
    if ranking.is_demo() {
        html! { <p class="demo" part="demo">{ texts(lang).demo }</p> }
    } else {
        Html::default()
    }
}
