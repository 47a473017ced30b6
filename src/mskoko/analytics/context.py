"""Schools' conditions: contextual groups (for summaries) and comparison groups (for judgement).

A school is never compared with the whole list by a single number: its comparison group is
the ``comparison_neighbours`` schools whose conditions are closest (social index, urban or
rural, enrolment), and summaries are shown per contextual band.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy.spatial import cKDTree

from mskoko.analytics.settings import AnalyticsSettings

SETTLEMENT_RU = {"urban": "городские", "rural": "сельские", "unknown": "тип поселения не указан"}
SOCIAL_BAND_RU = ["благоприятные условия", "средние условия", "неблагоприятные условия"]
SIZE_BAND_RU = ["малочисленные", "средние", "крупные"]
# Distance units: 0.15 of social index, urban vs rural, and a factor of e in enrolment
# weigh the same when choosing the schools with the closest conditions.
SOCIAL_SCALE = 0.15
SIZE_SCALE = 1.0


def _band(values: pd.Series, edges: tuple[float, ...], labels: list[str]) -> pd.Series:
    codes = np.searchsorted(np.asarray(edges, dtype=float), values.to_numpy(dtype=float),
                            side="right")
    out = pd.Series([labels[min(c, len(labels) - 1)] for c in codes], index=values.index)
    return out.where(values.notna(), "не указано")


def school_context(organizations: pa.Table, settings: AnalyticsSettings) -> pd.DataFrame:
    """One row per organisation with its conditions and contextual band labels."""
    orgs = organizations.to_pandas()
    orgs["org_type"] = orgs["org_type"].fillna("school")
    orgs["settlement"] = orgs["settlement"].fillna("unknown")
    orgs["social_band"] = _band(orgs["social_index"], settings.social_index_bands,
                                SOCIAL_BAND_RU)
    orgs["size_band"] = _band(orgs["students"], tuple(float(v) for v in settings.size_bands),
                              SIZE_BAND_RU)
    orgs["settlement_ru"] = orgs["settlement"].map(SETTLEMENT_RU).fillna(orgs["settlement"])
    orgs["adverse"] = orgs["social_index"].fillna(-1) >= settings.adverse_social_index
    orgs["context_group"] = orgs["settlement_ru"] + ", " + orgs["social_band"]
    return orgs.set_index("org_id", drop=False)


def comparison_groups(context: pd.DataFrame, org_ids: list[str], k: int) -> dict[str, list[str]]:
    """For each school the ``k`` others (among ``org_ids``) with the closest conditions.

    A missing social index or enrolment is taken as the median of the schools given, so a
    school without them is compared by what is known.
    """
    ids = [o for o in org_ids if o in context.index]
    if len(ids) < 2:
        return {o: [] for o in ids}
    c = context.loc[ids]
    social = c["social_index"].astype(float)
    social = social.fillna(social.median() if social.notna().any() else 0.5) / SOCIAL_SCALE
    rural = (c["settlement"] == "rural").astype(float)
    size = np.log1p(c["students"].astype(float))
    size = size.fillna(size.median() if size.notna().any() else 0.0) / SIZE_SCALE
    points = np.column_stack([social.to_numpy(), rural.to_numpy(), size.to_numpy()])
    take = min(k, len(ids) - 1)
    _, nearest = cKDTree(points).query(points, k=take + 1)
    groups = {}
    for i, row in enumerate(np.atleast_2d(nearest)):
        others = [ids[j] for j in row if j != i]
        groups[ids[i]] = others[:take]
    return groups


def group_pairs(groups: dict[int, dict[str, list[str]]]) -> pd.DataFrame:
    """The comparison groups as rows (year, org_id, peer) for joins."""
    rows = [(year, org, peer) for year, by_org in groups.items()
            for org, peers in by_org.items() for peer in peers]
    return pd.DataFrame(rows, columns=["year", "org_id", "peer"]).astype({"year": "int64"})


def group_median(targets: pd.DataFrame, sources: pd.DataFrame,
                 groups: dict[int, dict[str, list[str]]], value: str, keys: list[str],
                 minimum: int) -> pd.Series:
    """Per row of ``targets``: the median ``value`` over the rows of ``sources`` that belong to
    its comparison group (same year and ``keys``); NaN with fewer than ``minimum`` peers."""
    pairs = group_pairs(groups)
    peers = sources[["year", *keys, "org_id", value]].rename(columns={"org_id": "peer"})
    peers = peers.astype({"year": "int64"})
    joined = pairs.merge(peers, on=["year", "peer"]).dropna(subset=[value])
    stats = joined.groupby(["year", *keys, "org_id"])[value].agg(["median", "size"])
    stats = stats[stats["size"] >= minimum]["median"]
    index = pd.MultiIndex.from_frame(targets[["year", *keys, "org_id"]].astype({"year": "int64"}))
    return pd.Series(stats.reindex(index).to_numpy(), index=targets.index)
