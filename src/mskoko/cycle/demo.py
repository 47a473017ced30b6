"""A realistic demonstration cycle for a municipality, built from the rulebook's catalogue.

``completeness`` makes the package full, ``partial`` (some measures without deadlines or
responsible, fewer references, fewer components) or ``weak`` (few tracks, no decisions, no
regional references, no effectiveness), so that a region comparison shows differences.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from mskoko.cycle.deadline import Deadline, Moment
from mskoko.cycle.model import (
    Decision,
    EffectivenessConclusion,
    Indicator,
    Measure,
    Method,
    MunicipalCycle,
    Recommendation,
    TrackCycle,
)

Completeness = Literal["full", "partial", "weak"]

AUTHORITY = "Управление образования"
CENTRE = "МКУ «Центр развития образования»"
HEADS = "руководители ОО"
METHOD_UNIONS = "городские методические объединения"

# Indicators per system: (name, unit, baseline, target)
INDICATORS: dict[str, list[tuple[str, str, float, float]]] = {
    "1.1": [("Доля ОО, в которых процедуры оценки проведены с общественным наблюдением", "%",
             72, 100),
            ("Доля ОО с признаками необъективности результатов ВПР", "%", 12, 5)],
    "1.2": [("Доля обучающихся ШНОР, не достигших базового уровня по математике", "%", 24, 15),
            ("Число ОО, перешедших в эффективный режим работы", "ед.", 0, 2)],
    "1.3": [("Доля обучающихся 5–11 классов, участвующих в олимпиадах и конкурсах", "%", 41, 55)],
    "2.1": [("Доля руководителей ОО, прошедших оценку эффективности", "%", 60, 100),
            ("Доля руководителей, включённых в кадровый резерв и прошедших обучение", "%",
             30, 70)],
    "2.2": [("Доля педагогов, прошедших диагностику профессиональных дефицитов", "%", 35, 60),
            ("Доля педагогов, прошедших повышение квалификации по ИОМ", "%", 20, 45)],
    "2.4": [("Доля ДОО с качеством образовательной среды не ниже базового уровня", "%", 70, 90)],
}
TASKS: dict[str, tuple[str, str]] = {
    "1.1": ("Обеспечение объективности процедур оценки", "Адресная работа с ОО по итогам анализа"),
    "1.2": ("Выявление и сопровождение ОО группы риска", "Адресная поддержка ОО"),
    "1.3": ("Расширение охвата детей мероприятиями", "Сопровождение одарённых детей"),
    "2.1": ("Оценка эффективности руководителей", "Развитие управленческих команд"),
    "2.2": ("Выявление профессиональных дефицитов", "Адресное повышение квалификации"),
    "2.4": ("Мониторинг качества дошкольного образования", "Поддержка ДОО"),
}
RESPONSIBLE_POOL = ([AUTHORITY], [CENTRE], [AUTHORITY, CENTRE], [CENTRE, HEADS],
                    [CENTRE, METHOD_UNIONS], [AUTHORITY, HEADS])
METHODS: dict[str, tuple[str, str]] = {
    "1.1": ("Сбор результатов ВПР и ОГЭ из ФИС ОКО и РИС ГИА, сопоставление с отметками журнала",
            "ФИС ОКО"),
    "1.2": ("Ежегодный расчёт доли обучающихся ниже базового уровня по ВПР, ОГЭ, РДР", "ФИС ОКО"),
    "1.3": ("Учёт участия и результатов олимпиад и конкурсов в региональной базе", "Навигатор "
            "дополнительного образования"),
    "2.1": ("Анкетирование и расчёт показателей эффективности руководителей по методике региона",
            "региональная информационная система мониторинга"),
    "2.2": ("Диагностика профессиональных дефицитов педагогов, учёт ИОМ", "ЦНППМ"),
    "2.4": ("Самооценка и внешняя оценка ДОО по шкалам МКДО", "система мониторинга МКДО"),
}
FLAG_TRACKS = {"objectivity_risk": "1.1.1", "low_results": "1.2.1", "risk_zone": "1.2.2"}
FLAG_MEASURES = {
    "objectivity_risk": ("Организация перепроверки работ ВПР с привлечением внешних экспертов и "
                         "общественного наблюдения в ОО с признаками необъективности: {schools}",
                         "1.1.1-03"),
    "low_results": ("Разработка и сопровождение программ перехода в эффективный режим работы "
                    "в ОО с низкими результатами: {schools}", "1.2.1-03"),
    "risk_zone": ("Разработка плана действий по поддержке ОО в зоне риска снижения "
                  "результатов: {schools}", "1.2.2-03"),
}
FLAG_RECOMMENDATIONS = {
    "objectivity_risk": "провести внутренний анализ расхождения отметок ВПР и текущих отметок, "
                        "обеспечить видеонаблюдение и независимых наблюдателей",
    "low_results": "скорректировать программу перехода в эффективный режим, организовать "
                   "адресную помощь обучающимся ниже базового уровня",
    "risk_zone": "провести самодиагностику по профилю рисков, включить педагогов в "
                 "сетевые методические объединения",
}


# (stems of the measure's words, its expected result); {n} is filled with a plausible number
RESULTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("наблюдател",), "Общественное наблюдение на 100 % оценочных процедур в ОО"),
    (("видеонаблюд",), "Видеонаблюдение в 100 % аудиторий проведения ВПР и РДР"),
    (("перепровер", "проверк"), "Перепроверено не менее {n} % работ; расхождения "
                                "разобраны с ОО"),
    (("соглашен", "партнер", "партнёр"), "Каждая ОО группы риска работает в паре со школой "
                                         "с высокими результатами"),
    (("резерв",), "Сформирован кадровый резерв; обучение прошли не менее {n} кандидатов"),
    (("заявк", "квалификац", "стажиров"), "Не менее {n} педагогов и руководителей прошли "
                                          "обучение"),
    (("конкурс", "смен", "олимпиад", "охват"), "Доля участников увеличена не менее чем на "
                                               "5 п. п."),
    (("мониторинг", "анализ"), "Аналитическая справка; адресные рекомендации ОО"),
    (("семинар", "обучающ", "методическ", "консульт", "разъяснит", "совещан"),
     "Проведено не менее {n} мероприятий; охват — 100 % ОО"),
    (("программ", "план", "график", "циклограм"), "Документы утверждены и реализуются во "
                                                  "всех ОО группы"),
)


def _result(text: str, indicators: list[Indicator], rng: random.Random) -> str:
    """The expected result of a measure: by what it does, else the track's indicator."""
    lowered = text.lower()
    for stems, result in RESULTS:
        if any(stem in lowered for stem in stems):
            return result.format(n=rng.choice([3, 4, 10, 15, 20]))
    if indicators:
        indicator = indicators[0]
        return (f"Вклад в достижение показателя «{indicator.name}»: "
                f"{_value(indicator.target, indicator.unit)} к {indicator.year} г.")
    return "Мероприятие выполнено в срок; отчёт о выполнении"


