"""Step « Référentiels »: the columns of each editable reference catalogue."""
