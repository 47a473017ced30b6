"""Low results, unfavourable conditions, the risk zone and small samples, per school-year.

- ``low_results``: a persistently high share below the basic level, pooled over all
  procedures, that the school's conditions do not explain (well above schools with the
  closest conditions). Small schools are shrunk towards the area (empirical Bayes,
  Gamma–Poisson), so a handful of students cannot make a school "low".
- ``adverse_conditions``: the registry says the school works in unfavourable social
  conditions; the evidence says whether its results are as expected for them.
- ``risk_zone``: the federal state-control risk rule, or a significant rise of the share
  below the basic level over the years of dynamics.
- ``small_sample``: too few students to judge; nothing else is said about results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mskoko.analytics.aggregates import TEST
from mskoko.analytics.context import group_median
from mskoko.analytics.settings import AnalyticsSettings
from mskoko.analytics.signs import MIN_GROUP
from mskoko.analytics.wording import (
    NBSP,
    number,
    of_people,
    people,
    percent,
    plural,
    unit_ru,
)


@dataclass
class LevelJudgement:
    """Per school-year pooled level statistics and the flags derived from them."""

    school_years: pd.DataFrame
    flags: pd.DataFrame


def _expected_below(units: pd.DataFrame) -> pd.Series:
    """Below-basic count expected if each test's students did as all other schools did."""
    totals = units.groupby(TEST)[["n_below", "n_level"]].transform("sum")
    others_below = totals["n_below"] - units["n_below"]
    others_level = (totals["n_level"] - units["n_level"]).where(lambda s: s > 0)
    return (units["n_level"] * others_below / others_level).fillna(0.0)


def _gamma_prior(observed: np.ndarray, expected: np.ndarray) -> tuple[float, float]:
    """Moment estimate (Marshall 1991) of the Gamma prior of relative risks."""
    keep = expected > 0
    o, e = observed[keep], expected[keep]
    if len(o) < 3:
        return 1.0, 1.0
    m = o.sum() / e.sum()
    ratio = o / e
    s2 = (e * (ratio - m) ** 2).sum() / e.sum() - m / e.mean()
    s2 = max(s2, 1e-4 * m * m)
    return m * m / s2, m / s2


def pooled_levels(units: pd.DataFrame, school_years: pd.DataFrame,
                  settings: AnalyticsSettings) -> pd.DataFrame:
    """School-year shares below basic: observed, expected from the area, and shrunk."""
    u = units.assign(expected=_expected_below(units))
    e = u.groupby(["org_id", "year"], as_index=False)["expected"].sum()
    sy = school_years.merge(e, on=["org_id", "year"], how="left")
    sy["judged"] = sy["students"].fillna(0) >= settings.min_participants_judgement
    # A student sits several tests and does alike in them: count information in students,
    # not in results (design effect = results per student).
    deff = (sy["n_level"] / sy["students"].where(sy["students"] > 0)).clip(lower=1).fillna(1)
    observed, expected = sy["n_below"] / deff, sy["expected"] / deff
    sy["rr"] = np.nan
    sy["rr_shape"] = np.nan
    for _, part in sy.groupby("year"):
        judged = part[part["judged"]].index
        alpha, beta = _gamma_prior(observed[judged].to_numpy(float),
                                   expected[judged].to_numpy(float))
        sy.loc[part.index, "rr"] = (alpha + observed[part.index]) / (beta + expected[part.index])
        sy.loc[part.index, "rr_shape"] = alpha + observed[part.index]
    area_share = sy["expected"] / sy["n_level"].where(sy["n_level"] > 0)
    sy["area_share"] = area_share
    sy["shrunk_share"] = (sy["rr"] * area_share).clip(upper=1.0)
    return sy


def _relative_to_group(sy: pd.DataFrame, groups: dict[int, dict[str, list[str]]]) -> None:
    """log relative risk against the median of the comparison group, as a z-score."""
    sy["log_rr"] = np.log(sy["rr"])
    judged = sy[sy["judged"]]
    sy["group_log_rr"] = group_median(sy, judged, groups, "log_rr", [], MIN_GROUP).fillna(0.0)
    sy["group_share"] = group_median(sy, judged, groups, "shrunk_share", [], MIN_GROUP).fillna(
        sy["area_share"])
    # Sampling error only: low-result schools are the unusual ones, so the spread between
    # schools is not noise to discount here; materiality is required separately (excess).
    sy["relative_z"] = (sy["log_rr"] - sy["group_log_rr"]) * np.sqrt(sy["rr_shape"])
    sy["excess"] = sy["shrunk_share"] - sy["group_share"]


