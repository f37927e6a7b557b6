//! Every request the widget sends, in one place.
//!
//! - Identical requests (same resolved URL) on one page share one fetch: widgets subscribe to it.
//! - Answers are kept for the page's life (successful ones, and refusals that a retry would not change);
//!   with a `cache-ttl`, successful answers are also kept in `sessionStorage` for that long (when any
//!   widget sharing the fetch has one; each reads it back with its own).
//! - A request is aborted when its timeout passes, and when its last subscriber leaves (attributes
//!   changed, element removed).
//! - Every answer, cached or not, goes through `retour_emploi_core::decode_response_with` (JSON parsed by
//!   the browser), so the secrecy rule is applied in the browser whatever the proxy did.
//! - The request is a plain CORS `fetch`: never `no-cors`, which would hide every answer.
//! - A connected element's request leaves before its first render ([`send_early`]): the network wait
//!   overlaps the rendering of the skeleton, and the widget's effect joins it. Until it does, nothing of
//!   this instance waits on the request (no closure, no timer), so a widget whose first render panics
//!   leaves nothing behind that could call into the dead instance.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use retour_emploi_core::proxy_url::ProxyUrlError;
use retour_emploi_core::{decode_response_with, AttributeError, Problem, RankRequest, Ranking};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/www/element.js")]
extern "C" {
    /// `fetch(url, {signal})`, its rejection marked as handled in JavaScript (see `www/element.js`).
    #[wasm_bindgen(js_name = fetchQuietly)]
    fn fetch_quietly(url: &str, signal: &web_sys::AbortSignal) -> js_sys::Promise;
}

/// What a request ends in: a ranking (geography completed from the requested commune) or a problem.
pub type Outcome = Result<Rc<Ranking>, Problem>;

type Subscriber = Box<dyn FnOnce(Outcome)>;

/// How to fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Abort after this long (the first subscriber's setting wins for a shared request).
    pub timeout_ms: u32,
    /// Keep successful answers in `sessionStorage` this long.
    pub session_ttl_seconds: Option<u32>,
}

enum Entry {
    InFlight(InFlight),
    Settled(Outcome),
}

struct InFlight {
    subscribers: Vec<(u64, Subscriber)>,
    /// Whether a subscriber has a `cache-ttl`: then the answer goes to `sessionStorage`.
    keep_in_session: bool,
    controller: AbortController,
    /// Sent early ([`send_early`]) and not yet awaited: the browser's promise, awaited once the first
    /// widget subscribes.
    unclaimed: Option<(js_sys::Promise, RankRequest)>,
    // The timeout, from the first subscription on; dropping the timer clears it.
    timer: Option<Timeout>,
}

#[derive(Default)]
struct Requests {
    entries: Entries,
    next_subscriber: u64,
}

/// Requests by URL. A page asks for a handful of URLs: a list searched in order does, and costs the
/// Wasm less than a hash map of its own.
#[derive(Default)]
struct Entries(Vec<(String, Entry)>);

impl Entries {
    fn position(&self, url: &str) -> Option<usize> {
        self.0.iter().position(|(u, _)| u == url)
    }

    fn get(&self, url: &str) -> Option<&Entry> {
        self.position(url).map(|i| &self.0[i].1)
    }

    fn get_mut(&mut self, url: &str) -> Option<&mut Entry> {
        self.position(url).map(|i| &mut self.0[i].1)
    }

    fn remove(&mut self, url: &str) -> Option<Entry> {
        self.position(url).map(|i| self.0.swap_remove(i).1)
    }

    fn insert(&mut self, url: String, entry: Entry) {
        match self.position(&url) {
            Some(i) => self.0[i].1 = entry,
            None => self.0.push((url, entry)),
        }
    }
}

thread_local! {
    static REQUESTS: RefCell<Requests> = RefCell::default();
}

/// A widget's interest in a request. Dropping it unsubscribes; the last one to leave aborts the fetch.
#[derive(Debug)]
pub struct Subscription {
    url: String,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let abandoned = REQUESTS.with(|requests| {
            let mut requests = requests.borrow_mut();
            let Some(Entry::InFlight(flight)) = requests.entries.get_mut(&self.url) else {
                return None;
            };
            flight.subscribers.retain(|(id, _)| *id != self.id);
            if flight.subscribers.is_empty() {
                requests.entries.remove(&self.url)
            } else {
                None
            }
        });
        if let Some(Entry::InFlight(flight)) = abandoned {
            flight.controller.abort();
        }
    }
}

/// The absolute URL of a request: relative proxy URLs are resolved against the page's `baseURI`, and the
/// result must still be http(s) (a `<base href>` could make it anything).
pub fn resolve(request: &RankRequest) -> Result<String, AttributeError> {
    let relative = request.url();
    let base = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten());
    let url = match base {
        Some(base) => web_sys::Url::new_with_base(&relative, &base),
        None => web_sys::Url::new(&relative),
    }
    .map_err(|_| {
        AttributeError::Proxy(ProxyUrlError::NotHttp(relative.chars().take(40).collect()))
    })?;
    match url.protocol().as_str() {
        "http:" | "https:" => Ok(url.href()),
        other => Err(AttributeError::Proxy(ProxyUrlError::NotHttp(
            other.to_owned(),
        ))),
    }
}

