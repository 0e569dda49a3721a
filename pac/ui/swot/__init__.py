"""Step « AFOM / SWOT »: the four-quadrant board, the item forms, drafts from findings, history."""
