"""Pure rules: validation, budget and vote arithmetic, competence suggestions. No I/O here."""
