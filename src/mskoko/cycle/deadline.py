"""Deadlines of measures: a date, a period (day, month or year precision) or a recurrence.

``Deadline.parse`` reads what officials write («в сентябре 2024 г.», «январь–февраль 2025»,
«до 01.09.2025», «ежегодно»); ``render`` writes it back in Russian so that
``Deadline.parse(d.render()) == d``. Text that is not understood is kept verbatim.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

DeadlineKind = Literal["date", "period", "until", "recurring", "text"]

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
# Month stems with every case ending: «сентябрь», «сентября», «сентябре», «сентябрём»…
_MONTH_PATTERNS = (
    r"январ[ьяюеё]м?", r"феврал[ьяюеё]м?", r"март[аеуо]?м?", r"апрел[ьяюеё]м?", r"ма[йяюеё]м?",
    r"июн[ьяюеё]м?", r"июл[ьяюеё]м?", r"август[аеуо]?м?", r"сентябр[ьяюеё]м?",
    r"октябр[ьяюеё]м?", r"ноябр[ьяюеё]м?", r"декабр[ьяюеё]м?",
)
_MONTH_RE = [re.compile(rf"^{p}$") for p in _MONTH_PATTERNS]

# Recurrence codes and their canonical Russian wording; the synonyms map onto the codes.
RECURRENCES: dict[str, str] = {
    "yearly": "ежегодно",
    "permanent": "постоянно",
    "schedule": "по графику",
    "school_year": "в течение учебного года",
    "quarterly": "ежеквартально",
    "monthly": "ежемесячно",
}
_RECURRENCE_SYNONYMS: dict[str, str] = {
    "ежегодно": "yearly",
    "ежегодно в течение года": "yearly",
    "1 раз в год": "yearly",
    "один раз в год": "yearly",
    "постоянно": "permanent",
    "в течение всего периода": "permanent",
    "весь период": "permanent",
    "по графику": "schedule",
    "согласно графику": "schedule",
    "по утвержденному графику": "schedule",
    "по графику проведения": "schedule",
    "в соответствии с графиком": "schedule",
    "в соответствии с графиком проведения": "schedule",
    "в течение учебного года": "school_year",
    "в течение года": "school_year",
    "ежеквартально": "quarterly",
    "1 раз в квартал": "quarterly",
    "ежемесячно": "monthly",
    "1 раз в месяц": "monthly",
}

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, order=True)
class Moment:
    """A point in time with day, month or year precision (month/day None when not given)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises on 31.02
        elif self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def of(cls, date: dt.date) -> Moment:
        return cls(date.year, date.month, date.day)

    def render(self, *, with_year_word: bool = True) -> str:
        if self.precision == "day":
            return f"{self.day:02d}.{self.month:02d}.{self.year}"
        if self.precision == "month":
            assert self.month is not None
            name = MONTHS_NOMINATIVE[self.month - 1]
            return f"{name} {self.year}\u00a0г." if with_year_word else f"{name} {self.year}"
        return f"{self.year}\u00a0г." if with_year_word else str(self.year)


@dataclass(frozen=True)
class Deadline:
    """When a measure is carried out.

    ``date``: one moment; ``period``: from ``start`` to ``end``; ``until``: by ``end``;
    ``recurring``: a recurrence code of :data:`RECURRENCES`; ``text``: words kept verbatim.
    """

    kind: DeadlineKind
    start: Moment | None = None
    end: Moment | None = None
    recurrence: str | None = None
    text: str | None = None
    # the words it was parsed from (not part of its identity)
    source: str | None = field(default=None, compare=False, repr=False)

    # --- constructors ---------------------------------------------------------------------

    @classmethod
    def on(cls, moment: Moment | dt.date) -> Deadline:
        return cls("date", start=_moment(moment))

    @classmethod
    def between(cls, start: Moment | dt.date, end: Moment | dt.date) -> Deadline:
        first, last = _moment(start), _moment(end)
        if last.last_day() < first.first_day():
            raise ValueError("a period ends before it starts")
        return cls("period", start=first, end=last)

    @classmethod
    def by(cls, moment: Moment | dt.date) -> Deadline:
        return cls("until", end=_moment(moment))

    @classmethod
    def every(cls, recurrence: str) -> Deadline:
        if recurrence not in RECURRENCES:
            raise ValueError(f"unknown recurrence {recurrence!r}; known: {', '.join(RECURRENCES)}")
        return cls("recurring", recurrence=recurrence)

    @classmethod
    def verbatim(cls, text: str) -> Deadline:
        return cls("text", text=" ".join(text.split()))

    @classmethod
    def parse(cls, text: str | None) -> Deadline | None:
        """Read a Russian deadline; None for an empty one; unknown words become ``text``."""
        if text is None:
            return None
        flat = " ".join(text.split())
        if not flat:
            return None
        parsed = _parse(flat)
        result = parsed if parsed is not None else cls.verbatim(flat)
        return cls(result.kind, result.start, result.end, result.recurrence, result.text, flat)

    # --- reading ----------------------------------------------------------------------------

    @property
    def is_dated(self) -> bool:
        return self.kind in ("date", "period", "until")

    def first_day(self) -> dt.date | None:
        return self.start.first_day() if self.start else None

    def last_day(self) -> dt.date | None:
        moment = self.end or self.start
        return moment.last_day() if moment else None

    def render(self) -> str:
        """The deadline in Russian, as a roadmap cell shows it."""
        if self.kind == "text":
            return self.text or ""
        if self.kind == "recurring":
            return RECURRENCES[self.recurrence or ""]
        if self.kind == "until":
            assert self.end is not None
            return f"до {self.end.render()}"
        if self.kind == "date":
            assert self.start is not None
            return self.start.render()
        assert self.start is not None and self.end is not None
        return _render_period(self.start, self.end)

    def __str__(self) -> str:
        return self.render()