def _value(number: float | None, unit: str) -> str:
    shown = "—" if number is None else f"{number:g}".replace(".", ",")
    return f"{shown} {unit}" if unit and number is not None else shown


def _carried_out(deadline: Deadline | None, year: int, rng: random.Random) -> Deadline:
    """When a measure was actually carried out: a day or a short period inside its deadline."""
    last = deadline.last_day() if deadline is not None and deadline.is_dated else None
    if last is None:  # a recurrence: the sessions of the school part of the year
        return Deadline.between(Moment(year, rng.choice([2, 3])), Moment(year, rng.choice([10,
                                                                                          11])))
    first = deadline.first_day() if deadline is not None else None
    first = first or last - dt.timedelta(days=40)
    if (last - first).days <= 31:
        return Deadline.between(first, last) if first < last else Deadline.on(first)
    return Deadline.on(first + dt.timedelta(days=rng.randrange((last - first).days)))


# how far from the baseline to the target the indicator moved, by the verdict
PROGRESS = {"yes": (0.85, 1.0), "partly": (0.35, 0.65), "no": (0.0, 0.15)}


def _conclusion(verdict: str, indicator: Indicator | None, rng: random.Random) -> str:
    """What the measure changed, in the track's indicator (not in average scores)."""
    if indicator is None or indicator.baseline is None or indicator.target is None:
        return {"yes": "Ожидаемый результат достигнут", "partly": "Ожидаемый результат "
                "достигнут частично", "no": "Ожидаемый результат не достигнут"}[verdict]
    low, high = PROGRESS[verdict]
    reached = indicator.baseline + (indicator.target - indicator.baseline) * rng.uniform(low, high)
    reached = round(reached) if float(indicator.baseline).is_integer() else round(reached, 1)
    text = (f"Показатель «{indicator.name}»: {_value(indicator.baseline, indicator.unit)} → "
            f"{_value(reached, indicator.unit)} при целевом значении "
            f"{_value(indicator.target, indicator.unit)}")
    if verdict == "no":
        text += "; причины разобраны, мера будет скорректирована"
    return text


