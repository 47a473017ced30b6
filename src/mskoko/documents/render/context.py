"""What the templates show, computed from a cycle and the rulebook (plain dicts of text)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from mskoko.cycle.deadline import Deadline
from mskoko.cycle.model import (
    EFFECTIVE_TITLES,
    STAGE_TITLES,
    STAGES,
    EventStep,
    Measure,
    MunicipalCycle,
    TrackCycle,
)
from mskoko.documents.render.typography import typographed

DOC_TYPE_TITLES = {"order": "Приказ", "letter": "Письмо", "resolution": "Постановление"}


@lru_cache(maxsize=64)
def _genitive(issuer: str) -> str:
    """«Министерство образования и науки …» → «Министерства образования и науки …»."""
    from mskoko.documents.morph import analyzer

    first, _, rest = issuer.partition(" ")
    parse = analyzer().parse(first)[0]
    form = parse.inflect({"gent"})
    if form is None:
        return issuer
    word = form.word
    word = word[0].upper() + word[1:] if first[:1].isupper() else word
    return f"{word} {rest}".strip()


SETTLEMENT_WORDS = {"город", "поселок", "посёлок", "село", "деревня", "станица", "пгт"}


def _cased(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


@lru_cache(maxsize=256)
def genitive_phrase(name: str) -> str | None:
    """«Копейский городской округ» → «Копейского городского округа»; None when unsure.

    Adjectives agree with the head noun (the first noun); after a settlement word («город
    Копейск») its proper name is inflected too; the rest («Челябинской области») is kept.
    """
    from mskoko.documents.morph import analyzer

    morph = analyzer()
    words = name.split()
    # the head is the first word most likely a noun («Копейский» may also parse as a surname)
    head = next((i for i, w in enumerate(words) if w.isalpha()
                 and "NOUN" in morph.parse(w)[0].tag
                 and any("NOUN" in p.tag and "nomn" in p.tag for p in morph.parse(w))), None)
    if head is None:
        return None
    noun = next(p for p in morph.parse(words[head]) if "NOUN" in p.tag and "nomn" in p.tag)
    out: list[str] = []
    for index, word in enumerate(words):
        inflect = index <= head or (
            index == head + 1 and noun.normal_form in SETTLEMENT_WORDS and word.isalpha())
        if not inflect:
            out.append(word)
            continue
        if not word.isalpha():
            return None
        wanted = {"NOUN"} if index == head else {"ADJF"} if index < head else {"NOUN", "ADJF"}
        parses = [p for p in morph.parse(word) if p.tag.POS in wanted and "nomn" in p.tag
                  and (p.tag.POS == "NOUN" or noun.tag.gender in p.tag
                       or noun.tag.number == "plur")]
        form = parses[0].inflect({"gent", noun.tag.number or "sing"}) if parses else None
        if form is None:
            return None
        # «Город Звёздный» → «города Звёздного»: a settlement word is a common noun mid-sentence
        common = index == head and noun.normal_form in SETTLEMENT_WORDS
        out.append(form.word if common else _cased(form.word, word))
    return " ".join(out)


def authority_name(municipality_name: str) -> str:
    """The education authority of a municipality, as an order's letterhead names it."""
    genitive = genitive_phrase(municipality_name)
    return f"Управление образования {genitive}" if genitive else \
        f"Управление образования ({municipality_name})"


def citation(document: Any) -> str:
    """«Приказ Министерства … от 01.07.2022 № 01/1339 «Об утверждении …»»."""
    kind = DOC_TYPE_TITLES.get(document.doc_type, "")
    parts = [kind] if kind else []
    if kind and document.issuer:
        parts.append(_genitive(document.issuer))
    if document.date:
        parts.append(f"от {document.date:%d.%m.%Y}")
    if document.number:
        parts.append(f"№ {document.number}")
    title = document.title if not parts else f"«{document.title}»"
    return typographed(" ".join([*parts, title]))


def regional_reference(measure: Measure, rulebook: Any) -> str:
    """The «Региональный документ, мера» cell: the document, then «мера: «…»»."""
    pieces: list[str] = []
    documents = {d.id: d for d in rulebook.catalogue.regional_documents}
    examples = {m.id: m for m in rulebook.catalogue.example_measures}
    if measure.regional_document_id in documents:
        pieces.append(citation(documents[measure.regional_document_id]))
    if measure.regional_measure_id in examples:
        pieces.append(typographed(f"мера: «{examples[measure.regional_measure_id].text}»"))
    return "; ".join(pieces)


def measure_row(measure: Measure, rulebook: Any) -> dict[str, str]:
    return {
        "number": measure.number,
        "task": typographed(measure.task),
        "text": typographed(measure.text),
        "deadline": measure.deadline_text,
        "responsible": typographed(measure.responsible_text),
        "result": typographed(measure.result),
        "regional": regional_reference(measure, rulebook),
    }


