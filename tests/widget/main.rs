//! Browser tests of the widget, in headless Chromium (`make test-widget`). One test binary, because each
//! links the whole widget; one module per behaviour area.
//!
//! Requests go through the widget's real fetch code; `support.js` replaces `window.fetch` at the
//! browser boundary to serve each test's answers (status, content type, body, delay), count requests
//! and record aborts. Every test uses its own proxy URL, so the page-life cache never links two tests.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod api;
mod attributes;
mod rendering;
mod requests;
mod responses;
