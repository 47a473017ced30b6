"""``analyze``: the whole analysis of a dataset under a rulebook edition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mskoko.analytics import objectivity
from mskoko.analytics.aggregates import compute
from mskoko.analytics.context import comparison_groups, school_context
from mskoko.analytics.engines import connect
from mskoko.analytics.indicators import (
    group_indicators,
    municipality_indicators,
    school_indicators,
    school_years,
)
from mskoko.analytics.low_results import judge_levels
from mskoko.analytics.settings import AnalyticsSettings
from mskoko.analytics.signs import independent_level, observations, school_signs
from mskoko.analytics.wording import area_ru
from mskoko.data.dataset import Dataset
from mskoko.errors import MskokoError

Progress = Callable[[str, float], None]
FLAG_COLUMNS = ["org_id", "org_name", "municipality_id", "year", "flag", "severity", "evidence"]
FLAG_ORDER = ["objectivity_risk", "low_results", "risk_zone", "adverse_conditions",
              "small_sample"]


@dataclass
class AnalysisResult:
    """Everything the analysis found; files are written by :func:`write_outputs`."""

    flags: pd.DataFrame  # FLAG_COLUMNS
    indicators: pd.DataFrame  # per organisation × year × procedure × subject × grade
    municipalities: pd.DataFrame  # pooled per municipality × test
    groups: pd.DataFrame  # pooled per contextual group × test
    signs: pd.DataFrame  # objectivity signs per school × year × procedure × sign
    procedures_at_risk: pd.DataFrame  # objectivity judgement per school × year × procedure
    school_years: pd.DataFrame  # pooled levels and level judgements per school × year
    context: pd.DataFrame  # organisations with their conditions and bands
    settings: AnalyticsSettings
    area: str  # «муниципалитету» or «региону»: what "all schools" is
    rulebook_id: str
    engine: str
    rulebook: Any = None  # the edition used: the report cites its regional catalogue


def _noop(_message: str, _fraction: float) -> None:
    return None


def _judged_groups(students: pd.DataFrame, context: pd.DataFrame, settings: AnalyticsSettings
                   ) -> dict[int, dict[str, list[str]]]:
    overall = students[students["procedure"] == "*"]
    groups = {}
    for year, part in overall.groupby("year"):
        judged = sorted(part[part["students"] >= settings.min_participants_judgement]["org_id"])
        groups[int(year)] = comparison_groups(context, judged, settings.comparison_neighbours)
    return groups


def analyze(
    dataset: Dataset,
    rulebook: Any,
    *,
    engine: str = "duckdb",
    engine_url: str | None = None,
    progress: Progress | None = None,
) -> AnalysisResult:
    """Indicators, objectivity signs and level judgements of ``dataset`` under ``rulebook``."""
    report = progress or _noop
    settings = AnalyticsSettings.from_rulebook(rulebook)
    if dataset.results.num_rows == 0:
        raise MskokoError("В данных нет ни одного результата: анализировать нечего.")
    report("Подключение к движку расчётов", 0.02)
    backend = connect(engine, engine_url)
    try:
        report("Агрегирование результатов", 0.1)
        agg = compute(backend, dataset, settings)
    finally:
        backend.close()
    report("Показатели школ и групп", 0.55)
    context = school_context(dataset.organizations, settings)
    area = area_ru(context["municipality_id"].nunique())
    indicators = school_indicators(agg.units, agg.cohorts, context, settings)
    municipalities = municipality_indicators(agg.units, context, settings)
    groups_frame = group_indicators(agg.units, context, settings)
    groups = _judged_groups(agg.students, context, settings)
    report("Признаки необъективности", 0.7)
    signs = school_signs(observations(agg.units, agg.cohorts, settings), agg.students, groups,
                         independent_level(agg.units, settings), settings)
    signs = objectivity.mark_present(signs, settings)
    at_risk = objectivity.assess(signs, settings)
    report("Низкие результаты и зона риска", 0.85)
    levels = judge_levels(agg.units, school_years(agg.units, agg.students), context, groups,
                          settings, area)
    parts = [_objectivity_flags(at_risk, signs, settings, area), levels.flags]
    flags = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    flags = _finish_flags(flags, context)
    report("Готово", 1.0)
    return AnalysisResult(
        flags=flags, indicators=indicators, municipalities=municipalities, groups=groups_frame,
        signs=signs, procedures_at_risk=at_risk, school_years=levels.school_years,
        context=context, settings=settings, area=area,
        rulebook_id=str(getattr(rulebook, "id", "")), engine=engine, rulebook=rulebook,
    )


def _objectivity_flags(at_risk: pd.DataFrame, signs: pd.DataFrame, settings: AnalyticsSettings,
                       area: str) -> pd.DataFrame:
    rows = []
    risky = at_risk[at_risk["at_risk"]]
    keys = pd.MultiIndex.from_frame(risky[["org_id", "year"]]).unique()
    wanted = pd.MultiIndex.from_frame(signs[["org_id", "year"]]).isin(keys)
    present = objectivity.present_signs(signs[wanted])
    for (org, year), part in risky.groupby(["org_id", "year"]):
        procedures = part["procedure"].tolist()
        by_procedure = {p: present.get((org, int(year), p), []) for p in procedures}
        rows.append({
            "org_id": org, "year": int(year), "flag": "objectivity_risk",
            "severity": float(part["severity"].max()),
            "evidence": objectivity.evidence_text(procedures, part["year"].tolist(), by_procedure,
                                                  settings, area),
        })
    return pd.DataFrame(rows, columns=["org_id", "year", "flag", "severity", "evidence"])


def _finish_flags(flags: pd.DataFrame, context: pd.DataFrame) -> pd.DataFrame:
    flags = flags.copy()
    flags["org_name"] = context["name"].reindex(flags["org_id"]).to_numpy()
    flags["municipality_id"] = context["municipality_id"].reindex(flags["org_id"]).to_numpy()
    flags["order"] = flags["flag"].map({f: i for i, f in enumerate(FLAG_ORDER)})
    flags = flags.sort_values(["municipality_id", "org_id", "year", "order"], kind="stable")
    return flags[FLAG_COLUMNS].reset_index(drop=True)
