"""Names users write for the contract's files, columns and coded values (docs/data-format.md).

Lookups go through :func:`normalize_header` (headers, file stems) and :func:`normalize`
(coded values), so matching ignores case, surrounding and repeated spaces and ё versus е;
in headers an underscore counts as a space.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_HEADER_SPACES = re.compile(r"[\s_]+")


def normalize(text: str) -> str:
    """The form in which coded values are compared (case-, space- and ё-insensitive)."""
    return _SPACES.sub(" ", text.casefold().replace("ё", "е")).strip()


def normalize_header(text: str) -> str:
    """The form in which file stems and headers are compared; underscores count as spaces."""
    cleaned = text.replace("\ufeff", "").strip().strip("\"'")
    return _HEADER_SPACES.sub(" ", cleaned.casefold().replace("ё", "е")).strip()


# File stems (without extension) accepted for each contract file.
FILE_STEMS: dict[str, tuple[str, ...]] = {
    "organizations": ("organizations", "organisations", "организации", "образовательные организации"),
    "results": ("results", "результаты"),
    "scales": ("scales", "шкалы", "шкалы перевода", "шкала перевода"),
}

_ORG_ID = ("Код ОО", "Идентификатор ОО", "ID ОО", "Код организации", "Код школы", "Логин ОО")

# Canonical column -> header aliases, per file. The canonical English name always matches.
COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "organizations": {
        "org_id": _ORG_ID,
        "name": ("Наименование ОО", "Наименование организации", "Наименование", "Название ОО"),
        "municipality_id": (
            "Код МО",
            "Код муниципалитета",
            "Код муниципального образования",
            "Идентификатор МО",
        ),
        "municipality_name": ("Муниципалитет", "Муниципальное образование", "Наименование МО"),
        "org_type": ("Тип ОО", "Вид ОО", "Тип организации"),
        "settlement": ("Тип поселения", "Местность", "Тип местности"),
        "students": (
            "Численность обучающихся",
            "Количество обучающихся",
            "Число обучающихся",
            "Контингент",
        ),
        "social_index": ("Социальный индекс", "Индекс социального благополучия"),
    },
    "results": {
        "year": ("Год", "Год проведения"),
        "procedure": ("Процедура", "Оценочная процедура"),
        "subject": ("Предмет", "Учебный предмет"),
        "grade": ("Класс", "Параллель"),
        "org_id": _ORG_ID,
        "student_id": (
            "Код участника",
            "ID ученика",
            "ID участника",
            "Код ученика",
            "Код обучающегося",
            "Идентификатор ученика",
        ),
        "class_id": ("Класс (буква)", "Буква класса", "Литера класса"),
        "primary_score": ("Первичный балл", "Сумма первичных баллов"),
        "max_score": ("Максимальный балл", "Максимальный первичный балл"),
        "mark": ("Отметка", "Оценка", "Отметка за работу"),
        "test_score": ("Тестовый балл",),
        "school_mark": ("Отметка в журнале", "Школьная отметка", "Отметка по журналу"),
    },
    "scales": {
        "year": ("Год",),
        "procedure": ("Процедура", "Оценочная процедура"),
        "subject": ("Предмет", "Учебный предмет"),
        "grade": ("Класс", "Параллель"),
        "mark": ("Отметка", "Оценка"),
        "min_primary_score": ("Минимальный первичный балл", "Минимальный балл", "Порог"),
    },
}

# Procedure names -> codes; any other non-empty value is kept in upper case (a regional code).
PROCEDURES: dict[str, str] = {
    "впр": "VPR",
    "огэ": "OGE",
    "егэ": "EGE",
    "гвэ": "GVE",
    "рдр": "RDR",
    "кдр": "KDR",
    "нико": "NIKO",
    "мцко": "MCKO",
}

# Subject names -> codes; any other value is kept as written, in lower case.
SUBJECTS: dict[str, str] = {
    "математика": "math",
    "mathematics": "math",
    # ЕГЭ: the profile exam is "math" (it has test scores), the basic one is marked 2..5.
    "математика (профильный уровень)": "math",
    "математика (профильная)": "math",
    "математика профильная": "math",
    "математика профильного уровня": "math",
    "математика (базовый уровень)": "math_base",
    "математика (базовая)": "math_base",
    "математика базовая": "math_base",
    "математика базового уровня": "math_base",
    "алгебра": "algebra",
    "геометрия": "geometry",
    "русский язык": "russian",
    "русский": "russian",
    "литература": "literature",
    "литературное чтение": "literary_reading",
    "окружающий мир": "okr_mir",
    "физика": "physics",
    "химия": "chemistry",
    "биология": "biology",
    "география": "geography",
    "история": "history",
    "обществознание": "social",
    "информатика": "informatics",
    "информатика и икт": "informatics",
    "английский язык": "english",
    "немецкий язык": "german",
    "французский язык": "french",
    "испанский язык": "spanish",
    "китайский язык": "chinese",
    "иностранный язык": "foreign_language",
    "естествознание": "natural_science",
    "читательская грамотность": "reading",
    "математическая грамотность": "math_literacy",
    "естественно-научная грамотность": "science",
}

# Closed vocabularies: a value outside them is refused.
ORG_TYPES: dict[str, str] = {
    "school": "school",
    "школа": "school",
    "оо": "school",
    "общеобразовательная организация": "school",
    "общеобразовательное учреждение": "school",
    "kindergarten": "kindergarten",
    "детский сад": "kindergarten",
    "доо": "kindergarten",
    "доу": "kindergarten",
    "дошкольная образовательная организация": "kindergarten",
    "additional": "additional",
    "удо": "additional",
    "одо": "additional",
    "дополнительное образование": "additional",
    "организация дополнительного образования": "additional",
    "other": "other",
    "другое": "other",
    "другая": "other",
    "иное": "other",
    "прочее": "other",
}

SETTLEMENTS: dict[str, str] = {
    "urban": "urban",
    "городская": "urban",
    "городской": "urban",
    "город": "urban",
    "городская местность": "urban",
    "пгт": "urban",
    "rural": "rural",
    "сельская": "rural",
    "сельский": "rural",
    "село": "rural",
    "сельская местность": "rural",
}


def file_kind(stem: str) -> str | None:
    """The contract file ('organizations', 'results', 'scales') a file stem names, if any."""
    key = normalize_header(stem)
    for kind, stems in FILE_STEMS.items():
        if key in {normalize_header(s) for s in stems}:
            return kind
    return None


def header_lookup(kind: str) -> dict[str, str]:
    """Normalized header -> canonical column for one contract file."""
    lookup: dict[str, str] = {}
    for column, aliases in COLUMN_ALIASES[kind].items():
        lookup[normalize_header(column)] = column
        for alias in aliases:
            lookup[normalize_header(alias)] = column
    return lookup


def canonical_procedure(value: str) -> str:
    """VPR/OGE/EGE/… for Russian names; any other code in upper case."""
    return PROCEDURES.get(normalize(value), value.strip().upper())


def canonical_subject(value: str) -> str:
    """A subject code for a Russian subject name; any other value in lower case."""
    key = normalize(value)
    return SUBJECTS.get(key, key)


def canonical_org_type(value: str) -> str | None:
    """school/kindergarten/additional/other, or None when the value is not recognised."""
    return ORG_TYPES.get(normalize(value))


def canonical_settlement(value: str) -> str | None:
    """urban/rural, or None when the value is not recognised."""
    return SETTLEMENTS.get(normalize(value))
