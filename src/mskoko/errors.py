"""Domain errors shared by every layer; adapters turn them into CLI messages or HTTP 4xx."""

from __future__ import annotations

from dataclasses import dataclass, field


class MskokoError(Exception):
    """Base of every error a user should see as a message (in Russian), not a traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible.

    ``line`` is 1-based and counts the header as line 1 (as a spreadsheet shows it);
    ``code`` is a stable English reason code for tests and machines; ``message`` is Russian.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    code: str = "invalid"

    def format_ru(self) -> str:
        where = []
        if self.file:
            where.append(f"файл {self.file}")
        if self.line is not None:
            where.append(f"строка {self.line}")
        if self.column:
            where.append(f"столбец «{self.column}»")
        head = ", ".join(where)
        value = f" (значение «{self.value}»)" if self.value not in (None, "") else ""
        return f"{head}: {self.message}{value}" if head else f"{self.message}{value}"


@dataclass
class ProblemReport(MskokoError):
    """All problems found in one piece of input; raised only when there is at least one."""

    problems: list[Problem] = field(default_factory=list)
    title: str = "Данные не приняты"

    def __post_init__(self) -> None:
        super().__init__(self.title)

    def __str__(self) -> str:
        return self.format_ru()

    def format_ru(self, limit: int = 50) -> str:
        lines = [f"{self.title}: найдено проблем — {len(self.problems)}."]
        lines += [f"  • {p.format_ru()}" for p in self.problems[:limit]]
        rest = len(self.problems) - limit
        if rest > 0:
            lines.append(f"  … и ещё {rest} (исправьте перечисленные и повторите проверку).")
        return "\n".join(lines)
