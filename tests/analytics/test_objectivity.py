"""The objectivity rule: independent sources together, one specific strong sign, never one gap."""

from __future__ import annotations

import pandas as pd

from mskoko.analytics.objectivity import assess, mark_present


def judge(signs: list[tuple[str, str, float]], settings) -> pd.DataFrame:
    frame = pd.DataFrame([
        {"org_id": "A", "year": 2024, "procedure": procedure, "sign": sign, "z": z}
        for procedure, sign, z in signs
    ])
    return assess(mark_present(frame, settings), settings)


def at_risk(result: pd.DataFrame) -> bool:
    return bool(result["at_risk"].any())


def test_a_school_with_procedure_marks_above_journal_marks_alone_is_not_flagged(settings) -> None:
    assert not at_risk(judge([("VPR", "mark_gap", 6.0)], settings))


def test_two_independent_sources_together_flag_the_procedure(settings) -> None:
    result = judge([("VPR", "mark_gap", 2.4), ("VPR", "level_not_confirmed", 2.6)], settings)
    assert at_risk(result)
    assert result.iloc[0]["signs"].split(",") == ["level_not_confirmed", "mark_gap"]


def test_two_standing_signs_are_one_source_and_do_not_flag_together(settings) -> None:
    result = judge([("VPR", "leap", 2.9), ("VPR", "level_not_confirmed", 2.9)], settings)
    assert not at_risk(result)


def test_one_strong_heaping_at_cut_scores_flags_by_itself(settings) -> None:
    assert at_risk(judge([("VPR", "cut_heaping", 4.5)], settings))
    assert not at_risk(judge([("VPR", "cut_heaping", 3.0)], settings))


def test_more_procedures_judged_in_a_year_raise_the_bar(settings) -> None:
    borderline = [("VPR", "mark_gap", 2.2), ("VPR", "cut_heaping", 2.25)]
    assert at_risk(judge(borderline, settings))
    other = [("OGE", "mark_gap", 0.1)]
    assert not at_risk(judge(borderline + other, settings))


def test_anchor_procedures_are_not_judged_for_objectivity(settings) -> None:
    assert "EGE" in settings.objectivity_anchor_procedures
    assert not at_risk(judge([("EGE", "mark_gap", 5.0), ("EGE", "cut_heaping", 5.0)], settings))


def test_severity_grows_with_the_evidence_and_stays_within_zero_and_one(settings) -> None:
    weak = judge([("VPR", "mark_gap", 2.2), ("VPR", "level_not_confirmed", 2.3)], settings)
    strong = judge([("VPR", "mark_gap", 6.0), ("VPR", "level_not_confirmed", 8.0)], settings)
    assert 0 < weak.iloc[0]["severity"] < strong.iloc[0]["severity"] <= 1
