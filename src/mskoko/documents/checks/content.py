"""Checks on what a report, a concept or a set of recommendations says."""

from __future__ import annotations

import re
from typing import Any

from mskoko.documents.checks.base import Verdict, param, unit_quotes
from mskoko.documents.checks.params import (
    JustificationParams,
    MethodsParams,
    PartialParams,
    RecommendationsParams,
    SpecificsParams,
)
from mskoko.documents.extract import DocumentFacts, Unit
from mskoko.documents.morph import WORD, analyzer, lemma
from mskoko.rulebook.registry import register_check

_I = re.IGNORECASE
# The name of system 1.2 mentions «неблагоприятных социальных условиях»: not a specific.
_SYSTEM_NAME = re.compile(r"функционирующ\w*\s+в\s+неблагоприятн\w*\s+социальн\w*\s+услови\w*", _I)
SPECIFICS: dict[str, re.Pattern[str]] = {
    "territory": re.compile(
        r"[А-ЯЁ][а-яё]+(?:ск|цк)(?:ий|ого|ом|ому|ая|ой)\s+(?:городск\w+\s+округ|муниципальн\w+\s+"
        r"(?:район|округ)|район|округ)"
    ),
    "network": re.compile(
        r"(?<![\d.\-–/])(?!(?:19|20)\d\d(?!\d))\d{1,6}\s+(?:(?:обще)?образовательн\w*\s+(?:организаци|учреждени)|ОО\b|ДОО\b|школ|детск\w+\s+сад"
        r"|обучающ|учащ|педагог|учител|воспитанник)", _I,
    ),
    "settlement": re.compile(
        r"сельск|малокомплектн|удал[её]нн|отдал[её]нн|посёл|посел[кo]|\bс[её]л[аоу]?\b|деревн"
        r"|подвоз|транспортн\w+\s+доступн", _I,
    ),
    "social": re.compile(
        r"социальн\w*\s+(?:паспорт|услови|статус|индекс|благополучи|состав|контекст)"
        r"|социально-экономическ|малообеспеченн|неполн\w+\s+сем|мигрант|инофон|билингв|\bОВЗ\b"
        r"|многодетн|неблагополучн\w+\s+сем|уровень\s+доход", _I,
    ),
    "staff": re.compile(
        r"кадров\w*\s+(?:дефицит|голод|состав|обеспеченност)|дефицит\w*\s+(?:кадр|педагог|учител)"
        r"|ваканси|возраст\w*\s+(?:педагог|учител)|нехватк|молод\w+\s+специалист|укомплектованн", _I,
    ),
    "named_schools": re.compile(
        r"(?:М[БАК]?[ДО]?ОУ|ГБОУ|ЧОУ)\s*«?\s*(?:СОШ|ООШ|СШ|НОШ|гимнази\w*|лице\w*|школ\w*)"
        r"[^,;.]{0,25}?№\s*\d+|школ\w*\s*№\s*\d+", _I,
    ),
    "explicit": re.compile(
        r"специфик|особенност\w*\s+(?:муниципалитет|территори|округ|район|систем\w*\s+образовани)"
        r"|с\s+уч[её]том\s+(?:особенност|специфик|местн|муниципальн)|в\s+муниципалитете", _I,
    ),
}
SPECIFICS_RU = {
    "territory": "названа территория", "network": "численность сети, обучающихся или кадров",
    "settlement": "городские/сельские, малокомплектные ОО", "social": "социальные условия",
    "staff": "кадровая ситуация", "named_schools": "названы конкретные ОО",
    "explicit": "прямо описана специфика",
}
_SUBSTANTIVE = {"network", "settlement", "social", "staff", "explicit"}


@register_check("accounts_municipal_specifics", params=SpecificsParams)
def accounts_municipal_specifics(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """The municipality's specifics (territory, network, settlements, social context, staff)."""
    found: dict[str, Unit] = {}
    texts = [(u, _SYSTEM_NAME.sub(" ", u.text)) for u in facts.units]
    for category, pattern in SPECIFICS.items():
        unit = next((u for u, text in texts if pattern.search(text)), None)
        if unit is not None:
            found[category] = unit
    minimum: int = param(criterion, "min_signals")
    evidence = unit_quotes(found.values())
    missing = [SPECIFICS_RU[c] for c in SPECIFICS if c not in found]
    detail = "Не отражено: " + "; ".join(missing) + "." if missing else ""
    if len(found) >= minimum and _SUBSTANTIVE & set(found):
        return Verdict(1.0, evidence, "")
    if found:
        return Verdict(param(criterion, "partial_score"), evidence, detail)
    return Verdict(0.0, [], detail)


_PROCEDURE = re.compile(r"\b(?:ВПР|ОГЭ|ЕГЭ|ГИА|НИКО|PISA|РДР|КДР|РИКО|ДКР)\b|олимпиад", _I)
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?\s*%|\bдол[яиюей]\w*\b[^.]{0,60}\d", _I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_BREAKDOWN = re.compile(
    r"по\s+предмет|в\s+разрезе|по\s+(?:ОО|школам|организациям|классам|параллел)|\d+\s*-?х?\s+класс"
    r"|групп\w*\s+(?:ОО|школ)|кластер", _I,
)


