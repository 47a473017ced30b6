"""Russian wording of numbers, procedures and subjects for evidence and the report."""

from __future__ import annotations

import math

NBSP = "\u00a0"

PROCEDURE_RU = {"VPR": "ВПР", "OGE": "ОГЭ", "EGE": "ЕГЭ", "RDR": "РДР", "KDR": "КДР",
                "NIKO": "НИКО"}
SUBJECT_RU = {
    "russian": "русский язык", "math": "математика", "math_base": "математика (базовый уровень)",
    "okr_mir": "окружающий мир", "history": "история", "biology": "биология",
    "geography": "география", "social": "обществознание", "physics": "физика",
    "chemistry": "химия", "english": "английский язык", "german": "немецкий язык",
    "french": "французский язык", "informatics": "информатика", "literature": "литература",
    "reading": "читательская грамотность", "science": "естественно-научная грамотность",
}


def procedure_ru(code: str) -> str:
    return PROCEDURE_RU.get(code, code)


def subject_ru(code: str, procedure: str | None = None) -> str:
    if code == "math" and procedure == "EGE":
        return "математика (профильный уровень)"
    return SUBJECT_RU.get(code, code)


def unit_ru(procedure: str, subject: str, grade: int) -> str:
    """«ВПР, математика, 6 класс»."""
    return f"{procedure_ru(procedure)}, {subject_ru(subject, procedure)}, {int(grade)}{NBSP}класс"


def number(value: float, digits: int = 1) -> str:
    """Russian decimal comma: 3,4."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:.{digits}f}".replace(".", ",")
    return text.replace("-", "−")


def percent(share: float, digits: int = 0) -> str:
    """A share as «31 %» (non-breaking space before the sign)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{number(100 * share, digits)}{NBSP}%"


def points(delta_share: float) -> str:
    """A difference of shares in percentage points, signed: «+19 п. п.»."""
    value = round(100 * delta_share)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{abs(value)}{NBSP}п.{NBSP}п."


def plural(n: int, one: str, few: str, many: str) -> str:
    """The number with the word in the form Russian needs: 1 работа, 3 работы, 25 работ."""
    n = int(n)
    if 11 <= n % 100 <= 14:
        word = many
    elif n % 10 == 1:
        word = one
    elif 2 <= n % 10 <= 4:
        word = few
    else:
        word = many
    return f"{thousands(n)}{NBSP}{word}"


def thousands(n: int) -> str:
    """12 345 (non-breaking space between groups of digits)."""
    return f"{int(n):,}".replace(",", NBSP)


def people(n: int) -> str:
    """«1 участник», «3 участника», «25 участников»."""
    return plural(n, "участник", "участника", "участников")


def of_people(n: int) -> str:
    """After «из»: «из 1 участника», «из 21 участника», «из 25 участников»."""
    return plural(n, "участника", "участников", "участников")


def area_ru(municipalities: int) -> str:
    """What "all schools in the data" is: the municipality or the region."""
    return "муниципалитету" if municipalities <= 1 else "региону"
