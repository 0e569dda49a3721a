"""Step « Suivi-évaluation »: indicators, the M&E system, tracking, the compliance dates."""
