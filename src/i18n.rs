//! The widget's own words (titles, buttons, states), in French and English. Words about the data (class
//! labels, bands, reasons, the explainer) come from `retour_emploi_core::display`.
//!
//! French typography: a no-break space before `:` and a narrow no-break space before `?`.

use retour_emploi_core::Lang;

/// The interface words of one language.
pub struct Texts {
    /// The widget's title.
    pub title: &'static str,
    /// Under the title.
    pub subtitle: &'static str,
    /// Spoken while loading.
    pub loading: &'static str,
    /// Heading of the breakdown.
    pub breakdown: &'static str,
    /// The explainer's button.
    pub explain: &'static str,
    /// Label on synthetic data.
    pub demo: &'static str,
    /// First line of an error.
    pub error_title: &'static str,
    /// First line of a configuration error.
    pub attributes_title: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// What a crashed widget says.
    pub internal_error: &'static str,
    /// Spoken before the badge's class.
    pub badge_label: &'static str,
}

const FR: Texts = Texts {
    title: "Taux de retour à l’emploi",
    subtitle: "six mois après la formation",
    loading: "Chargement du taux de retour à l’emploi…",
    breakdown: "Par territoire",
    explain: "Comment lire ce taux\u{202F}?",
    demo: "Données de démonstration",
    error_title: "Le taux de retour à l’emploi n’a pas pu être affiché.",
    attributes_title: "Ce widget est mal configuré\u{a0}:",
    retry: "Réessayer",
    internal_error: "Le widget a rencontré une erreur interne et s’est arrêté. Rechargez la page pour réessayer.",
    badge_label: "Taux de retour à l’emploi\u{a0}:",
};

const EN: Texts = Texts {
    title: "Rate of return to employment",
    subtitle: "six months after training",
    loading: "Loading the rate of return to employment…",
    breakdown: "By area",
    explain: "How to read this rate?",
    demo: "Demo data",
    error_title: "The rate of return to employment could not be shown.",
    attributes_title: "This widget is misconfigured:",
    retry: "Retry",
    internal_error: "The widget hit an internal error and stopped. Reload the page to try again.",
    badge_label: "Rate of return to employment:",
};

/// The interface words in `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    lang.pick(&FR, &EN)
}