def _persistence(sy: pd.DataFrame, settings: AnalyticsSettings) -> None:
    """How many judged years of the dynamics window were at or above the threshold."""
    judged = sy[sy["judged"]][["org_id", "year", "shrunk_share"]]
    judged = judged.assign(high=judged["shrunk_share"] >= settings.low_results_share_threshold)
    window = sy[["org_id", "year"]].reset_index().merge(judged, on="org_id",
                                                       suffixes=("", "_then"))
    window = window[(window["year_then"] <= window["year"])
                    & (window["year_then"] > window["year"] - settings.years_of_dynamics)]
    counts = window.groupby("index").agg(years_high=("high", "sum"), years_seen=("high", "size"))
    sy["years_high"] = counts["years_high"].reindex(sy.index).fillna(0).astype(int)
    sy["years_seen"] = counts["years_seen"].reindex(sy.index).fillna(0).astype(int)


def federal_risk(units: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """Units meeting the federal rule's share below minimum, with enough participants."""
    u = units[units["n_level"] >= settings.min_participants_judgement].copy()
    u["share"] = u["n_below"] / u["n_level"]
    return u[u["share"] >= settings.federal_risk_below_min_share]


def _unit_texts(rows: pd.DataFrame) -> list[str]:
    """«ВПР, математика, 6 класс — 31 % из 40 участников» per row (plain lists: no itertuples)."""
    return [f"{unit_ru(procedure, subject, grade)} — {percent(share)} из {of_people(n_level)}"
            for procedure, subject, grade, share, n_level in zip(
                rows["procedure"].tolist(), rows["subject"].tolist(), rows["grade"].tolist(),
                rows["share"].tolist(), rows["n_level"].tolist(), strict=True)]


def federal_hits(units: pd.DataFrame, settings: AnalyticsSettings) -> dict[tuple[str, int], str]:
    """School-years meeting the federal risk rule, with the evidence sentence of each."""
    risky = federal_risk(units, settings).sort_values("share", ascending=False, kind="stable")
    per_year = risky.groupby(["org_id", "year"])["share"].transform("size")
    risky = risky[per_year >= settings.federal_risk_min_procedures_per_year]
    # A procedure risky this year and in each of the years before (consecutive).
    running = risky.assign(streak=1)
    keys = ["org_id", "procedure", "subject", "grade"]
    earlier = federal_risk(units, settings)[[*keys, "year"]]
    for k in range(1, settings.federal_risk_consecutive_years):
        running = running.merge(earlier.assign(year=earlier["year"] + k), on=[*keys, "year"])
    hits: dict[tuple[str, int], str] = {}
    repeated = running.drop_duplicates(["org_id", "year"]).set_index(["org_id", "year"])
    risky = risky.assign(text=_unit_texts(risky))
    for (org, year), texts in risky.groupby(["org_id", "year"], sort=False)["text"].agg(list).items():
        if (org, year) not in repeated.index:
            continue
        repeat = repeated.loc[(org, year)]
        hits[org, int(year)] = (
            f"по правилу риска государственного контроля: не менее "
            f"{percent(settings.federal_risk_below_min_share)} участников ниже минимума в "
            f"{len(texts)} процедурах {int(year)}{NBSP}г. ({'; '.join(texts)}), и в процедуре "
            f"«{unit_ru(repeat.procedure, repeat.subject, repeat.grade)}» — "
            f"{settings.federal_risk_consecutive_years} года подряд"
        )
    return hits


def _worst_units(units: pd.DataFrame, wanted: set[tuple[str, int]],
                 settings: AnalyticsSettings) -> dict[tuple[str, int], str]:
    """For the ``wanted`` school-years: the three judged tests with the largest share below basic."""
    u = units[units["n_level"] >= settings.min_participants_judgement]
    u = u[pd.MultiIndex.from_frame(u[["org_id", "year"]]).isin(list(wanted))]
    u = u.assign(share=u["n_below"] / u["n_level"]).sort_values(
        ["org_id", "year", "share"], ascending=[True, True, False], kind="stable")
    worst = u.groupby(["org_id", "year"], sort=False).head(3)
    worst = worst.assign(text=_unit_texts(worst))
    return {(org, int(year)): f" Больше всего ниже базового уровня: {'; '.join(texts)}."
            for (org, year), texts in worst.groupby(["org_id", "year"], sort=False)["text"]
            .agg(list).items()}


def _conditions_ru(ctx: dict[str, Any]) -> str:
    parts = []
    if ctx.get("settlement") in ("urban", "rural"):
        parts.append("городская" if ctx["settlement"] == "urban" else "сельская")
    if pd.notna(ctx.get("social_index")):
        parts.append(f"социальный индекс {number(float(ctx['social_index']), 2)}")
    if pd.notna(ctx.get("students")):
        parts.append(f"{int(ctx['students'])} обучающихся")
    return ", ".join(parts)


def judge_levels(units: pd.DataFrame, school_years: pd.DataFrame, context: pd.DataFrame,
                 groups: dict[int, dict[str, list[str]]], settings: AnalyticsSettings,
                 area: str) -> LevelJudgement:
    """The level flags of every school-year and the pooled statistics behind them."""
    sy = pooled_levels(units, school_years, settings)
    _relative_to_group(sy, groups)
    _persistence(sy, settings)
    threshold = settings.low_results_share_threshold
    needed = np.minimum(settings.low_results_min_years, sy["years_seen"].clip(lower=1))
    sy["low_results"] = (
        sy["judged"] & (sy["shrunk_share"] >= threshold)
        & (sy["relative_z"] >= settings.low_results_relative_z)
        & (sy["excess"] >= settings.low_results_min_excess)
        & (sy["years_high"] >= needed)
    )
    sy["trend_z"] = _trend(sy, settings)
    federal = federal_hits(units, settings)
    low = set(zip(sy.loc[sy["low_results"], "org_id"], sy.loc[sy["low_results"], "year"].astype(int),
                  strict=True))
    rising = sy["judged"] & (sy["trend_z"] >= settings.risk_zone_trend_z)
    worst = _worst_units(units, low, settings)
    conditions = context[["settlement", "social_index", "students", "adverse"]].to_dict("index")
    histories = _histories(sy, low | set(zip(sy.loc[rising, "org_id"],
                                             sy.loc[rising, "year"].astype(int), strict=True)),
                           settings)
    rows: list[dict[str, object]] = []
    for r in sy.itertuples(index=False):
        ctx = conditions[r.org_id]
        year = int(r.year)
        if not r.judged:
            rows.append(_flag(r.org_id, year, "small_sample", 1.0, (
                f"В {year}{NBSP}г. в оценочных процедурах участвовали "
                f"{plural(int(r.students or 0), 'обучающийся', 'обучающихся', 'обучающихся')} — меньше "
                f"{settings.min_participants_judgement}: выводы об уровне и объективности "
                "результатов не делаются, показатели приведены справочно; для суждения "
                "объедините результаты нескольких лет или используйте внешнюю оценку.")))
        level = (f"доля обучающихся ниже базового уровня в {year}{NBSP}г. — "
                 f"{percent(r.share_below_basic)} ({people(int(r.n_level))} по всем процедурам"
                 f"; с поправкой на объём выборки — {percent(r.shrunk_share)}) при "
                 f"{percent(r.area_share)} по {area} и {percent(r.group_share)} у школ со "
                 f"сходными условиями")
        if r.judged and r.low_results:
            history = histories.get((r.org_id, year), "")
            explained = ("школа работает в неблагоприятных условиях, но результаты ниже, чем у "
                         "школ со сходными условиями" if ctx["adverse"] else
                         "условия (" + _conditions_ru(ctx) + ") низкие результаты не объясняют")
            rows.append(_flag(r.org_id, year, "low_results", min(1.0, r.shrunk_share / (2 * threshold)), (
                f"Низкие образовательные результаты: {level}; по годам: {history}; "
                f"{explained}.{worst.get((r.org_id, year), '')} Нужна адресная "
                "поддержка: антикризисная программа, наставничество, анализ дефицитов по "
                "предметам.")))
        if ctx["adverse"]:
            rows.append(_flag(r.org_id, year, "adverse_conditions",
                              float(np.clip(ctx["social_index"], 0, 1)),
                              _adverse_text(r, ctx, level, settings)))
        reasons = []
        if r.judged and (r.org_id, year) in federal:
            reasons.append(federal[r.org_id, year])
        if (r.judged and r.trend_z >= settings.risk_zone_trend_z
                and r.shrunk_share > r.area_share):
            reasons.append(f"доля ниже базового уровня растёт: {histories.get((r.org_id, year), '')}"
                           f" (z{NBSP}={NBSP}{number(r.trend_z)})")
        if reasons:
            severity = min(1.0, 0.5 + 0.25 * len(reasons)) if r.low_results else 0.5
            rows.append(_flag(r.org_id, year, "risk_zone", severity,
                              "Зона риска снижения образовательных результатов: "
                              + "; ".join(reasons) + "."))
    flags = pd.DataFrame(rows, columns=["org_id", "year", "flag", "severity", "evidence"])
    return LevelJudgement(sy, flags)


def _adverse_text(r: Any, ctx: dict[str, Any], level: str, settings: AnalyticsSettings) -> str:
    head = (f"Школа функционирует в неблагоприятных социальных условиях "
            f"({_conditions_ru(ctx)}).")
    if not r.judged:
        return head + " Обучающихся слишком мало для суждения о результатах."
    z = r.relative_z
    if r.low_results:
        tail = " Результаты ниже, чем у школ со сходными условиями (см. low_results)."
    elif z <= -settings.low_results_relative_z and r.excess <= -settings.low_results_min_excess:
        tail = (" Результаты лучше, чем у школ со сходными условиями: опыт школы стоит "
                "изучить и распространить.")
    elif r.excess <= 0:
        tail = (" Результаты не ниже, чем у школ со сходными условиями: нужна поддержка условий "
                "обучения (кадры, ресурсы, работа с семьями), а не меры как к школе с низкими "
                "результатами.")
    else:
        tail = (" Результаты соответствуют условиям: нужна поддержка условий обучения "
                "(кадры, ресурсы, работа с семьями), а не меры как к школе с низкими "
                "результатами.")
    return f"{head} {level[0].upper()}{level[1:]}.{tail}"


def _histories(sy: pd.DataFrame, wanted: set[tuple[str, int]],
                settings: AnalyticsSettings) -> dict[tuple[str, int], str]:
    """For the ``wanted`` school-years: the judged shares of the dynamics window,
    as «2024 г. — 31 %, …»."""
    judged = sy[sy["judged"] & sy["org_id"].isin({org for org, _ in wanted})].sort_values("year")
    out: dict[tuple[str, int], str] = {}
    shares: dict[str, list[tuple[int, float]]] = {}
    for org, year, share in zip(judged["org_id"].tolist(), judged["year"].tolist(),
                                judged["shrunk_share"].tolist(), strict=True):
        shares.setdefault(org, []).append((int(year), share))
    for org, seen in shares.items():
        for year, _ in seen:
            if (org, year) not in wanted:
                continue
            window = [(y, v) for y, v in seen if year - settings.years_of_dynamics < y <= year]
            out[org, year] = (
                "данных за прошлые годы нет, вывод по процедурам одного года" if len(window) < 2
                else ", ".join(f"{y}{NBSP}г. — {percent(v)}" for y, v in window))
    return out


def _trend(sy: pd.DataFrame, settings: AnalyticsSettings) -> pd.Series:
    """z of the rise of log relative risk from the start of the window to this year."""
    span = max(settings.years_of_dynamics - 1, 1)
    earlier = sy[["org_id", "year", "log_rr", "rr_shape", "judged"]].assign(year=sy["year"] + span)
    j = sy[["org_id", "year", "log_rr", "rr_shape"]].reset_index().merge(
        earlier[earlier["judged"]], on=["org_id", "year"], suffixes=("", "_then"))
    z = (j["log_rr"] - j["log_rr_then"]) / np.sqrt(1 / j["rr_shape"] + 1 / j["rr_shape_then"])
    return pd.Series(z.to_numpy(), index=j["index"]).reindex(sy.index).fillna(-np.inf)


def _flag(org: str, year: int, flag: str, severity: float, evidence: str) -> dict[str, object]:
    return {"org_id": org, "year": year, "flag": flag, "severity": round(float(severity), 3),
            "evidence": evidence}
