"""The average-score penalty in both directions: averages or rankings cost points; levels with
confirmed objectivity do not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mskoko.documents.check import check_documents

TITLE = "# Аналитическая справка по результатам ВПР 2023 года\n\n"
LEVELS = (
    "Доля обучающихся, не достигших базового уровня, по математике составила 14 % "
    "в 2023 году против 17 % в 2022 году.\n\n"
)
CONFIRMED = "Объективность результатов подтверждена: признаков необъективности не выявлено.\n\n"


def _penalties(tmp_path: Path, rulebook: Any, body: str) -> list[dict[str, Any]]:
    path = tmp_path / "report.md"
    path.write_text(TITLE + body, encoding="utf-8")
    [document] = check_documents([path], rulebook)["documents"]
    assert document["kind"] == "analytical_report"
    return document["penalties"]  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        (LEVELS + "Средний балл по математике составил 3,6.\n", "Средний балл по математике составил 3,6."),
        (LEVELS + "Качество знаний по району — 52 %, успеваемость — 91 %.\n",
         "Качество знаний по району — 52 %, успеваемость — 91 %."),
        # a ranking is penalised even when objectivity is confirmed
        (LEVELS + CONFIRMED + "Составлен рейтинг ОО по среднему баллу ВПР.\n",
         "Составлен рейтинг ОО по среднему баллу ВПР."),
        (LEVELS + "Школы ранжированы по среднему баллу: лучшие результаты у МАОУ «Лицей № 1».\n",
         "Школы ранжированы по среднему баллу: лучшие результаты у МАОУ «Лицей № 1»."),
    ],
)
def test_averages_without_confirmed_objectivity_or_any_ranking_are_penalised(
    tmp_path: Path, rulebook: Any, body: str, quoted: str
) -> None:
    [penalty] = _penalties(tmp_path, rulebook, body)
    assert penalty["rule"] == "average_score_ranking"
    assert penalty["points"] == rulebook.penalty("average_score_ranking").points
    assert quoted in penalty["evidence"]


@pytest.mark.parametrize(
    "body",
    [
        LEVELS + CONFIRMED,
        # averages mentioned, objectivity confirmed, no ranking
        LEVELS + CONFIRMED + "Средний балл по математике составил 3,6.\n",
        # the markers occur only in negations
        LEVELS + "Средние баллы не используются, рейтингование ОО не проводится.\n\n"
        "Анализ построен без рейтингов и без средних баллов.\n",
    ],
)
def test_level_based_analysis_is_not_penalised(tmp_path: Path, rulebook: Any, body: str) -> None:
    assert _penalties(tmp_path, rulebook, body) == []


def test_table_sorted_by_mean_is_a_ranking(tmp_path: Path, rulebook: Any) -> None:
    table = (
        "| ОО | Средний балл |\n| --- | --- |\n| МАОУ «Лицей № 1» | 4,3 |\n"
        "| МБОУ «СОШ № 2» | 3,9 |\n| МКОУ «ООШ № 9» | 3,1 |\n"
    )
    [penalty] = _penalties(tmp_path, rulebook, LEVELS + CONFIRMED + table)
    assert any("упорядочена по столбцу «Средний балл»" in q for q in penalty["evidence"])


def test_unsorted_table_of_means_with_confirmed_objectivity_is_not_a_ranking(
    tmp_path: Path, rulebook: Any
) -> None:
    table = (
        "| ОО | Средний балл |\n| --- | --- |\n| МБОУ «СОШ № 2» | 3,9 |\n"
        "| МАОУ «Лицей № 1» | 4,3 |\n| МКОУ «ООШ № 9» | 3,1 |\n"
    )
    assert _penalties(tmp_path, rulebook, LEVELS + CONFIRMED + table) == []


def test_objectivity_that_is_not_confirmed_does_not_excuse_averages(
    tmp_path: Path, rulebook: Any
) -> None:
    body = LEVELS + "Объективность результатов не подтверждена.\n\nСредний балл составил 3,6.\n"
    assert len(_penalties(tmp_path, rulebook, body)) == 1


def test_penalty_applies_only_to_the_kinds_the_rulebook_names(
    tmp_path: Path, rulebook: Any
) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Дорожная карта\n\n| № п/п | Мероприятие | Сроки | Ответственные |\n| --- | --- | --- | --- |\n"
        "| 1 | Составление рейтинга ОО по среднему баллу ВПР | май 2024 | МОУО |\n",
        encoding="utf-8",
    )
    [document] = check_documents([path], rulebook)["documents"]
    assert document["kind"] == "roadmap"
    assert "roadmap" not in rulebook.penalty("average_score_ranking").applies_to
    assert document["penalties"] == []
