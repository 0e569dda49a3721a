"""Step « Subsidiarité »: competence, lead and partners per project; the summary and its charts."""
