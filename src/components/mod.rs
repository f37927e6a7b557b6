//! One component per thing on screen.

pub mod app;
pub mod badge;
pub mod breakdown;
pub mod error_panel;
pub mod explainer;
pub mod skeleton;
