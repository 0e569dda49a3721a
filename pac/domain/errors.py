"""Domain errors carry French messages that name the field, ready to show to a user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in user input: where it is and what is wrong, in French."""

    field: str
    message: str
    sheet: str = ""
    row: int | None = None
    lang: str = "fr"  # the language of `message` (and of the « champ » prefix)

    def __str__(self) -> str:
        if self.lang == "ar":
            where = []
            if self.sheet:
                where.append(f"الورقة « {self.sheet} »")
            if self.row is not None:
                where.append(f"السطر {self.row}")
            if self.field:
                where.append(f"العمود « {self.field} »" if self.sheet else f"حقل « {self.field} »")
            return f"{'، '.join(where)}: {self.message}" if where else self.message
        where = []
        if self.sheet:
            where.append(f"feuille « {self.sheet} »")
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.field:
            where.append(f"colonne « {self.field} »" if self.sheet else f"champ « {self.field} »")
        prefix = ", ".join(where)
        return f"{prefix[:1].upper() + prefix[1:]} : {self.message}" if prefix else self.message


class DomainError(Exception):
    """A rule refused an action. `problems` lists every reason, each in French."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = [
            p if isinstance(p, Problem) else Problem("", str(p)) for p in problems
        ]
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


class NotFound(DomainError):
    """The object asked for does not exist (any more)."""


class Collector:
    """Gathers problems while validating a whole form or file, then raises them together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, field: str, message: str, *, sheet: str = "", row: int | None = None, lang: str = "fr"
    ) -> None:
        self.problems.append(Problem(field, message, sheet, row, lang))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DomainError(self.problems)