def _deadline(index: int, year: int, rng: random.Random) -> Deadline:
    choice = (index + rng.randrange(3)) % 5
    if choice == 0:
        month = rng.choice([2, 3, 9, 10])
        return Deadline.between(Moment(year, month), Moment(year, month + 1))
    if choice == 1:
        return Deadline.on(Moment(year, rng.choice([3, 4, 10, 11])))
    if choice == 2:
        start = dt.date(year, rng.choice([2, 9, 10]), 1)
        return Deadline.between(start, start + dt.timedelta(days=rng.choice([20, 30])))
    if choice == 3:
        return Deadline.by(dt.date(year, rng.choice([5, 6, 12]), rng.choice([1, 15, 20])))
    return Deadline.every(rng.choice(["yearly", "quarterly", "school_year"]))


def _flagged(flags: Any, org_names: dict[str, str] | None) -> dict[str, list[str]]:
    """School names per flag, strongest first (at most three per flag)."""
    if flags is None or len(flags) == 0:
        return {}
    import pandas as pd

    names = org_names or {}
    result: dict[str, list[str]] = {}
    frame = flags.copy()
    if "year" in frame:
        frame = frame[frame["year"] == frame["year"].max()]
    # severity is a number 0..1 or a level (CONTRACT.md): rank both the same way
    levels = {"high": 0.9, "medium": 0.6, "low": 0.3, "высокая": 0.9, "средняя": 0.6,
              "низкая": 0.3}
    raw = frame.get("severity", pd.Series(0, index=frame.index))
    frame["_severity"] = pd.to_numeric(raw, errors="coerce").fillna(
        raw.astype(str).str.lower().map(levels)).fillna(0)
    for flag, group in frame.groupby("flag"):
        ordered = group.sort_values("_severity", ascending=False, kind="stable")
        schools = list(dict.fromkeys(names.get(str(o), str(o)) for o in ordered["org_id"]))
        result[str(flag)] = schools[:3]
    return result


def _track_cycle(
    system_id: str, track: Any, number: int, rulebook: Any, year: int, rng: random.Random,
    schools: dict[str, list[str]], quality: Completeness,
) -> TrackCycle:
    catalogue = rulebook.catalogue
    documents = catalogue.documents_for_track(track.id)
    examples = catalogue.measures_for_track(track.id)
    tasks = TASKS.get(system_id, ("Реализация мер трека", "Адресная работа с ОО"))
    cycle = TrackCycle(track_id=track.id, goal=track.goal)
    indicators = [Indicator(n, u, b, t, year) for n, u, b, t in INDICATORS.get(system_id, [])]
    picked = examples[: 4 if quality == "full" else 3]
    texts = [(e.text, e.id) for e in picked]
    for flag, flagged_track in FLAG_TRACKS.items():
        if flagged_track == track.id and schools.get(flag):
            template, measure_id = FLAG_MEASURES[flag]
            texts.append((template.format(schools=", ".join(schools[flag])), measure_id))
    for index, (text, example_id) in enumerate(texts, start=1):
        document = documents[(index - 1) % len(documents)] if documents else None
        measure = Measure(
            number=f"{number}.{index}",
            task=tasks[0] if index <= 2 else tasks[1],
            text=text,
            deadline=_deadline(index, year, rng),
            responsible=list(RESPONSIBLE_POOL[(index + number) % len(RESPONSIBLE_POOL)]),
            result=_result(text, indicators, rng),
            regional_document_id=document.id if document else None,
            regional_measure_id=example_id,
        )
        if quality != "full":
            _degrade(measure, index, quality)
        cycle.measures.append(measure)
    if quality == "weak":
        return cycle
    cycle.indicators = indicators
    if quality == "full":
        method, system = METHODS.get(system_id, ("Сбор данных мониторинга", "ФИС ОКО"))
        cycle.collection_methods = [Method(method, system, [i.name for i in cycle.indicators])]
        cycle.monitoring = [f"Мониторинг показателей трека {track.id}: сбор данных — "
                            f"{'март, октябрь' if rng.random() < 0.5 else 'май, декабрь'} {year} г."]
        cycle.analysis = [f"Анализ результатов мониторинга по ОО в сравнении с группами ОО в "
                          f"сходных условиях ({year - 1} г.)"]
        cycle.recommendations = [Recommendation("руководители ОО",
                                                "учесть результаты мониторинга в планах ВСОКО")]
        for flag, flagged_track in FLAG_TRACKS.items():
            if flagged_track == track.id:
                cycle.recommendations += [Recommendation(s, FLAG_RECOMMENDATIONS[flag])
                                          for s in schools.get(flag, [])]
    order_number = f"{rng.randint(10, 240)}-о"
    cycle.decisions = [Decision(
        "order", f"О реализации мер трека «{track.title}» в {year} году", order_number,
        dt.date(year, 1, rng.randint(10, 28)),
    )]
    if quality == "full":
        cycle.decisions.append(Decision(
            "protocol", f"Совещание руководителей ОО по итогам мониторинга трека {track.id}",
            str(rng.randint(1, 12)), dt.date(year, rng.choice([5, 6, 11]), rng.randint(1, 28)),
        ))
        verdicts = ("yes", "yes", "partly", "yes", "no")
        for index, (measure, verdict) in enumerate(zip(cycle.measures, verdicts, strict=False)):
            indicator = indicators[index % len(indicators)] if indicators else None
            cycle.effectiveness.append(EffectivenessConclusion(
                measure.number, _carried_out(measure.deadline, year, rng),
                f"Мероприятие «{measure.text.rstrip('.')}» проведено, участвовали "
                f"{rng.randint(8, 30)} ОО",
                _conclusion(verdict, indicator, rng),
                verdict,  # type: ignore[arg-type]
            ))
    return cycle


