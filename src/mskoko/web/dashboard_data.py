"""What the dashboard shows, prepared from the stored analysis: pooled levels, dynamics,
contextual groups and the flags with their organisations' names.

Pooling sums the level counts of schools (never averages their shares); contextual groups
use the analytics' own definition of a school's conditions (``mskoko.analytics.context``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from mskoko.analytics.wording import procedure_ru, subject_ru
from mskoko.web.analysis_files import read_flags, read_indicators
from mskoko.web.core.models import Municipality, Organization

FLAG_LABELS = {
    "objectivity_risk": "Признаки необъективности",
    "low_results": "Низкие результаты",
    "risk_zone": "Зона риска снижения результатов",
    "federal_risk": "Критерий риска госконтроля",
    "adverse_conditions": "Неблагоприятные социальные условия",
    "small_sample": "Малое число участников",
}
# Flags that call for action come first; the others describe conditions and data limits.
PRIMARY_FLAGS = ["objectivity_risk", "low_results", "risk_zone"]
MAX_DYNAMICS_LINES = 6
PROCEDURE_ORDER = {"VPR": 0, "OGE": 1, "EGE": 2}


@dataclass
class FlagGroup:
    code: str
    label: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def primary(self) -> bool:
        return self.code in PRIMARY_FLAGS


def procedures(indicators: pd.DataFrame) -> list[tuple[str, str]]:
    """(code, Russian name) of the procedures in the indicators: ВПР, ОГЭ, ЕГЭ first."""
    codes = sorted(set(indicators["procedure"]), key=lambda c: (PROCEDURE_ORDER.get(c, 9), c))
    return [(c, procedure_ru(c)) for c in codes]


def _pool(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    pooled = frame.groupby(keys, as_index=False, sort=False).agg(
        n_level=("n_level", "sum"), n_below=("n_below", "sum"), n_high=("n_high", "sum"),
        schools=("org_id", "nunique"),
    )
    pooled = pooled[pooled["n_level"] > 0].copy()
    pooled["share_below_basic"] = pooled["n_below"] / pooled["n_level"]
    pooled["share_high"] = pooled["n_high"] / pooled["n_level"]
    return pooled


def levels_by_subject(indicators: pd.DataFrame, year: int, procedure: str) -> pd.DataFrame:
    """Per subject of one procedure in ``year`` (grades pooled): participants, level shares."""
    current = indicators[(indicators["year"] == year) & (indicators["procedure"] == procedure)]
    if current.empty:
        return pd.DataFrame(columns=["label", "n_level", "share_below_basic", "share_high"])
    pooled = _pool(current, ["subject"])
    pooled["label"] = [subject_ru(s, procedure) for s in pooled["subject"]]
    return pooled.sort_values("n_level", ascending=False)


def dynamics(indicators: pd.DataFrame, procedure: str) -> pd.DataFrame:
    """Below-basic share per year of the procedure's largest subjects (≥ 2 years of data)."""
    chosen = indicators[indicators["procedure"] == procedure]
    pooled = _pool(chosen, ["subject", "year"])
    years = pooled.groupby("subject")["year"].transform("nunique")
    pooled = pooled[years >= 2]
    if pooled.empty:
        return pooled.assign(label=[])
    size = pooled.groupby("subject")["n_level"].sum().nlargest(MAX_DYNAMICS_LINES)
    pooled = pooled.set_index("subject").loc[size.index].reset_index()
    pooled["label"] = [subject_ru(s, procedure) for s in pooled["subject"]]
    return pooled


def organizations_table(municipality: Municipality) -> pa.Table:
    """The municipality's registry from the database, in the contract's columns."""
    from mskoko.data.dataset import ORGANIZATIONS_SCHEMA

    rows = [
        {"org_id": o.id, "name": o.name, "municipality_id": o.municipality_id,
         "municipality_name": municipality.name, "org_type": o.org_type,
         "settlement": o.settlement or None, "students": o.students,
         "social_index": o.social_index}
        for o in Organization.objects.filter(municipality=municipality)
    ]
    return pa.Table.from_pylist(rows, schema=ORGANIZATIONS_SCHEMA)


def context_groups(
    indicators: pd.DataFrame, municipality: Municipality, year: int, procedure: str
) -> pd.DataFrame:
    """Levels per contextual group of schools (settlement, social conditions) in a procedure."""
    from mskoko.analytics.context import school_context
    from mskoko.analytics.settings import AnalyticsSettings
    from mskoko.rulebook import load_rulebook

    current = indicators[(indicators["year"] == year) & (indicators["procedure"] == procedure)]
    orgs = organizations_table(municipality)
    if current.empty or orgs.num_rows == 0:
        return pd.DataFrame(columns=["group", "schools", "n_level", "share_below_basic",
                                     "share_high"])
    settings = AnalyticsSettings.from_rulebook(load_rulebook())
    context = school_context(orgs, settings)
    group = context["context_group"].reindex(current["org_id"]).fillna("условия не указаны")
    pooled = _pool(current.assign(group=group.to_numpy()), ["group"])
    return pooled.sort_values("group")


def flag_groups(municipality: Municipality, year: int | None = None) -> list[FlagGroup]:
    """The flags of the last analysis (of one year, if given) by kind, strongest first."""
    flags = read_flags(municipality.id)
    if year is not None and not flags.empty:
        flags = flags[flags["year"] == year]
    if flags.empty:
        return []
    names = dict(Organization.objects.filter(municipality=municipality).values_list("id", "name"))
    groups: dict[str, FlagGroup] = {}
    for row in flags.to_dict("records"):
        code = row["flag"]
        group = groups.setdefault(code, FlagGroup(code, FLAG_LABELS.get(code, code)))
        severity = row.get("severity")
        group.rows.append({
            **row,
            "org_name": names.get(row["org_id"], row["org_id"]),
            "severity_share": severity if isinstance(severity, float) else None,
            "severity_level": _severity_level(severity),
        })
    for group in groups.values():
        group.rows.sort(key=lambda r: (-r["year"], -(r["severity_share"] or 0), r["org_name"]))
    ordered = [groups[c] for c in PRIMARY_FLAGS if c in groups]
    return ordered + [g for c, g in groups.items() if c not in PRIMARY_FLAGS]


def _severity_level(severity: Any) -> str:
    """A badge class for the severity: strong, moderate or weak."""
    if isinstance(severity, float):
        return "bad" if severity >= 0.67 else ("warn" if severity >= 0.34 else "weak")
    text = str(severity or "").lower()
    if text in {"high", "strong", "высокая", "сильный"}:
        return "bad"
    if text in {"medium", "moderate", "средняя", "умеренный"}:
        return "warn"
    return "weak"


def load(municipality: Municipality) -> pd.DataFrame | None:
    """The school indicators of the last analysis, or None when there is none."""
    return read_indicators(municipality.id)
