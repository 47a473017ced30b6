"""The assessment instruments of the generated world: tests, items, scales, ЕГЭ conversion.

Scores come from a simple item-response model: an item of ``w`` points gives each point
with probability ``expit(1.7 (θ − δ))``. Mark scales are fixed per test (as real ВПР and
ОГЭ scales are) and placed so that a reference population gets realistic mark shares.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

# ВПР: grade → subject → maximum primary score (close to the 2024 specifications).
VPR_MAX: dict[int, dict[str, int]] = {
    4: {"russian": 38, "math": 20, "okr_mir": 32},
    5: {"russian": 45, "math": 20, "history": 15, "biology": 22},
    6: {"russian": 51, "math": 20, "history": 20, "biology": 24, "geography": 37, "social": 23},
    7: {"russian": 47, "math": 19, "history": 25, "biology": 28, "geography": 37, "social": 23,
        "physics": 18, "english": 30},
    8: {"russian": 51, "math": 25, "history": 25, "biology": 29, "geography": 37, "social": 23,
        "physics": 18, "chemistry": 36},
}
VPR_CORE = ("russian", "math")
VPR_EXTRA_PER_CLASS = 2  # ФИС ОКО assigns two further subjects per class in grades 5–8

OGE_MAX: dict[str, int] = {
    "russian": 33, "math": 31, "social": 37, "informatics": 19, "geography": 31,
    "biology": 48, "chemistry": 40, "physics": 45, "english": 68, "history": 37, "literature": 37,
}
OGE_ELECTIVES: dict[str, float] = {
    "social": 0.55, "informatics": 0.35, "geography": 0.35, "biology": 0.25, "chemistry": 0.1,
    "physics": 0.12, "english": 0.1, "history": 0.05, "literature": 0.03,
}

EGE_MAX: dict[str, int] = {
    "russian": 50, "math": 32, "math_base": 21, "social": 58, "physics": 45, "biology": 58,
    "chemistry": 56, "history": 42, "informatics": 29, "english": 100, "literature": 48,
    "geography": 37,
}
# Minimum test scores (Rosobrnadzor, 2024); math_base is marked 2..5 instead.
EGE_MINIMUM: dict[str, int] = {
    "russian": 24, "math": 27, "social": 42, "physics": 36, "biology": 36, "chemistry": 36,
    "history": 32, "informatics": 40, "english": 22, "literature": 32, "geography": 37,
}
EGE_ELECTIVES: dict[str, float] = {
    "social": 0.45, "physics": 0.2, "biology": 0.2, "chemistry": 0.14, "history": 0.15,
    "informatics": 0.2, "english": 0.12, "literature": 0.06, "geography": 0.03,
}

# Shares of a reference population below the cut of marks 3, 4, 5 (i.e. mark 2 share etc.).
MARK_QUANTILES: dict[str, tuple[float, float, float]] = {
    "VPR": (0.15, 0.55, 0.86),
    "OGE": (0.07, 0.48, 0.84),
    "EGE": (0.03, 0.27, 0.65),  # math_base
}
EGE_MINIMUM_QUANTILE = 0.045
REFERENCE_MEAN = {"VPR": 0.0, "OGE": 0.0, "EGE": 0.35}  # grade 11 is a selected population
REFERENCE_SD = 1.1
DIFFICULTY_RANGE = {"VPR": (-2.6, 1.1), "OGE": (-2.9, 1.0), "EGE": (-1.5, 2.6)}


def _stable_seed(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode())


@dataclass(frozen=True)
class Test:
    """One instrument: items, the mark scale (cuts for marks 3, 4, 5) or the ЕГЭ conversion."""

    procedure: str
    subject: str
    grade: int
    max_score: int
    points: np.ndarray  # per item
    difficulty: np.ndarray  # per item
    cuts: tuple[int, int, int] | None
    conversion: np.ndarray | None  # ЕГЭ primary → test score
    ege_minimum: int | None

    def scores(self, theta: np.ndarray, uniforms: np.ndarray, shift: float = 0.0) -> np.ndarray:
        """Primary scores for abilities ``theta`` on this year's variant (difficulty + shift).

        ``uniforms`` (students × max_score, one per point) are the luck of the sitting: the
        same uniforms with a higher ability give a score at least as high, so a result with
        and without a manipulation can be compared student by student.
        """
        if theta.size == 0:
            return np.zeros(0, dtype=np.int16)
        per_point = np.repeat(self.difficulty, self.points) + shift
        p = expit(1.7 * (theta[:, None] - per_point[None, :]))
        return (uniforms < p).sum(axis=1).astype(np.int16)

    def marks(self, scores: np.ndarray) -> np.ndarray | None:
        if self.cuts is None:
            return None
        c3, c4, c5 = self.cuts
        return (2 + (scores >= c3) + (scores >= c4) + (scores >= c5)).astype(np.int8)

    def test_scores(self, scores: np.ndarray) -> np.ndarray | None:
        return None if self.conversion is None else self.conversion[scores]


def _items(max_score: int, rng: np.random.Generator) -> np.ndarray:
    points: list[int] = []
    while sum(points) < max_score:
        w = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))
        points.append(min(w, max_score - sum(points)))
    return np.array(points, dtype=np.int64)


def _cut(sorted_scores: np.ndarray, share_below: float) -> int:
    """The smallest score with at least ``share_below`` of the reference scoring under it."""
    return int(sorted_scores[min(int(share_below * sorted_scores.size), sorted_scores.size - 1)])


def build_test(procedure: str, subject: str, grade: int, max_score: int) -> Test:
    """The instrument for a procedure/subject/grade; identical for every seed and year."""
    rng = np.random.default_rng(_stable_seed(procedure, subject, grade))
    points = _items(max_score, rng)
    low, high = DIFFICULTY_RANGE[procedure]
    difficulty = np.sort(np.linspace(low, high, points.size) + rng.normal(0, 0.25, points.size))
    probe = Test(procedure, subject, grade, max_score, points, difficulty, None, None, None)
    theta = rng.normal(REFERENCE_MEAN[procedure], REFERENCE_SD, 20_000)
    reference = np.sort(probe.scores(theta, rng.random((theta.size, max_score))))
    if procedure == "EGE" and subject in EGE_MINIMUM:
        minimum = EGE_MINIMUM[subject]
        p_min = max(1, _cut(reference, EGE_MINIMUM_QUANTILE))
        primary = np.arange(max_score + 1, dtype=float)
        above = np.clip((primary - p_min) / (max_score - p_min), 0, 1) ** 1.1
        conversion = np.where(
            primary < p_min,
            np.floor(primary * (minimum - 1) / max(p_min - 1, 1)),
            minimum + np.round((100 - minimum) * above),
        ).astype(np.int8)
        return Test(procedure, subject, grade, max_score, points, difficulty, None, conversion,
                    minimum)
    q3, q4, q5 = MARK_QUANTILES[procedure]
    c3 = max(1, _cut(reference, q3))
    c4 = max(c3 + 1, _cut(reference, q4))
    c5 = min(max_score, max(c4 + 1, _cut(reference, q5)))
    return Test(procedure, subject, grade, max_score, points, difficulty, (c3, c4, c5), None, None)


def all_tests() -> dict[tuple[str, str, int], Test]:
    """Every instrument of the world keyed by (procedure, subject, grade)."""
    tests: dict[tuple[str, str, int], Test] = {}
    for grade, subjects in VPR_MAX.items():
        for subject, max_score in subjects.items():
            tests["VPR", subject, grade] = build_test("VPR", subject, grade, max_score)
    for subject, max_score in OGE_MAX.items():
        tests["OGE", subject, 9] = build_test("OGE", subject, 9, max_score)
    for subject, max_score in EGE_MAX.items():
        tests["EGE", subject, 11] = build_test("EGE", subject, 11, max_score)
    return tests


def year_shift(test: Test, year: int) -> float:
    """This year's variant is a little easier or harder than the scale was set on."""
    return float(np.random.default_rng(_stable_seed(test.procedure, test.subject, test.grade, year))
                 .normal(0, 0.1))