/// Asks for `url` (from [`resolve`]) on behalf of one widget. `on_outcome` is called once, maybe right
/// away (cached answer), unless the subscription is dropped first.
pub fn subscribe(
    url: &str,
    request: &RankRequest,
    options: FetchOptions,
    on_outcome: impl FnOnce(Outcome) + 'static,
) -> Subscription {
    let id = REQUESTS.with(|requests| {
        let mut requests = requests.borrow_mut();
        requests.next_subscriber += 1;
        requests.next_subscriber
    });
    let subscription = Subscription {
        url: url.to_owned(),
        id,
    };
    if let Some(outcome) = cached(url, request, options) {
        on_outcome(outcome);
        return subscription;
    }
    let on_outcome: Subscriber = Box::new(on_outcome);
    let joined = REQUESTS.with(
        |requests| match requests.borrow_mut().entries.get_mut(url) {
            Some(Entry::InFlight(flight)) => {
                flight.subscribers.push((id, on_outcome));
                flight.keep_in_session |= options.session_ttl_seconds.is_some();
                Ok(flight.unclaimed.take())
            }
            _ => Err(on_outcome),
        },
    );
    match joined {
        Ok(None) => {}
        Ok(Some((promise, request))) => wait_for(url, &request, options, promise),
        Err(on_outcome) => match start(url, options, Some((id, on_outcome)), None) {
            Ok(promise) => wait_for(url, request, options, promise),
            Err(first) => {
                if let Some((_, on_outcome)) = first {
                    on_outcome(Err(Problem::Network));
                }
            }
        },
    }
    subscription
}

/// Sends the request for `url` (from [`resolve`]) before any widget subscribes, unless it is answered or
/// in flight already: called when an element is connected, before its first render. Nothing waits on it
/// until [`subscribe`] joins it; [`forget_unclaimed`] aborts it if no widget does.
pub fn send_early(url: &str, request: &RankRequest, options: FetchOptions) {
    let known = REQUESTS.with(|requests| requests.borrow().entries.get(url).is_some());
    if known || cached(url, request, options).is_some() {
        return;
    }
    // Without an `AbortController` nothing is sent now; the widget's own request says what failed.
    let _ = start(url, options, None, Some(request));
}

/// Aborts the request for `url` sent early, if no widget joined it (its element left before rendering).
pub fn forget_unclaimed(url: &str) {
    let unclaimed = REQUESTS.with(|requests| {
        let mut requests = requests.borrow_mut();
        match requests.entries.get(url) {
            Some(Entry::InFlight(flight))
                if flight.subscribers.is_empty() && flight.unclaimed.is_some() =>
            {
                requests.entries.remove(url)
            }
            _ => None,
        }
    });
    if let Some(Entry::InFlight(flight)) = unclaimed {
        flight.controller.abort();
    }
}

/// The page-life cache, then `sessionStorage` when asked for.
fn cached(url: &str, request: &RankRequest, options: FetchOptions) -> Option<Outcome> {
    let settled = REQUESTS.with(|requests| match requests.borrow().entries.get(url) {
        Some(Entry::Settled(outcome)) => Some(outcome.clone()),
        _ => None,
    });
    if settled.is_some() {
        return settled;
    }
    let ttl = options.session_ttl_seconds?;
    let (status, content_type, body) = session::read(url, ttl)?;
    let outcome = decode(&status, content_type.as_deref(), &body, request).ok()?;
    let outcome: Outcome = Ok(outcome);
    REQUESTS.with(|requests| {
        requests
            .borrow_mut()
            .entries
            .insert(url.to_owned(), Entry::Settled(outcome.clone()))
    });
    Some(outcome)
}

fn decode(
    status: &u16,
    content_type: Option<&str>,
    body: &str,
    request: &RankRequest,
) -> Result<Rc<Ranking>, Problem> {
    decode_response_with(*status, content_type, body, crate::json::parse)
        .map(|ranking| Rc::new(ranking.complete_geography(&request.commune)))
}

/// Sends the request: a new in-flight entry for `url`, with its first subscriber, or kept unclaimed for
/// `early` ([`send_early`]). Gives the subscriber back when the browser cannot make an `AbortController`.
fn start(
    url: &str,
    options: FetchOptions,
    first: Option<(u64, Subscriber)>,
    early: Option<&RankRequest>,
) -> Result<js_sys::Promise, Option<(u64, Subscriber)>> {
    let Ok(controller) = AbortController::new() else {
        return Err(first);
    };
    // The browser's fetch, straight: a wrapper would only add its error conversions to the Wasm (and
    // gloo-net's builder appends a stray `&` to URLs that have a query string).
    let promise = fetch_quietly(url, &controller.signal());
    REQUESTS.with(|requests| {
        requests.borrow_mut().entries.insert(
            url.to_owned(),
            Entry::InFlight(InFlight {
                subscribers: first.into_iter().collect(),
                keep_in_session: options.session_ttl_seconds.is_some(),
                controller,
                unclaimed: early.map(|request| (promise.clone(), request.clone())),
                timer: None,
            }),
        )
    });
    Ok(promise)
}