def _moment(value: Moment | dt.date) -> Moment:
    return value if isinstance(value, Moment) else Moment.of(value)


def _render_period(start: Moment, end: Moment) -> str:
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}\u00a0гг."
    if start.precision == end.precision == "month" and start.year == end.year:
        first = MONTHS_NOMINATIVE[(start.month or 1) - 1]
        return f"{first}–{end.render()}"
    if start.precision == end.precision == "day":
        return f"с {start.render()} по {end.render()}"
    return f"{start.render()} – {end.render()}"


# --- parsing ------------------------------------------------------------------------------

_YEAR_WORDS = re.compile(r"(?<=\d)\s*(?:гг?\.?|годы|годов|года|году|год)(?![а-яё])")
_DASH = re.compile(r"\s*[-–—]\s*")
_DAY_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_WORD_DATE = re.compile(r"^(\d{1,2}) ([а-яё]+) (\d{4})$")
_MONTH_YEAR = re.compile(r"^([а-яё]+) (\d{4})$")
_YEAR = re.compile(r"^((?:19|20)\d{2})$")
_LEAD = re.compile(r"^(?:в|во|на)\s+")


def month_number(word: str) -> int | None:
    """1..12 for a Russian month name in any case, else None."""
    lowered = word.lower()
    for index, pattern in enumerate(_MONTH_RE):
        if pattern.match(lowered):
            return index + 1
    return None


def _normalise(text: str) -> str:
    flat = text.lower().replace("ё", "е").replace("\u00a0", " ")
    flat = _YEAR_WORDS.sub("", flat)
    flat = re.sub(r"\s+", " ", flat).strip(" .;,")
    return flat


def _parse_moment(text: str) -> Moment | None:
    text = _LEAD.sub("", text.strip(" .,"))
    try:
        if match := _DAY_DATE.match(text):
            day, month, year = (int(g) for g in match.groups())
            return Moment(year + 2000 if year < 100 else year, month, day)
        if match := _WORD_DATE.match(text):
            month = month_number(match.group(2))
            if month is not None:
                return Moment(int(match.group(3)), month, int(match.group(1)))
            return None
        if match := _MONTH_YEAR.match(text):
            month = month_number(match.group(1))
            return Moment(int(match.group(2)), month) if month is not None else None
        if match := _YEAR.match(text):
            return Moment(int(match.group(1)))
    except ValueError:
        return None
    return None


def _parse_range(left: str, right: str) -> Deadline | None:
    end = _parse_moment(right)
    if end is None:
        return None
    start = _parse_moment(left)
    if start is None:
        # «январь–февраль 2025»: the first month borrows the second one's year
        month = month_number(_LEAD.sub("", left.strip()))
        if month is None or end.month is None:
            return None
        start = Moment(end.year, month)
    try:
        return Deadline.between(start, end)
    except ValueError:
        return None


def _parse(text: str) -> Deadline | None:
    flat = _normalise(text)
    if flat in _RECURRENCE_SYNONYMS:
        return Deadline.every(_RECURRENCE_SYNONYMS[flat])
    if match := re.match(r"^(?:до|не позднее|в срок до|к)\s+(.+)$", flat):
        moment = _parse_moment(match.group(1))
        return Deadline.by(moment) if moment else None
    if match := re.match(r"^(?:с|со|в период с)\s+(.+?)\s+(?:по|до)\s+(.+)$", flat):
        return _parse_range(match.group(1), match.group(2))
    parts = _DASH.split(flat)
    if len(parts) == 2 and not _DAY_DATE.match(flat):
        return _parse_range(parts[0], parts[1])
    moment = _parse_moment(flat)
    return Deadline.on(moment) if moment else None


__all__ = ["MONTHS_GENITIVE", "MONTHS_NOMINATIVE", "RECURRENCES", "Deadline", "Moment",
           "month_number"]
