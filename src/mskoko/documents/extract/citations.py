"""Citations of normative documents: «Приказ Министерства … от 01.07.2022 № 01/1339 «Об …»»."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mskoko.documents.extract.deadlines import MONTHS
from mskoko.documents.morph import lemma

_L = "А-Яа-яЁё"
_DOC_WORD = (
    r"(?:приказ|распоряжени|постановлени|письм|концепци|методик|программ|паспорт|"
    r"дорожн[" + _L + r"]*\s+карт|план)[" + _L + r"]*"
)
_DATE = r"(?:\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*\d{2,4}|\d{1,2}\s+[" + _L + r"]+\s+\d{4})(?:\s*г(?:ода|\.)?)?"
_NUMBER = r"№\s*(?P<{}>[0-9A-Za-zА-Яа-я]+(?:\s*[/\-–]\s*[0-9A-Za-zА-Яа-я]+)*)"
_CITATION = re.compile(
    rf"(?<![{_L}])(?P<kind>{_DOC_WORD})"
    rf"(?P<body>[^«»]{{0,180}}?)"
    rf"(?:(?:от\s*(?P<date>{_DATE}))\s*(?:года|г\.)?\s*(?:{_NUMBER.format('num')})?"
    rf"|(?:{_NUMBER.format('num2')})\s*(?:от\s*(?P<date2>{_DATE}))?)"
    r"(?:\s*(?:«(?P<title>[^»]{3,400})»|\"(?P<title2>[^\"]{3,400})\"))?",
    re.IGNORECASE,
)
_QUOTED_TITLE = re.compile(r"«([^«»]{12,400})»")


@dataclass(frozen=True)
class Citation:
    text: str
    kind: str
    number: str | None
    date: dt.date | None
    title: str | None


def normalise_number(number: str | None) -> str | None:
    """«01 / 1775» → «01/1775»; «644-П» → «644-п» (spaces and dashes compared loosely)."""
    if not number:
        return None
    return re.sub(r"\s+", "", number).replace("–", "-").lower()


def parse_date(text: str | None) -> dt.date | None:
    """«01.07.2022», «01 июля 2022 года», «31.08.2020 г.» → a date (None if it is not one)."""
    if not text:
        return None
    flat = " ".join(text.split())
    numeric = re.search(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{2,4})", flat)
    try:
        if numeric:
            day, month, year = (int(g) for g in numeric.groups())
            year += 2000 if year < 100 else 0
            return dt.date(year, month, day)
        worded = re.search(rf"(\d{{1,2}})\s+([{_L}]+)\s+(\d{{4}})", flat)
        if worded:
            month_lemma = lemma(worded.group(2))
            if month_lemma in MONTHS:
                return dt.date(int(worded.group(3)), MONTHS.index(month_lemma) + 1, int(worded.group(1)))
    except ValueError:
        return None
    return None


def find_citations(text: str) -> list[Citation]:
    """Every citation with a number or a date; the title in «…» when it follows."""
    found: list[Citation] = []
    for match in _CITATION.finditer(text):
        raw_number = match.group("num") or match.group("num2")
        date = parse_date(match.group("date") or match.group("date2"))
        title = match.group("title") or match.group("title2")
        if not raw_number and date is None:
            continue
        found.append(Citation(
            text=" ".join(match.group(0).split()),
            kind=lemma(match.group("kind").split()[0]),
            number=normalise_number(raw_number),
            date=date,
            title=" ".join(title.split()) if title else None,
        ))
    return found


def quoted_titles(text: str) -> list[str]:
    """Long «…» titles anywhere in a text (a regional document may be cited by its title alone)."""
    return [" ".join(t.split()) for t in _QUOTED_TITLE.findall(text)]
