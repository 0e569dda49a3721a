"""Step « Projets »: the grid, the detail form, the cross-cutting markers and their coverage."""
