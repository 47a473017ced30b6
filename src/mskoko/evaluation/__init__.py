"""Expert scoring: proposals from the automatic check, experts' final scores, totals and
index, per-system profiles, penalties, year-over-year change, the region comparison and
agreement between experts. Plain data and functions; storage is a ``ScoreRepository``.

Names are imported lazily: the model is light, charts and exports pull in matplotlib,
pandas and openpyxl only when used.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "AgreementReport": "agreement",
    "agreement": "agreement",
    "scores_by_expert": "agreement",
    "render_heatmap": "charts",
    "render_profile": "charts",
    "combine_points": "combine",
    "PeriodLockedError": "errors",
    "ScoringError": "errors",
    "export_region_xlsx": "export",
    "export_scorecard_xlsx": "export",
    "CombineRule": "model",
    "ExpertPenalty": "model",
    "ExpertScore": "model",
    "Proposal": "model",
    "ProposalKind": "model",
    "ScoringPeriod": "model",
    "Source": "model",
    "derive_track": "proposals",
    "proposals_from_check": "proposals",
    "region_table": "region",
    "MemoryScoreRepository": "repository",
    "ScoreRepository": "repository",
    "read_scoresheet": "scoresheet",
    "write_scoresheet": "scoresheet",
    "SETTINGS": "settings",
    "MunicipalityScore": "summary",
    "YearChange": "summary",
    "summarise": "summary",
    "year_change": "summary",
    "accept_proposals": "workflow",
    "change_from_previous": "workflow",
    "configure_period": "workflow",
    "lock_period": "workflow",
    "municipality_result": "workflow",
    "region_results": "workflow",
    "remove_entry": "workflow",
    "save_entries": "workflow",
    "store_proposals": "workflow",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mskoko.evaluation' has no attribute {name!r}")
    return getattr(importlib.import_module(f"mskoko.evaluation.{module}"), name)
