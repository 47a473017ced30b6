"""What the report shows, computed from an :class:`AnalysisResult` (levels, never averages)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mskoko.analytics.indicators import LEVEL_COUNTS
from mskoko.analytics.pipeline import AnalysisResult
from mskoko.analytics.wording import procedure_ru, subject_ru

PROCEDURE_ORDER = {"VPR": 0, "OGE": 1, "EGE": 2}


@dataclass
class ReportData:
    result: AnalysisResult
    schools: pd.DataFrame  # the school rows of the registry, numbered for the charts
    years: list[int]
    last_year: int
    confirmed: pd.DataFrame  # indicators of procedures without signs of non-objectivity
    flags: pd.DataFrame
    municipality: str
    numbers: dict[str, int] = field(default_factory=dict)

    def flagged(self, flag: str, year: int | None = None) -> pd.DataFrame:
        f = self.flags[self.flags["flag"] == flag]
        return f if year is None else f[f["year"] == year]

    def name(self, org_id: str) -> str:
        return str(self.result.context.loc[org_id, "name"])


def prepare(result: AnalysisResult) -> ReportData:
    ctx = result.context
    schools = ctx[ctx["org_type"] == "school"].copy()
    years = sorted(int(y) for y in result.indicators["year"].unique())
    risky = result.procedures_at_risk
    risky = risky[risky["at_risk"]][["org_id", "year", "procedure"]].assign(risky=True)
    confirmed = result.indicators.merge(risky, on=["org_id", "year", "procedure"], how="left")
    confirmed = confirmed[confirmed["risky"].isna()].drop(columns="risky")
    names = ctx["municipality_name"].dropna().unique()
    if len(names) == 1:
        municipality = str(names[0])
    else:
        municipality = f"муниципальные образования ({ctx['municipality_id'].nunique()})"
    numbers = {org: i + 1 for i, org in enumerate(sorted(schools.index))}
    return ReportData(result, schools, years, years[-1], confirmed, result.flags, municipality,
                      numbers)


def pooled(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Level counts summed over ``keys`` with shares (below basic, marks, high)."""
    p = frame.groupby(keys, as_index=False)[LEVEL_COUNTS].sum()
    n = p["n_level"].where(p["n_level"] > 0)
    p["share_below_basic"] = p["n_below"] / n
    p["share_high"] = p["n_high"] / n
    for m in (3, 4, 5):
        p[f"share_mark{m}"] = p[f"n_mark{m}"] / n
    return p


def level_rows(data: ReportData, year: int) -> pd.DataFrame:
    """Per procedure and subject (grades together): levels this year and the change since last."""
    frame = data.confirmed
    now = pooled(frame[frame["year"] == year], ["procedure", "subject"])
    before = pooled(frame[frame["year"] == year - 1], ["procedure", "subject"])
    now = now.merge(before[["procedure", "subject", "share_below_basic", "share_high"]],
                    on=["procedure", "subject"], how="left", suffixes=("", "_before"))
    now["order"] = now["procedure"].map(PROCEDURE_ORDER).fillna(9)
    now = now.sort_values(["order", "procedure", "n_level"], ascending=[True, True, False])
    now["label"] = [f"{procedure_ru(p)}: {subject_ru(s, p)}" for p, s in
                    zip(now["procedure"], now["subject"], strict=True)]
    return now[now["n_level"] > 0]


def level_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Four levels per row: below basic, basic, good, high (ЕГЭ: below minimum, middle, high)."""
    n = rows["n_level"].where(rows["n_level"] > 0)
    marks = rows["n_mark3"] + rows["n_mark4"] + rows["n_mark5"] > 0
    middle = (rows["n_level"] - rows["n_below"] - rows["n_high"]) / n
    return pd.DataFrame({
        "l0": rows["n_below"] / n,
        "l1": np.where(marks, rows["n_mark3"] / n, middle),
        "l2": np.where(marks, rows["n_mark4"] / n, 0.0),
        "l3": rows["n_high"] / n,
    }).fillna(0.0)


def dynamics_rows(data: ReportData) -> pd.DataFrame:
    frame = pooled(data.confirmed, ["procedure", "year"])
    frame["label"] = frame["procedure"].map(procedure_ru)
    return frame


def group_rows(data: ReportData) -> pd.DataFrame:
    frame = data.confirmed[data.confirmed["year"] == data.last_year].copy()
    frame["group"] = data.result.context["context_group"].reindex(frame["org_id"]).to_numpy()
    rows = pooled(frame, ["group", "procedure"])
    rows["label"] = rows["procedure"].map(procedure_ru)
    return rows


def objectivity_points(data: ReportData, year: int) -> pd.DataFrame:
    """Per school: strongest mark-gap z and strongest standing z of the year (non-anchor)."""
    signs = data.result.signs
    signs = signs[(signs["year"] == year)
                  & ~signs["procedure"].isin(data.result.settings.objectivity_anchor_procedures)]
    gap = signs[signs["sign"] == "mark_gap"].groupby("org_id")["z"].max()
    standing = signs[signs["family"] == "standing"].groupby("org_id")["z"].max()
    heaping = signs[signs["sign"] == "cut_heaping"].groupby("org_id")["z"].max()
    students = data.result.school_years.set_index(["org_id", "year"])["students"]
    points = pd.DataFrame({"gap_z": gap, "standing_z": standing, "heaping_z": heaping}).dropna(
        subset=["gap_z", "standing_z"])
    points["students"] = [students.get((org, year), np.nan) for org in points.index]
    flagged = set(data.flagged("objectivity_risk", year)["org_id"])
    points["flagged"] = points.index.isin(flagged)
    points["number"] = [data.numbers.get(org, 0) for org in points.index]
    return points


def low_points(data: ReportData, year: int) -> pd.DataFrame:
    sy = data.result.school_years
    sy = sy[(sy["year"] == year) & sy["judged"]].set_index("org_id")
    ctx = data.result.context
    frame = pd.DataFrame({
        "social_index": ctx["social_index"].reindex(sy.index),
        "shrunk_share": sy["shrunk_share"],
    }).dropna()
    low = set(data.flagged("low_results", year)["org_id"])
    adverse = set(data.flagged("adverse_conditions", year)["org_id"])
    frame["kind"] = ["low" if o in low else ("adverse" if o in adverse else "other")
                     for o in frame.index]
    frame["number"] = [data.numbers.get(o, 0) for o in frame.index]
    return frame