/// Waits for the answer to the request in flight for `url`, within the timeout, then settles it.
fn wait_for(url: &str, request: &RankRequest, options: FetchOptions, promise: js_sys::Promise) {
    let timed_out = Rc::new(std::cell::Cell::new(false));
    REQUESTS.with(|requests| {
        if let Some(Entry::InFlight(flight)) = requests.borrow_mut().entries.get_mut(url) {
            let controller = flight.controller.clone();
            let timed_out = timed_out.clone();
            flight.timer = Some(Timeout::new(options.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            }));
        }
    });
    let url = url.to_owned();
    let request = request.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = async {
            let response: web_sys::Response = JsFuture::from(promise)
                .await
                .map_err(drop)?
                .dyn_into()
                .map_err(drop)?;
            let content_type = response.headers().get("content-type").ok().flatten();
            let body = JsFuture::from(response.text().map_err(drop)?)
                .await
                .map_err(drop)?
                .as_string()
                .ok_or(())?;
            Ok::<_, ()>((response.status(), content_type, body))
        }
        .await;
        let outcome = match &answer {
            Ok((status, content_type, body)) => {
                decode(status, content_type.as_deref(), body, &request)
            }
            Err(_) if timed_out.get() => Err(Problem::Timeout),
            Err(_) => Err(Problem::Network),
        };
        settle(&url, outcome, answer.ok());
    });
}

fn settle(url: &str, outcome: Outcome, answer: Option<(u16, Option<String>, String)>) {
    let keep = match &outcome {
        Ok(_) => true,
        Err(problem) => !problem.retryable(),
    };
    let flight = REQUESTS.with(|requests| {
        let mut requests = requests.borrow_mut();
        // Absent when every subscriber left: the answer is dropped (the fetch was aborted anyway).
        match requests.entries.remove(url) {
            Some(Entry::InFlight(flight)) => {
                if keep {
                    requests
                        .entries
                        .insert(url.to_owned(), Entry::Settled(outcome.clone()));
                }
                Some(flight)
            }
            Some(settled) => {
                requests.entries.insert(url.to_owned(), settled);
                None
            }
            None => None,
        }
    });
    let Some(flight) = flight else {
        return;
    };
    match (&outcome, flight.keep_in_session, answer) {
        (Ok(_), true, Some((status, content_type, body))) => {
            session::write(url, status, content_type.as_deref(), &body)
        }
        (Err(problem), _, _) => web_sys::console::warn_1(
            &format!(
                "retour-emploi: {url}: {} ({})",
                problem.integrator_hint(),
                problem.kind()
            )
            .into(),
        ),
        _ => {}
    }
    for (_, subscriber) in flight.subscribers {
        subscriber(outcome.clone());
    }
}

/// Answers kept in `sessionStorage`: `<saved at, ms>\n<status>\n<content type>\n<body>`, re-decoded on
/// read (the rule is applied again, never trusted from storage).
mod session {
    const PREFIX: &str = "retour-emploi:v1:";

    fn storage() -> Option<web_sys::Storage> {
        // Throws when storage is disabled (privacy settings, sandboxed frames): then there is no cache.
        web_sys::window()?.session_storage().ok().flatten()
    }

    pub fn read(url: &str, ttl_seconds: u32) -> Option<(u16, Option<String>, String)> {
        let storage = storage()?;
        let text = storage.get_item(&format!("{PREFIX}{url}")).ok()??;
        let mut parts = text.splitn(4, '\n');
        // Written as whole milliseconds: read as an integer (parsing an f64 costs kilobytes of Wasm).
        let saved_at: u64 = parts.next()?.parse().ok()?;
        let status: u16 = parts.next()?.parse().ok()?;
        let content_type = Some(parts.next()?.to_owned()).filter(|t| !t.is_empty());
        let body = parts.next()?.to_owned();
        let age_ms = js_sys::Date::now() - saved_at as f64;
        if !(0.0..f64::from(ttl_seconds) * 1000.0).contains(&age_ms) {
            let _ = storage.remove_item(&format!("{PREFIX}{url}"));
            return None;
        }
        Some((status, content_type, body))
    }

    pub fn write(url: &str, status: u16, content_type: Option<&str>, body: &str) {
        let Some(storage) = storage() else {
            return;
        };
        let saved_at = js_sys::Date::now() as u64;
        let content_type = content_type.unwrap_or("").replace('\n', " ");
        // A full storage only means no cache.
        let _ = storage.set_item(
            &format!("{PREFIX}{url}"),
            &format!("{saved_at}\n{status}\n{content_type}\n{body}"),
        );
    }
}
