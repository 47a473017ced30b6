"""Low results against similar schools, the federal risk rule, conditions and small samples."""

from __future__ import annotations

import pandas as pd

from mskoko.analytics.low_results import federal_hits


def risky_units(rows: list[tuple[str, int, str, str, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["org_id", "year", "procedure", "subject", "grade",
                                       "n_level", "n_below"])


def test_federal_rule_needs_two_risky_procedures_and_one_of_them_two_years_running(settings) -> None:
    units = risky_units([
        ("X", 2024, "VPR", "math", 5, 40, 13),   # 32 % last year
        ("X", 2025, "VPR", "math", 5, 40, 14),   # 35 %
        ("X", 2025, "VPR", "russian", 5, 40, 12),  # 30 %
        ("Y", 2025, "VPR", "math", 5, 40, 14),
        ("Y", 2025, "VPR", "russian", 5, 40, 12),  # two this year, none the year before
        ("Z", 2024, "VPR", "math", 5, 10, 9),
        ("Z", 2025, "VPR", "math", 5, 10, 9),     # too few participants to judge
        ("Z", 2025, "OGE", "math", 9, 10, 9),
    ])
    hits = federal_hits(units, settings)
    assert set(hits) == {("X", 2025)}
    assert "2 года подряд" in hits["X", 2025] and "ВПР, математика, 5" in hits["X", 2025]


def test_tiny_schools_get_small_sample_and_no_judgement(analysis, region, settings) -> None:
    flags = analysis.flags
    tiny = region.truth.orgs_with_role("tiny")
    small = flags[flags["flag"] == "small_sample"]
    assert tiny <= set(small["org_id"])
    judged = flags[flags["flag"].isin(["objectivity_risk", "low_results", "risk_zone"])]
    assert not tiny & set(judged["org_id"])
    assert small["evidence"].str.contains(f"меньше {settings.min_participants_judgement}").all()


def test_every_school_in_unfavourable_conditions_is_named_with_its_conditions(analysis, settings) -> None:
    ctx = analysis.context
    adverse = set(ctx[(ctx["social_index"] >= settings.adverse_social_index)
                      & (ctx["org_type"] == "school")].index)
    flagged = analysis.flags[analysis.flags["flag"] == "adverse_conditions"]
    assert set(flagged["org_id"]) == adverse & set(analysis.school_years["org_id"])
    assert flagged["evidence"].str.contains("неблагоприятных социальных условиях").all()


def test_low_results_are_high_persistent_and_above_similar_schools(analysis, settings) -> None:
    sy = analysis.school_years
    low = sy[sy["low_results"]]
    assert len(low) > 0
    assert (low["shrunk_share"] >= settings.low_results_share_threshold).all()
    assert (low["excess"] >= settings.low_results_min_excess).all()
    flags = analysis.flags[analysis.flags["flag"] == "low_results"]
    assert set(zip(flags["org_id"], flags["year"], strict=True)) == set(
        zip(low["org_id"], low["year"], strict=True))
    assert flags["evidence"].str.contains("у школ со сходными условиями").all()


def test_adverse_schools_doing_as_expected_are_not_called_low_results(analysis, region) -> None:
    expected = region.truth.orgs_with_role("adverse") - region.truth.low_results_orgs()
    low = set(analysis.flags[analysis.flags["flag"] == "low_results"]["org_id"])
    assert expected and not expected & low


def test_small_schools_are_shrunk_towards_the_area(analysis) -> None:
    sy = analysis.school_years[analysis.school_years["judged"]]
    raw = sy["share_below_basic"]
    towards = (sy["shrunk_share"] - sy["area_share"]).abs() <= (raw - sy["area_share"]).abs() + 1e-9
    assert towards.all()
