"""Indicators from the unit counts: levels (never averages), agreement with school marks,
cohort standing and three-year dynamics, per school and per municipality / contextual group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mskoko.analytics.aggregates import TEST, UNIT
from mskoko.analytics.settings import AnalyticsSettings

LEVEL_COUNTS = ["participants", "n_level", "n_below", "n_high", "n_mark2", "n_mark3", "n_mark4",
                "n_mark5", "n_pairs", "n_raised", "n_lowered"]
GROUP_KINDS = {"settlement_ru": "тип поселения", "social_band": "социальные условия",
               "size_band": "численность"}


def _share(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return (numerator / denominator.where(denominator > 0)).astype(float)


def reliability(participants: pd.Series, settings: AnalyticsSettings) -> pd.Series:
    """limited (< judgement minimum), rough (< informative), informative."""
    return pd.Series(
        np.select(
            [participants < settings.min_participants_judgement,
             participants < settings.min_participants_informative],
            ["limited", "rough"], "informative",
        ),
        index=participants.index,
    )


def add_shares(frame: pd.DataFrame) -> pd.DataFrame:
    f = frame
    f["share_below_basic"] = _share(f["n_below"], f["n_level"])
    for m in (3, 4, 5):
        f[f"share_mark{m}"] = _share(f[f"n_mark{m}"], f["n_level"])
    f["share_high"] = _share(f["n_high"], f["n_level"])
    f["share_confirmed"] = _share(f["n_pairs"] - f["n_raised"] - f["n_lowered"], f["n_pairs"])
    f["share_raised"] = _share(f["n_raised"], f["n_pairs"])
    f["share_lowered"] = _share(f["n_lowered"], f["n_pairs"])
    return f


def add_dynamics(frame: pd.DataFrame, keys: list[str], settings: AnalyticsSettings) -> pd.DataFrame:
    """Change of the level shares since last year and over the years of dynamics (in shares)."""
    span = max(settings.years_of_dynamics - 1, 1)
    base = frame[[*keys, "year", "share_below_basic", "share_high"]]
    for label, lag in (("1y", 1), (f"{span + 1}y", span)):
        past = base.assign(year=base["year"] + lag).rename(columns={
            "share_below_basic": f"below_{label}_ago", "share_high": f"high_{label}_ago"})
        frame = frame.merge(past, on=[*keys, "year"], how="left")
        frame[f"share_below_basic_change_{label}"] = (
            frame["share_below_basic"] - frame.pop(f"below_{label}_ago"))
        frame[f"share_high_change_{label}"] = frame["share_high"] - frame.pop(f"high_{label}_ago")
    return frame


def school_indicators(units: pd.DataFrame, cohorts: pd.DataFrame, context: pd.DataFrame,
                      settings: AnalyticsSettings) -> pd.DataFrame:
    """indicators.csv: one row per organisation × year × procedure × subject × grade."""
    f = units[[*UNIT, *LEVEL_COUNTS]].copy()
    f = add_shares(f)
    f["reliability"] = reliability(f["participants"], settings)
    if not cohorts.empty:
        c = cohorts.assign(
            cohort_linked=cohorts["n_linked"],
            cohort_standing=(100 * cohorts["from_sum"] / cohorts["n_linked"]).round(1),
            cohort_later_standing=(100 * cohorts["to_sum"] / cohorts["n_linked"]).round(1),
            cohort_later_procedure=cohorts["later_procedure"],
        )[[*UNIT, "cohort_later_procedure", "cohort_linked", "cohort_standing",
           "cohort_later_standing"]]
        f = f.merge(c, on=UNIT, how="left")
    else:
        f = f.assign(cohort_later_procedure=None, cohort_linked=np.nan, cohort_standing=np.nan,
                     cohort_later_standing=np.nan)
    f = add_dynamics(f, ["org_id", "procedure", "subject", "grade"], settings)
    names = context["name"].reindex(f["org_id"]).to_numpy()
    municipality = context["municipality_id"].reindex(f["org_id"]).to_numpy()
    f.insert(1, "org_name", names)
    f.insert(2, "municipality_id", municipality)
    return _tidy(f)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    shares = [c for c in frame.columns if c.startswith("share_")]
    frame[shares] = frame[shares].round(4)
    return frame.sort_values([c for c in ("municipality_id", "org_id", "group_kind", "group",
                                          "year", "procedure", "subject", "grade")
                              if c in frame.columns], kind="stable").reset_index(drop=True)


def _pooled(units: pd.DataFrame, keys: list[str], settings: AnalyticsSettings) -> pd.DataFrame:
    pooled = units.groupby(keys, as_index=False).agg(
        schools=("org_id", "nunique"), **{c: (c, "sum") for c in LEVEL_COUNTS})
    pooled = add_shares(pooled)
    return add_dynamics(pooled, [k for k in keys if k != "year"], settings)


def municipality_indicators(units: pd.DataFrame, context: pd.DataFrame,
                            settings: AnalyticsSettings) -> pd.DataFrame:
    """Pooled levels per municipality × year × procedure × subject × grade."""
    u = units.assign(municipality_id=context["municipality_id"].reindex(units["org_id"]).to_numpy())
    frame = _pooled(u, ["municipality_id", *TEST], settings)
    names = context.drop_duplicates("municipality_id").set_index("municipality_id")
    frame.insert(1, "municipality_name",
                 names["municipality_name"].reindex(frame["municipality_id"]).to_numpy())
    return _tidy(frame)


def group_indicators(units: pd.DataFrame, context: pd.DataFrame,
                     settings: AnalyticsSettings) -> pd.DataFrame:
    """Pooled levels per contextual group (settlement, social conditions, size) and test."""
    frames = []
    for column, kind in GROUP_KINDS.items():
        u = units.assign(group=context[column].reindex(units["org_id"]).to_numpy())
        frame = _pooled(u, ["group", *TEST], settings)
        frame.insert(0, "group_kind", kind)
        frames.append(frame)
    return _tidy(pd.concat(frames, ignore_index=True))


def school_years(units: pd.DataFrame, students: pd.DataFrame) -> pd.DataFrame:
    """Per organisation and year: distinct students and level counts pooled over all tests."""
    pooled = units.groupby(["org_id", "year"], as_index=False)[LEVEL_COUNTS].sum()
    overall = students[students["procedure"] == "*"][["org_id", "year", "students"]]
    pooled = pooled.merge(overall, on=["org_id", "year"], how="left")
    pooled["share_below_basic"] = _share(pooled["n_below"], pooled["n_level"])
    pooled["share_high"] = _share(pooled["n_high"], pooled["n_level"])
    return pooled
