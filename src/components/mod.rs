//! One file per thing on screen: Yew components where there is state (`app`, `explainer`), plain view
//! functions elsewhere.

pub mod app;
pub mod badge;
pub mod breakdown;
pub mod error_panel;
pub mod explainer;
pub mod skeleton;