@register_check("has_results_analysis", params=PartialParams)
def has_results_analysis(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """The municipal results are analysed: procedures, figures, dynamics or breakdowns."""
    procedures = [u for u in facts.units if _PROCEDURE.search(u.text)]
    figures = [u for u in facts.units if _QUANTITY.search(u.text)]
    years = {y for u in procedures + figures for y in _YEAR.findall(u.text)}
    dynamics = len(years) >= 2 or bool(facts.units_with("динамика"))
    breakdown = [u for u in procedures + figures if _BREAKDOWN.search(u.text)]
    evidence = unit_quotes(procedures[:1] + figures[:2] + breakdown[:1])
    missing = []
    if not procedures:
        missing.append("не названы оценочные процедуры (ВПР, ОГЭ, ЕГЭ…)")
    if not figures:
        missing.append("нет количественных результатов (доли, проценты)")
    if not (dynamics or breakdown):
        missing.append("нет динамики за несколько лет и разбивки по ОО/предметам")
    detail = ("В анализе " + "; ".join(missing) + ".") if missing else ""
    if procedures and figures and (dynamics or breakdown):
        return Verdict(1.0, evidence)
    if procedures or figures:
        return Verdict(param(criterion, "partial_score"), evidence, detail)
    return Verdict(0.0, [], detail)


_CAUSE = re.compile(
    r"в\s+связи\s+с|на\s+основании|по\s+итогам\s+анализа|по\s+результатам\s+анализа|с\s+целью"
    r"|в\s+целях|для\s+устранения|для\s+решения|для\s+преодоления|поэтому|так\s+как|обусловлен"
    r"|обоснов|следовательно|исходя\s+из|учитывая|с\s+уч[её]том\s+выявленн", _I,
)
_MEASURE_LEMMAS = frozenset(
    ["мера", "мероприятие", "решение", "рекомендация", "программа", "план", "организовать", "провести", "предлагаться", "планироваться", "направить", "курс", "семинар", "поддержка", "сопровождение", "включить", "назначить", "предусмотреть", "разработать", "рекомендовать", "рекомендоваться", "организовывать", "включаться", "усилить", "обеспечить", "направляться"]
)


@register_check("justifies_measures", params=JustificationParams)
def justifies_measures(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Measures are justified by the problems found in the analysis."""
    # a heading («3. Обоснование мер») is not a justification: sentences only
    proposals = [u for u in facts.units
                 if _MEASURE_LEMMAS & set(u.lemmas.split()) and len(WORD.findall(u.text)) >= 6]
    linked = [u for u in proposals if _CAUSE.search(u.text)]
    minimum: int = param(criterion, "min_links")
    if len(linked) >= minimum:
        return Verdict(1.0, unit_quotes(linked))
    if linked or proposals:
        detail = (
            f"Обоснованных мер: {len(linked)}, ожидается не меньше {minimum}."
            if linked else
            "Меры названы, но не связаны с выявленными проблемами («в связи с …», «для устранения …»)."
        )
        return Verdict(
            param(criterion, "partial_score"), unit_quotes(linked or proposals), detail
        )
    return Verdict(0.0, [], "В документе не предложены меры по итогам анализа.")


def _method_verdict(
    facts: DocumentFacts, criterion: Any, markers: tuple[str, ...], methods: frozenset[str], what: str
) -> Verdict:
    # substantive sentences first, section headings («3. Методы сбора информации») after
    marker_units = sorted(facts.units_with(*markers), key=lambda u: len(WORD.findall(u.text)) < 6)
    named: dict[str, Unit] = {}
    for unit in facts.units:
        for word in set(unit.lemmas.split()) & methods:
            named.setdefault(word, unit)
    minimum: int = param(criterion, "min_methods")
    evidence = unit_quotes(marker_units[:2] + list(named.values()))
    if marker_units and len(named) >= minimum:
        return Verdict(1.0, evidence)
    if marker_units or len(named) >= minimum:
        lack = f"не названы конкретные методы {what}" if marker_units else \
            f"нет описания порядка {what} по показателям"
        return Verdict(param(criterion, "partial_score"), evidence, f"В документе {lack}.")
    return Verdict(0.0, [], f"В документе не описаны методы {what}.")


@register_check("describes_collection_methods", params=MethodsParams)
def describes_collection_methods(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """How information is collected, per indicator."""
    return _method_verdict(
        facts, criterion,
        ("метод сбор", "способ сбор", "сбор информация", "сбор данные", "порядок сбор",
         "алгоритм сбор", "периодичность сбор", "источник информация", "источник данные"),
        frozenset(["анкетирование", "опрос", "наблюдение", "собеседование", "тестирование", "мониторинг", "отчетность", "выгрузка", "диагностика", "экспертиза", "интервью", "самообследование", "посещение", "статистический", "отчет"]),
        "сбора информации",
    )


@register_check("describes_processing_methods", params=MethodsParams)
def describes_processing_methods(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """How collected information is processed."""
    return _method_verdict(
        facts, criterion,
        ("метод обработка", "способ обработка", "обработка информация", "обработка данные",
         "обработка результат", "статистический обработка", "метод анализ"),
        frozenset(["расчет", "рассчитываться", "рассчитывать", "доля", "процент", "сравнение", "сравнивать", "динамика", "группировка", "кластеризация", "корреляция", "медиана", "интерпретация", "формула", "шкала", "индекс", "сопоставление", "агрегирование", "нормирование", "распределение"]),
        "обработки информации",
    )


_SYSTEM = re.compile(
    r"ФИС\s*ОКО|ФИС\s*ГИА|\bРИС\b(?:\s*ГИА)?|\b(?:ГИС|АИС|ИС)\s*«[^»]+»"
    r"|информационн\w+\s+(?:систем\w*|ресурс\w*|платформ\w*)\s*«[^»]+»|платформ\w*\s*«[^»]+»"
    r"|Сетевой\s+город|ЭлЖур|Дневник\.ру|Электронн\w+\s+школ\w*|Навигатор\w*\s+дополнительн\w*"
    r"|Яндекс[.\s]?Форм\w*|Google\s*Forms?|ЕГИССО|Сферум|Моя\s+школа|\bФРДО\b|\bЕИС\b", _I,
)
_SYSTEM_LINK = re.compile(r"показател|данн|результат|сбор|выгруз|отч[её]т|мониторинг|заполн", _I)


@register_check("names_information_systems", params=PartialParams)
def names_information_systems(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Which information systems are used, for which indicators and how."""
    named = [u for u in facts.units if _SYSTEM.search(u.text)]
    linked = [u for u in named if _SYSTEM_LINK.search(_SYSTEM.sub(" ", u.text))]
    generic = facts.units_with("информационный система", "информационный ресурс", "электронный журнал")
    if linked:
        return Verdict(1.0, unit_quotes(linked))
    if named or generic:
        return Verdict(
            param(criterion, "partial_score"), unit_quotes(named or generic),
            "Назовите конкретные системы и укажите, какие показатели и как в них собираются.",
        )
    return Verdict(0.0, [], "В документе не названы информационные системы.")


_ROLES = frozenset(
    ["руководитель", "директор", "заместитель", "учитель", "педагог", "родитель", "методист", "объединение", "воспитатель", "психолог", "тьютор", "наставник", "администрация", "команда", "организация", "школа", "учитель-предметник", "председатель"]
)
_GROUP = re.compile(
    r"кластер|ШНОР|школ\w*\s+с\s+низкими|групп\w*\s+(?:ОО|школ)|зон\w*\s+риска|\b(?:ШМО|ГМО|РМО)\b", _I
)
_DEFICIT = re.compile(
    r"дефицит|выявленн|по\s+итогам\s+анализа|по\s+результатам|низк\w+\s+результат|ниже\s+базов"
    r"|затруднени|проблем|не\s+справил|типичн\w+\s+ошибк|отставани|несформированн|слаб", _I,
)


def _addressees(unit: Unit) -> list[str]:
    found = [m.group(0) for m in SPECIFICS["named_schools"].finditer(unit.text)]
    found += [m.group(0) for m in _GROUP.finditer(unit.text)]
    for match in WORD.finditer(unit.text):
        word = match.group(0)
        if lemma(word.split("-")[0]) in _ROLES and any(
            "datv" in str(p.tag) for p in analyzer().parse(word)
        ):
            found.append(word)
    return found


def _is_recommendation(unit: Unit) -> bool:
    if any(f" {w} " in unit.lemmas for w in ("рекомендовать", "рекомендоваться", "рекомендация")):
        return True
    # an order-style line: «Учителям математики … провести …»
    words = WORD.findall(unit.text[:160])
    return any(analyzer().parse(w)[0].tag.POS == "INFN" for w in words[:12]) and bool(_addressees(unit))


@register_check("has_targeted_recommendations", params=RecommendationsParams)
def has_targeted_recommendations(facts: DocumentFacts, criterion: Any, rulebook: Any) -> Verdict:
    """Recommendations to concrete participants, aimed at the deficits found."""
    recommendations = [u for u in facts.units if _is_recommendation(u)]
    addressed = [u for u in recommendations if _addressees(u)]
    aimed = [u for u in addressed if _DEFICIT.search(u.text)]
    if aimed and len(addressed) >= 1:
        return Verdict(1.0, unit_quotes(aimed + addressed))
    if addressed:
        return Verdict(
            param(criterion, "partial_score"), unit_quotes(addressed),
            "Рекомендации адресованы, но не связаны с дефицитами, выявленными в анализе.",
        )
    if recommendations:
        return Verdict(
            param(criterion, "general_score"), unit_quotes(recommendations),
            "Рекомендации общие: назовите, кому они адресованы (школы, кластер, руководители, "
            "педагоги, родители).",
        )
    return Verdict(0.0, [], "В документе нет рекомендаций участникам образовательных отношений.")
