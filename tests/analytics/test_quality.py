"""Detection quality on generated regions with planted cases, on seeds not used for tuning.

Positives for objectivity_risk are school-years where a planted manipulation raised at least
5 % of the school's marks in a procedure with enough participants to judge; subtler planted
manipulations are left out of both counts (neither found nor false) and reported apart.
The naive approach is one threshold on one sign: ВПР marks above school marks by 10 points
more than in the area, for every school.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

SEEDS = (101, 102, 103, 104)
MUNICIPALITIES = 2


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, truth: set, ignore: set = frozenset()) -> None:
        predicted = predicted - ignore
        self.tp += len(predicted & truth)
        self.fp += len(predicted - truth)
        self.fn += len(truth - predicted)

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)


def pairs(frame) -> set:
    return set(zip(frame["org_id"], frame["year"], strict=True))


def naive_flags(indicators, threshold: float = 0.10) -> set:
    vpr = indicators[indicators["procedure"] == "VPR"]
    school = vpr.groupby(["org_id", "year"])[["n_raised", "n_pairs"]].sum()
    area = vpr.groupby("year")[["n_raised", "n_pairs"]].sum()
    share = school["n_raised"] / school["n_pairs"]
    area_share = (area["n_raised"] / area["n_pairs"]).reindex(
        school.index.get_level_values("year")).to_numpy()
    return set(school.index[(share.to_numpy() - area_share) >= threshold])


@pytest.fixture(scope="module")
def quality(rulebook):
    from mskoko.analytics import analyze
    from mskoko.demo import generate

    counts = {"objectivity": Counts(), "naive": Counts(), "low_results": Counts()}
    strong_flagged: set = set()
    subtle = [0, 0]
    minimum = None
    for seed in SEEDS:
        generated = generate(seed, municipalities=MUNICIPALITIES)
        result = analyze(generated.dataset, rulebook)
        truth = generated.truth
        minimum = result.settings.min_participants_judgement
        flags = result.flags
        students = result.signs.drop_duplicates(["org_id", "year", "procedure"]).set_index(
            ["org_id", "year", "procedure"])["procedure_students"]
        material = truth.materially_inflated_org_years()
        positives = {(i.org_id, y) for i in truth.inflations for y in i.years
                     if (i.org_id, y) in material and students.get((i.org_id, y, i.procedure), 0) >= minimum}
        ignore = truth.inflated_org_years() - positives
        flagged = pairs(flags[flags["flag"] == "objectivity_risk"])
        counts["objectivity"].add(flagged, positives, ignore)
        counts["naive"].add(naive_flags(result.indicators), positives, ignore)
        subtle[0] += len(flagged & ignore)
        subtle[1] += len(ignore)
        strong_flagged |= {f for f in flagged if f[0] in truth.orgs_with_role("strong")}
        judged = pairs(result.school_years[result.school_years["judged"]])
        low = pairs(flags[flags["flag"] == "low_results"])
        counts["low_results"].add(low, truth.low_results_org_years() & judged)
    return counts, strong_flagged, subtle


def test_objectivity_risk_finds_inflated_schools_with_precision_and_recall_of_085(quality) -> None:
    counts, _, _ = quality
    c = counts["objectivity"]
    assert c.tp >= 40, "too few planted cases to measure"
    assert c.precision >= 0.85, vars(c)
    assert c.recall >= 0.85, vars(c)


def test_low_results_finds_low_result_schools_with_precision_and_recall_of_085(quality) -> None:
    c = quality[0]["low_results"]
    assert c.tp >= 40
    assert c.precision >= 0.85, vars(c)
    assert c.recall >= 0.85, vars(c)


def test_no_strong_school_is_flagged_as_non_objective(quality) -> None:
    assert quality[1] == set()


def test_the_naive_single_sign_threshold_is_far_worse(quality) -> None:
    counts = quality[0]
    ours, naive = counts["objectivity"], counts["naive"]
    assert naive.precision < ours.precision - 0.3
    assert naive.recall < ours.recall - 0.3
