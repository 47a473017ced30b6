"""Problems of a cycle against the rulebook, all at once, in Russian (with reason codes)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from mskoko.cycle.model import MunicipalCycle, TrackCycle
from mskoko.errors import Problem


def _where(track: TrackCycle, number: str | None = None) -> str:
    return f"трек {track.track_id}" + (f", мера № {number}" if number else "")


def validate_cycle(cycle: MunicipalCycle, rulebook: Any) -> list[Problem]:
    """Every problem found: unknown tracks and catalogue ids, measures without deadline or
    responsible, duplicate numbers, conclusions about measures that do not exist."""
    problems: list[Problem] = []
    tracks = {t.id: t for _, t in rulebook.tracks()}
    documents = {d.id: d for d in rulebook.catalogue.regional_documents}
    examples = {m.id: m for m in rulebook.catalogue.example_measures}

    def add(message: str, code: str, column: str | None = None, value: str | None = None) -> None:
        problems.append(Problem(message, column=column, value=value, code=code))

    seen = Counter(t.track_id for t in cycle.tracks)
    for track_id, count in seen.items():
        if count > 1:
            add(f"трек {track_id} описан {count} раза: объедините его меры в один трек",
                "duplicate_track")
    numbers = Counter(m.number for _, m in cycle.measures())
    for number, count in numbers.items():
        if count > 1:
            add(f"номер меры {number} повторяется {count} раза: номера в дорожной карте "
                "должны быть разными", "duplicate_measure_number", "№", number)

    for track in cycle.tracks:
        if track.track_id not in tracks:
            add(f"трек {track.track_id} не найден в правилах {rulebook.id}; известные треки: "
                + ", ".join(tracks), "unknown_track", "трек", track.track_id)
        if not track.goal.strip():
            add(f"{_where(track)}: не сформулирована цель", "track_without_goal", "цель")
        for indicator in track.indicators:
            if indicator.target is None:
                add(f"{_where(track)}: у показателя «{indicator.name}» нет целевого значения",
                    "indicator_without_target", "показатели")
        own = {m.number for m in track.measures}
        for measure in track.measures:
            where = _where(track, measure.number)
            if not measure.text.strip():
                add(f"{where}: не указано содержание меры", "measure_without_text",
                    "Мера/мероприятие")
            if measure.deadline is None:
                add(f"{where}: не указан срок (дата, месяц, период или «ежегодно»)",
                    "measure_without_deadline", "Сроки")
            if not measure.responsible:
                add(f"{where}: не указан ответственный исполнитель",
                    "measure_without_responsible", "Ответственные исполнители")
            if not measure.result.strip():
                add(f"{where}: не указан ожидаемый результат или показатель",
                    "measure_without_result", "Результаты/показатели")
            doc_id = measure.regional_document_id
            if doc_id:
                if doc_id not in documents:
                    add(f"{where}: региональный документ «{doc_id}» не найден в каталоге правил",
                        "unknown_regional_document", "Региональный документ", doc_id)
                elif track.track_id not in documents[doc_id].tracks:
                    add(f"{where}: региональный документ «{doc_id}» в каталоге относится к "
                        f"трекам {', '.join(documents[doc_id].tracks)}, а не к {track.track_id}",
                        "regional_document_other_track", "Региональный документ", doc_id)
            measure_id = measure.regional_measure_id
            if measure_id:
                if measure_id not in examples:
                    add(f"{where}: региональная мера «{measure_id}» не найдена в каталоге правил",
                        "unknown_regional_measure", "Региональная мера", measure_id)
                elif examples[measure_id].track != track.track_id:
                    add(f"{where}: региональная мера «{measure_id}» относится к треку "
                        f"{examples[measure_id].track}", "regional_measure_other_track",
                        "Региональная мера", measure_id)
            if not doc_id and not measure_id:
                add(f"{where}: нет ссылки на региональный документ и региональную меру",
                    "measure_without_regional_reference", "Региональный документ")
        for decision in track.decisions:
            if not decision.number or decision.date is None:
                add(f"{_where(track)}: у решения «{decision.title}» нет номера или даты",
                    "decision_without_requisites", "решения")
        for conclusion in track.effectiveness:
            if conclusion.measure_number not in own:
                add(f"{_where(track)}: заключение об эффективности относится к мере "
                    f"№ {conclusion.measure_number}, которой нет в треке",
                    "conclusion_for_unknown_measure", "эффективность", conclusion.measure_number)
    return problems


__all__ = ["validate_cycle"]
