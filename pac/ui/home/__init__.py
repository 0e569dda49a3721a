"""The sections of the dashboard (page « Tableau de bord »)."""