def _titles(track_id: str, rulebook: Any) -> tuple[str, str]:
    try:
        system = rulebook.system_of_track(track_id)
        return rulebook.track(track_id).title, f"Система {system.id}. {system.title}"
    except Exception:  # an unknown track is shown by its id (validation reports it)
        return f"трек {track_id}", ""


def indicator_line(indicator: Any) -> str:
    return typographed(f"показатель «{indicator.name}»: " + indicator.render().split(": ", 1)[1])


def roadmap_context(cycle: MunicipalCycle, rulebook: Any) -> dict[str, Any]:
    tracks = []
    previous = None
    for track in cycle.tracks:
        title, system = _titles(track.track_id, rulebook)
        # the system's heading once, above its first track
        shown, previous = ("" if system == previous else system), system
        tracks.append({
            "id": track.track_id, "title": typographed(title), "system": typographed(shown),
            "goal": typographed(track.goal) or "не сформулирована",
            "indicators": [indicator_line(i) for i in track.indicators],
            "measures": [measure_row(m, rulebook) for m in track.measures],
        })
    return {
        "annex": "Приложение к приказу № ___ от ___",
        "subtitle": typographed(
            f"по реализации муниципальных механизмов управления качеством образования "
            f"на {cycle.year} год"),
        "municipality_name": typographed(cycle.municipality_name),
        "specifics": typographed(cycle.specifics),
        "tracks": tracks,
    }


def _span(deadline: Deadline | None, year: int) -> tuple[dt.date, dt.date]:
    """The days an event occupies: its deadline's span, else the school part of the year."""
    if deadline is not None and deadline.kind == "until" and deadline.end is not None:
        end = deadline.end.last_day()
        return end - dt.timedelta(days=45), end
    if deadline is not None and deadline.is_dated:
        first, last = deadline.first_day(), deadline.last_day()
        if first and last:
            if (last - first).days < 14:  # a one-day event: prepare before, analyse after
                return first - dt.timedelta(days=21), last + dt.timedelta(days=14)
            return first, last
    return dt.date(year, 1, 15), dt.date(year, 12, 15)


