//! One stylesheet, parsed once and adopted by every widget's shadow root (constructable stylesheets: no
//! `<style>` element, so a strict `style-src` Content-Security-Policy does not block it). The styles
//! never reach the host page. Themable through `--retour-emploi-*` custom properties and `::part()`
//! (documented at the top of `www/widget.css`).

use web_sys::{CssStyleSheet, ShadowRoot};

const CSS: &str = include_str!("../www/widget.css");

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
