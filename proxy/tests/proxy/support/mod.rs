//! Test support: the proxy process, the fake France Travail, an HTTP client, the shared cases.

pub mod fake_france_travail;
pub mod process;

use std::path::PathBuf;

use serde_json::Value;

/// An answer: status, headers, body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    /// The body as JSON (panics with the body when it is not JSON: a test failure).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A GET with extra headers.
pub async fn get_with(url: &str, headers: &[(&str, &str)]) -> Answer {
    let client = reqwest::Client::new();
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap_or_default();
    Answer {
        status,
        headers,
        body,
    }
}

/// A plain GET.
pub async fn get(url: &str) -> Answer {
    get_with(url, &[]).await
}

/// The shared input cases (`tests/cases/inputs.json`).
pub fn inputs() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/inputs.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Upper case without accents, single spaces: compares a display name with the BMO table's label.
pub fn folded(text: &str) -> String {
    deunicode::deunicode(text)
        .to_ascii_uppercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The level object named `level` of a normalized answer.
pub fn level<'a>(answer: &'a Value, level: &str) -> &'a Value {
    answer["levels"]
        .as_array()
        .and_then(|levels| levels.iter().find(|l| l["level"] == level))
        .unwrap_or_else(|| panic!("no level {level} in {answer}"))
}
