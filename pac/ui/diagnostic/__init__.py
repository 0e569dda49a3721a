"""Step « Diagnostic »: findings grid, import, key figures, finances and summary (one module a tab)."""
