//! The element's attributes, read once at the edge into typed settings.
//!
//! `formacode`, `commune` and `proxy` are validated by `retour_emploi_core::RankRequest`; the others
//! (`lang`, `variant`, `theme`, `timeout`, `cache-ttl`) fall back to their default with a console warning
//! when a value is not understood, because a wrong presentation setting must not hide the data.

use retour_emploi_core::Lang;
use web_sys::Element;

/// Every attribute the element reads. The auto-mount copies `data-<name>` to `<name>`.
pub const NAMES: [&str; 8] = [
    "formacode",
    "commune",
    "proxy",
    "lang",
    "variant",
    "theme",
    "timeout",
    "cache-ttl",
];

/// Request timeout when the `timeout` attribute says nothing: long enough for a slow upstream, short
/// enough that a dead proxy ends in a retry button.
pub const DEFAULT_TIMEOUT_MS: u32 = 8_000;
const MAX_TIMEOUT_SECONDS: f64 = 120.0;

/// The attributes as the page wrote them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `formacode`.
    pub formacode: Option<String>,
    /// `commune`.
    pub commune: Option<String>,
    /// `proxy`.
    pub proxy: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `variant`.
    pub variant: Option<String>,
    /// `theme`.
    pub theme: Option<String>,
    /// `timeout`, in seconds.
    pub timeout: Option<String>,
    /// `cache-ttl`, in seconds: keep answers in `sessionStorage` that long.
    pub cache_ttl: Option<String>,
}

impl Attributes {
    /// Reads the attributes of an element.
    pub fn read(element: &Element) -> Attributes {
        let get = |name: &str| element.get_attribute(name);
        Attributes {
            formacode: get("formacode"),
            commune: get("commune"),
            proxy: get("proxy"),
            lang: get("lang"),
            variant: get("variant"),
            theme: get("theme"),
            timeout: get("timeout"),
            cache_ttl: get("cache-ttl"),
        }
    }
}

/// How much the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    /// Title, badge, breakdown and explainer.
    #[default]
    Full,
    /// Badge and breakdown, dense, no title.
    Compact,
    /// The badge alone, with the explainer one click away.
    Badge,
}

impl Variant {
    /// The variant's name, as the attribute writes it (and as the widget's `data-variant`, which the
    /// styles select on).
    pub fn name(self) -> &'static str {
        match self {
            Variant::Full => "full",
            Variant::Compact => "compact",
            Variant::Badge => "badge",
        }
    }
}

/// Colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a light surface.
    #[default]
    Light,
    /// Light text on a dark surface.
    Dark,
    /// Follows the visitor's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// The theme's name, as the attribute writes it (and as the widget's `data-theme`, which the styles
    /// select on).
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The presentation and network settings, typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Display language.
    pub lang: Lang,
    /// How much is shown.
    pub variant: Variant,
    /// Colours.
    pub theme: Theme,
    /// Request timeout.
    pub timeout_ms: u32,
    /// `sessionStorage` lifetime of answers, when asked for.
    pub cache_ttl_seconds: Option<u32>,
}

impl Settings {
    /// Reads the presentation and network attributes; every value not understood is replaced by its
    /// default and explained in the returned warnings (English, for the console).
    pub fn read(attributes: &Attributes) -> (Settings, Vec<String>) {
        let mut warnings = Vec::new();
        let mut warn = |name: &str, value: &str, expected: &str, fallback: &str| {
            warnings.push(format!(
                "retour-emploi: {name}=\"{value}\" is not understood ({expected}); using {fallback}"
            ));
        };
        let lang = match attributes.lang.as_deref() {
            None => Lang::Fr,
            Some(value) => Lang::parse(value).unwrap_or_else(|| {
                warn("lang", value, "fr or en", "French");
                Lang::Fr
            }),
        };
        let variant = match attributes.variant.as_deref().map(str::trim) {
            None | Some("") => Variant::Full,
            Some(v) if v.eq_ignore_ascii_case("full") => Variant::Full,
            Some(v) if v.eq_ignore_ascii_case("compact") => Variant::Compact,
            Some(v) if v.eq_ignore_ascii_case("badge") => Variant::Badge,
            Some(value) => {
                warn("variant", value, "full, compact or badge", "full");
                Variant::Full
            }
        };
        let theme = match attributes.theme.as_deref().map(str::trim) {
            None | Some("") => Theme::Light,
            Some(v) if v.eq_ignore_ascii_case("light") => Theme::Light,
            Some(v) if v.eq_ignore_ascii_case("dark") => Theme::Dark,
            Some(v) if v.eq_ignore_ascii_case("auto") => Theme::Auto,
            Some(value) => {
                warn("theme", value, "light, dark or auto", "light");
                Theme::Light
            }
        };
        let timeout_ms = match attributes.timeout.as_deref() {
            None => DEFAULT_TIMEOUT_MS,
            Some(value) => match retour_emploi_core::number::parse_decimal(value.trim()) {
                Some(seconds) if seconds > 0.0 && seconds <= MAX_TIMEOUT_SECONDS => {
                    (seconds * 1000.0).round() as u32
                }
                _ => {
                    warn(
                        "timeout",
                        value,
                        "seconds, more than 0 and at most 120",
                        "8 seconds",
                    );
                    DEFAULT_TIMEOUT_MS
                }
            },
        };
        let cache_ttl_seconds = match attributes.cache_ttl.as_deref() {
            None => None,
            Some(value) => match value.trim().parse::<u32>() {
                Ok(0) => None,
                Ok(seconds) => Some(seconds),
                Err(_) => {
                    warn(
                        "cache-ttl",
                        value,
                        "a whole number of seconds",
                        "no sessionStorage cache",
                    );
                    None
                }
            },
        };
        (
            Settings {
                lang,
                variant,
                theme,
                timeout_ms,
                cache_ttl_seconds,
            },
            warnings,
        )
    }
}
