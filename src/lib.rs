//! retour-emploi widget (placeholder until the widget lands).
