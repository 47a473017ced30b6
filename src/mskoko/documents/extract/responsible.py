"""Responsible parties: organisations (УО, МКУ «ЦРО», ОО…), positions, named persons."""

from __future__ import annotations

import re

from mskoko.documents.extract.deadlines import find_deadlines
from mskoko.documents.morph import WORD, analyzer, can_be_nominative, lemma

# Abbreviations of municipal bodies, centres, school types and methodological associations.
ORGANISATION_ABBREVIATIONS = frozenset(
    ["УО", "МОУО", "ОУО", "ОМСУ", "ОМС", "ОО", "ДОО", "ОУ", "ДОУ", "ОДО", "УДО", "ДО", "ГМО", "РМО", "ШМО", "ММО", "ПГ", "ММС", "МС", "РМС", "ЦРО", "ИМЦ", "ММЦ", "РМЦ", "ЦОКО", "РЦОКО", "ИРО", "ИРРО", "ИПК", "ПМПК", "ТПМПК", "ЦПМПК", "ППМС", "ЦППМСП", "КДН", "КДНиЗП", "ОДН", "ПДН", "СОШ", "ООШ", "НОШ", "ЦДТ", "ДДТ", "ДЮСШ", "ЦДО", "УОиМП", "КО", "ООА", "МКУ", "МБУ", "МАУ", "МОУ", "ЗДУВР", "ЗДВР", "ЗДУР", "ЦНППМ", "ЦОПП", "РЦ", "ИС", "ГАОУ", "ДПО", "ЦОС", "МО"]
)
# Russian school/agency legal forms: МБОУ, МАОУ, МКДОУ, ГБОУ, ГАУ ДПО…
_LEGAL_FORM = re.compile(r"^[МГЧН][АБКЧ]?(?:Д|С)?О?У(?:ДО|ДПО|О)?$")
# Heads of noun phrases naming a party responsible for a measure.
PARTY_LEMMAS = frozenset(
    ["руководитель", "директор", "заместитель", "педагог", "учитель", "методист", "специалист", "начальник", "заведующий", "председатель", "координатор", "куратор", "эксперт", "тьютор", "наставник", "психолог", "педагог-психолог", "логопед", "дефектолог", "администрация", "управление", "отдел", "комитет", "центр", "служба", "совет", "комиссия", "группа", "объединение", "организация", "учреждение", "школа", "команда", "родитель", "обучающийся", "ассоциация", "кафедра", "лаборатория", "инспектор", "консультант", "сотрудник", "работник", "участник", "исполнитель", "ответственный", "воспитатель", "секретарь", "член", "министерство", "институт", "департамент", "администратор", "оператор", "библиотекарь", "преподаватель", "главный", "ведущий", "старший", "классный", "социальный", "муниципальный", "образовательный", "общеобразовательный", "дошкольный", "методический", "региональный", "школьный", "профильный", "предметный", "рабочий", "экспертный"]
)
_PERSON = re.compile(
    r"^(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
    r"|[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s?[А-ЯЁ][а-яё]+)$"
)
_NOT_PARTY = frozenset(["ВПР", "ОГЭ", "ЕГЭ", "ГИА", "ГВЭ", "КДР", "РДР", "НИКО", "ФИОКО", "ФИС", "КИМ", "ВСОКО", "МСОКО", "ЗКС"])
_TRAILER = re.compile(
    r"\(?\s*(?:по\s+согласованию|и\s+др\.?|и\s+другие|совместно\s+с[^)]*)\s*\)?\s*$", re.IGNORECASE
)


def split_parties(text: str) -> list[str]:
    """Split «МОУО, МКУ «Центр …», ОО» on commas, semicolons and «и», never inside quotes/brackets."""
    parts: list[str] = []
    depth = 0
    current = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char in "«(\"“":
            depth += 1
        elif char in "»)”" and depth:
            depth -= 1
        if depth == 0 and (char in ",;" or text.startswith(" и ", index)):
            parts.append(current)
            current = ""
            index += 3 if char == " " else 1
            continue
        current += char
        index += 1
    parts.append(current)
    return [p.strip(" .:-–—\t") for p in parts if p.strip(" .:-–—\t")]