def default_events(measure: Measure, year: int) -> list[EventStep]:
    """A three-stage plan for a measure that has none: prepare, carry out, analyse."""
    first, last = _span(measure.deadline, year)
    length = (last - first).days
    cut1 = first + dt.timedelta(days=max(1, length // 5))
    cut2 = last - dt.timedelta(days=max(1, length // 5))
    lead = measure.responsible[:1] or ["Управление образования"]
    everyone = measure.responsible or lead
    prep = Deadline.between(first, cut1 - dt.timedelta(days=1))
    act = Deadline.between(cut1, cut2)
    ana = Deadline.between(cut2 + dt.timedelta(days=1), last)
    text = measure.text.rstrip(".")
    return [
        EventStep("preparatory", "Подготовка приказа о проведении мероприятия, определение "
                  "состава участников и ответственных", prep, lead),
        EventStep("preparatory", "Информирование образовательных организаций о целях, сроках "
                  "и порядке проведения мероприятия", prep, lead),
        EventStep("active", text, act, everyone),
        EventStep("active", "Методическое сопровождение и консультирование участников", act,
                  everyone),
        EventStep("analytical", "Анализ результатов мероприятия, подготовка аналитической "
                  "справки", ana, lead),
        EventStep("analytical", "Подготовка заключения об эффективности и предложений по "
                  "управленческим решениям", ana, lead),
    ]


def _stage_period(steps: list[EventStep]) -> str:
    firsts = [s.deadline.first_day() for s in steps if s.deadline and s.deadline.first_day()]
    lasts = [s.deadline.last_day() for s in steps if s.deadline and s.deadline.last_day()]
    if not firsts or not lasts:
        return ""
    return f" (с {min(firsts):%d.%m.%Y} по {max(lasts):%d.%m.%Y})"


def event_plan_context(
    cycle: MunicipalCycle, track: TrackCycle, measure: Measure, rulebook: Any
) -> dict[str, Any]:
    events = measure.events or default_events(measure, cycle.year)
    stages = []
    for index, stage in enumerate(STAGES, start=1):
        steps = [e for e in events if e.stage == stage]
        if not steps:
            continue
        stages.append({
            "title": STAGE_TITLES[stage] + _stage_period(steps),
            "steps": [{
                "number": f"{index}.{n}", "text": typographed(step.text),
                "deadline": step.deadline.render() if step.deadline else "",
                "responsible": typographed(", ".join(step.responsible)),
            } for n, step in enumerate(steps, start=1)],
        })
    basis = regional_reference(measure, rulebook) if rulebook is not None else ""
    if basis and measure.regional_measure_id:
        basis = basis.replace("; мера:", "; региональная мера", 1)
    title, _ = _titles(track.track_id, rulebook) if rulebook is not None else (track.track_id, "")
    return {
        "title": typographed(measure.text),
        "context_line": typographed(
            f"Мера № {measure.number} дорожной карты ({cycle.municipality_name}, {cycle.year} год), "
            f"трек {track.track_id} «{title}»"),
        "basis": basis,
        "specifics": typographed(cycle.specifics),
        "stages": stages,
        "result": typographed(measure.result),
    }


def _period_of(track: TrackCycle, year: int) -> str:
    lasts = [m.deadline.last_day() for m in track.measures if m.deadline and m.deadline.is_dated]
    last = max((d for d in lasts if d), default=dt.date(year, 12, 31))
    return f"{max(last, dt.date(year, 12, 31)):%d.%m.%Y}"


def order_context(cycle: MunicipalCycle, rulebook: Any) -> dict[str, Any]:
    documents = {d.id: d for d in rulebook.catalogue.regional_documents}
    cited = list(dict.fromkeys(
        m.regional_document_id for _, m in cycle.measures() if m.regional_document_id in documents
    ))[:4]
    basis = "; ".join(citation(documents[d]) for d in cited)
    preamble = "В целях реализации регионального управленческого цикла и муниципальных "\
        "механизмов управления качеством образования"
    if basis:
        preamble += f", в соответствии с {basis.replace('Приказ ', 'приказом ', 1)}"
    if cycle.specifics:
        preamble += ", с учётом специфики муниципалитета и результатов анализа"
    preamble += ","
    points = [
        f"Утвердить дорожную карту (план мероприятий) по реализации муниципальных механизмов "
        f"управления качеством образования на {cycle.year} год (приложение) в срок до "
        f"31.01.{cycle.year} (ответственные: Управление образования).",
    ]
    for track in cycle.tracks:
        if not track.measures:
            continue
        title, _ = _titles(track.track_id, rulebook)
        parties = list(dict.fromkeys(p for m in track.measures for p in m.responsible))[:3] \
            or ["Управление образования"]
        points.append(
            f"Обеспечить выполнение мероприятий трека {track.track_id} «{title}» в сроки, "
            f"установленные дорожной картой; срок исполнения — до "
            f"{_period_of(track, cycle.year)} (ответственные: {', '.join(parties)})."
        )
    points.append(
        f"Руководителям общеобразовательных организаций обеспечить участие в мероприятиях "
        f"дорожной карты и представить отчёты о выполнении в срок до 15.12.{cycle.year}."
    )
    points.append(
        f"Подготовить заключение об эффективности принятых мер в срок до 25.12.{cycle.year} "
        f"(ответственные: МКУ «Центр развития образования»)."
    )
    points.append("Контроль за исполнением приказа оставляю за собой.")
    return {
        "authority": typographed(authority_name(cycle.municipality_name)),
        "year": cycle.year,
        "title": typographed(
            f"Об утверждении дорожной карты по реализации муниципальных механизмов управления "
            f"качеством образования на {cycle.year} год"),
        "preamble": typographed(preamble),
        "points": [typographed(f"{n}. {p}") for n, p in enumerate(points, start=1)],
        "signature": "Начальник Управления образования  ____________  /________________/",
    }


def effectiveness_context(cycle: MunicipalCycle, rulebook: Any = None) -> dict[str, Any]:
    tracks = []
    counts = {"yes": 0, "partly": 0, "no": 0}
    for track in cycle.tracks:
        if not track.effectiveness:
            continue
        measures = {m.number: m for m in track.measures}
        rows = []
        for item in track.effectiveness:
            measure = measures.get(item.measure_number)
            verdict = EFFECTIVE_TITLES.get(item.effective or "", "")
            if item.effective:
                counts[item.effective] += 1
            conclusion = " ".join(part for part in (
                item.done.rstrip(".") + "." if item.done else "",
                item.conclusion.rstrip(".") + "." if item.conclusion else "",
                f"Вывод: {verdict}." if verdict else "",
            ) if part)
            rows.append({
                "number": item.measure_number,
                "text": typographed(measure.text if measure else item.done),
                "dates": item.dates.render() if item.dates else
                (measure.deadline_text if measure else ""),
                "conclusion": typographed(conclusion),
            })
        title = _titles(track.track_id, rulebook)[0] if rulebook is not None else ""
        tracks.append({"id": track.track_id, "title": typographed(title), "rows": rows})
    total = sum(counts.values())
    summary = ""
    if total:
        summary = (f"Итого оценено мер: {total}; эффективны — {counts['yes']}, частично "
                   f"эффективны — {counts['partly']}, не дали ожидаемого результата — "
                   f"{counts['no']}.")
    return {"municipality_name": typographed(cycle.municipality_name), "year": cycle.year,
            "tracks": tracks, "summary": summary}
