//! One stylesheet, parsed once and adopted by every widget's shadow root (constructable stylesheets: no
//! `<style>` element, so a strict `style-src` Content-Security-Policy does not block it). The styles
//! never reach the host page. Themable through `--retour-emploi-*` custom properties and `::part()`
//! (documented at the top of `www/widget.css`).

use web_sys::{CssStyleSheet, ShadowRoot};

/// The stylesheet as written: commented, one declaration per line.
const SOURCE: &[u8] = include_bytes!("../www/widget.css");

/// What ships: the stylesheet compacted at compile time (no comments, no indentation), a quarter
/// smaller in the Wasm, without a build script or a second copy of the file.
const CSS: &str = match std::str::from_utf8(&COMPACT) {
    Ok(css) => css,
    Err(_) => panic!("www/widget.css is not UTF-8"),
};
const COMPACT_LEN: usize = compact::<0>(SOURCE).1;
const COMPACT: [u8; COMPACT_LEN] = compact::<COMPACT_LEN>(SOURCE).0;

// Compacting keeps the structure: as many blocks and declarations as the source.
const _: () =
    assert!(count(&COMPACT, b'{') == count(SOURCE, b'{') - count_in_comments(SOURCE, b'{'));
const _: () = assert!(count(&COMPACT, b'}') == count(&COMPACT, b'{'));

/// `css` without comments, with each run of white space made one space, and none next to `{`, `}` or
/// `;`; quoted strings are kept as they are. Returns the first `N` bytes and the full length (call it
/// with `N = 0` to learn the length).
const fn compact<const N: usize>(css: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let mut len = 0;
    let mut last = b'{';
    let mut space = false;
    let mut i = 0;
    while i < css.len() {
        let b = css[i];
        if b == b'/' && i + 1 < css.len() && css[i + 1] == b'*' {
            i += 2;
            while i + 1 < css.len() && !(css[i] == b'*' && css[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            space = true;
            continue;
        }
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space && !tight(last) && !tight(b) {
            if len < N {
                out[len] = b' ';
            }
            len += 1;
        }
        space = false;
        // A quoted string is copied whole, spaces and all.
        let end = if b == b'"' || b == b'\'' {
            let mut j = i + 1;
            while j < css.len() && css[j] != b {
                j += 1;
            }
            j + 1
        } else {
            i + 1
        };
        while i < end && i < css.len() {
            if len < N {
                out[len] = css[i];
            }
            len += 1;
            i += 1;
        }
        last = css[i - 1];
    }
    (out, len)
}

/// Characters that need no space around them.
const fn tight(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b';')
}

const fn count(bytes: &[u8], wanted: u8) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == wanted {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn count_in_comments(css: &[u8], wanted: u8) -> usize {
    let mut n = 0;
    let mut inside = false;
    let mut i = 0;
    while i + 1 < css.len() {
        if !inside && css[i] == b'/' && css[i + 1] == b'*' {
            inside = true;
            i += 2;
            continue;
        }
        if inside && css[i] == b'*' && css[i + 1] == b'/' {
            inside = false;
            i += 2;
            continue;
        }
        if inside && css[i] == wanted {
            n += 1;
        }
        i += 1;
    }
    n
}

thread_local! {
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(CSS).is_ok());
}

/// Gives a shadow root the widget's styles.
pub fn adopt(root: &ShadowRoot) {
    let adopted = SHEET.with(|sheet| {
        sheet.as_ref().is_some_and(|sheet| {
            root.set_adopted_style_sheets(&js_sys::Array::of1(sheet));
            true
        })
    });
    if !adopted {
        // Browsers without constructable stylesheets: a <style> element in the shadow root.
        let style = root
            .owner_document()
            .and_then(|document| document.create_element("style").ok());
        if let Some(style) = style {
            style.set_text_content(Some(CSS));
            let _ = root.append_child(&style);
        }
    }
}