def is_party(part: str, nominative: bool = True) -> bool:
    """Whether a fragment names an organisation, a position or a person (head noun nominative)."""
    part = _TRAILER.sub("", part).strip(" .,")
    if not part or len(part) > 120:
        return False
    if _PERSON.match(part):
        return True
    first = part.split()[0].strip("«»()\"")
    if first in _NOT_PARTY:
        return False
    if first in ORGANISATION_ABBREVIATIONS or _LEGAL_FORM.match(first):
        return True
    for match in WORD.finditer(part):
        word = match.group(0)
        if word.isupper() and len(word) >= 2:
            return word in ORGANISATION_ABBREVIATIONS or bool(_LEGAL_FORM.match(word))
        parse = analyzer().parse(word)[0]
        if {"ADJF", "PRTF", "NUMR"} & set(str(parse.tag).replace(" ", ",").split(",")):
            if lemma(word) not in PARTY_LEMMAS:
                return False
            continue  # an adjective before the head noun: «классные руководители»
        head = lemma(word.split("-")[0]) if "-" in word else lemma(word)
        if head not in PARTY_LEMMAS and lemma(word) not in PARTY_LEMMAS:
            return False
        return can_be_nominative(word.split("-")[0]) or not nominative
    return False


def looks_responsible(text: str, nominative: bool = True) -> bool:
    """Whether the whole string is a list of responsible parties."""
    flat = " ".join(text.split())
    if not flat or flat[0] in "-–—•(":
        return False
    parts = split_parties(flat)
    return bool(parts) and all(is_party(p, nominative) for p in parts)


def has_open_quote(text: str) -> bool:
    return text.count("«") > text.count("»")


_MARKER = re.compile(
    r"(?:ответственн(?:ый|ые|ая|ое|ым|ыми|ой)(?:\s+исполнител[ьи])?(?:\s+за\s+[^:–—-]{0,60})?"
    r"|отв\.|исполнител[ьи])\s*[:–—-]?\s*([^;\n]+)",
    re.IGNORECASE,
)
# a full stop that ends the sentence, not the one after an initial («А.А.»)
_SENTENCE_END = re.compile(r"(?<![А-ЯЁ])\.(?:\s|$)")
_ASSIGN = re.compile(
    r"(?:возложить\s+на|назначить\s+ответственн(?:ым|ыми|ой)[^:]{0,80}?)\s+([^;\n]+)", re.IGNORECASE
)


def find_inline_responsible(text: str) -> str | None:
    """A responsible party stated inside a sentence: «Ответственный: …», «возложить на …»,
    or the addressee an order item starts with («Руководителям ОО … обеспечить»)."""
    for pattern in (_MARKER, _ASSIGN):
        match = pattern.search(text)
        if match:
            value = _SENTENCE_END.split(match.group(1))[0].strip(" ,)")
            if value and is_party(split_parties(value)[0] if split_parties(value) else value, False):
                return " ".join(value.split())
    return find_addressee(text)


def find_addressee(text: str) -> str | None:
    """The dative addressee of an order item: «МКУ «ЦРО» (Сидорова А.А.) подготовить …»."""
    words = list(WORD.finditer(text))
    for index, match in enumerate(words[:14]):
        parses = analyzer().parse(match.group(0))
        if any(p.tag.POS == "INFN" for p in parses[:1]) and index > 0:
            head = text[: match.start()]
            deadlines = find_deadlines(head)
            if deadlines:
                head = head[: deadlines[0].start]
            head = head.strip(" ,")
            head_word = words[0].group(0)
            dative = any("datv" in str(p.tag) for p in analyzer().parse(head_word)) or (
                head_word in ORGANISATION_ABBREVIATIONS or bool(_LEGAL_FORM.match(head_word))
            )
            if dative and is_party(head, nominative=False):
                return " ".join(head.split())
            return None
    return None
