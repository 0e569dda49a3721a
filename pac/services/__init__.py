"""One function per user action, one transaction each; plain data in and out.

Conventions:
- the first argument is a `pac.db.Database`; open `with db.write() as s:` (or
  `db.read()`) exactly once per function;
- return frozen dataclasses, dicts or DataFrames, never live ORM objects;
- refuse bad input with `pac.domain.errors.DomainError` carrying French
  messages that name the field, before changing anything.
"""