def _degrade(measure: Measure, index: int, quality: Completeness) -> None:
    if quality == "partial":
        if index % 3 == 0:
            measure.deadline = None
        if index % 3 == 2:
            measure.responsible = []
        if index % 2 == 0:
            measure.regional_document_id = measure.regional_measure_id = None
        return
    measure.regional_document_id = measure.regional_measure_id = None
    measure.result = "" if index % 2 else measure.result
    if index % 2 == 0:
        measure.deadline = None
    if index % 3 != 1:
        measure.responsible = []


def _network(registry: Sequence[Mapping[str, Any]] | None, rng: random.Random,
             small_below: int) -> str:
    """The school network in words: from the registry when given, else an invented one."""
    if registry is None:
        network = rng.randint(14, 40)
        rural = rng.randint(3, network // 3)
        return (f"{network} общеобразовательных организаций, из них {rural} сельских и "
                f"малокомплектных ОО с подвозом обучающихся")
    schools = [o for o in registry if (o.get("org_type") or "school") == "school"]
    rural = sum(1 for o in schools if o.get("settlement") == "rural")
    small = sum(1 for o in schools if (o.get("students") or 0) < small_below)
    return (f"{len(schools)} общеобразовательных организаций, из них {rural} сельских, "
            f"{small} малочисленных (менее {small_below} обучающихся)")


def _specifics(name: str, schools: dict[str, list[str]], rng: random.Random,
               registry: Sequence[Mapping[str, Any]] | None, small_below: int) -> str:
    parts = [
        f"{name}: {_network(registry, rng, small_below)}",
        "кадровый дефицит учителей математики и физики, высокая доля педагогов старше 55 лет",
        "часть ОО работает в сложных социальных условиях (высокая доля семей с низким уровнем "
        "дохода)",
    ]
    flagged = [s for names in schools.values() for s in names]
    if flagged:
        parts.append("по результатам анализа выделены ОО для адресной работы: "
                     + ", ".join(dict.fromkeys(flagged)))
    return "; ".join(parts) + "."


def build_demo_cycle(
    municipality_id: str,
    municipality_name: str,
    rulebook: Any,
    *,
    year: int = 2025,
    flags: Any = None,
    org_names: dict[str, str] | None = None,
    completeness: Completeness = "full",
    seed: int = 0,
    registry: Sequence[Mapping[str, Any]] | None = None,
) -> MunicipalCycle:
    """A roadmap over the edition's scored tracks with concrete catalogue ids; schools named by
    the analysis flags get targeted measures and recommendations. ``registry`` (the
    municipality's organisations as contract rows) grounds the description of its network."""
    if completeness not in ("full", "partial", "weak"):
        raise ValueError(f"completeness must be full, partial or weak, not {completeness!r}")
    rng = random.Random(seed * 7919 + zlib.crc32(municipality_id.encode("utf-8")))
    schools = _flagged(flags, org_names)
    scored = [(s, t) for s, t in rulebook.tracks() if s.scored]
    if completeness == "partial":
        scored = scored[: max(1, (len(scored) * 2) // 3)]
    elif completeness == "weak":
        scored = scored[: max(1, len(scored) // 3)]
    tracks = [
        _track_cycle(system.id, track, number, rulebook, year, rng, schools, completeness)
        for number, (system, track) in enumerate(scored, start=1)
    ]
    small_below = int(rulebook.setting("size_bands")[0])
    specifics = (_specifics(municipality_name, schools, rng, registry, small_below)
                 if completeness != "weak" else "")
    return MunicipalCycle(municipality_id, municipality_name, year, tracks, specifics)


__all__ = ["build_demo_cycle"]
