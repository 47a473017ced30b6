"""Vectorised simulation of one municipality's students and their results, year by year.

Loops run over tests (year × procedure × subject × grade), never over students: every
array holds all students of the municipality, so the same code makes a 40-school demo and
a multi-million-row benchmark region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
from scipy.special import expit
from scipy.stats import norm

from mskoko.data.dataset import RESULTS_SCHEMA
from mskoko.demo.assessments import (
    EGE_ELECTIVES,
    OGE_ELECTIVES,
    VPR_CORE,
    VPR_EXTRA_PER_CLASS,
    VPR_MAX,
    Test,
    all_tests,
    year_shift,
)
from mskoko.demo.names import pseudonyms

if TYPE_CHECKING:
    from mskoko.demo.generator import Inflation, SchoolTruth

CLASS_SIZE = 25
CLASS_LETTERS = "АБВГДЕЖЗИК"
SUBJECT_SD = 0.45  # a student's subject-specific ability around the general one
STATE_SD = 0.35  # how one sitting differs from another
SCHOOL_YEAR_SD = 0.07
# Journal (school) marks: partly relative within the school ("grading on a curve"),
# so strong schools mark harder and weak ones softer than an external test would.
JOURNAL_CURVE = 0.45
# Teachers of each stage (primary 1–4, basic 5–9, secondary 10–11) add their own softness.
LENIENCY_STAGE_SD = 0.11
STAGES = ((1, 4), (5, 9), (10, 11))
JOURNAL_NOISE_SD = 0.55
JOURNAL_SD = 1.33  # spread of the journal latent in the reference population
JOURNAL_SHARES_BELOW = (0.02, 0.36, 0.77)
JOURNAL_CUTS = tuple(JOURNAL_SD * norm.ppf(q) for q in JOURNAL_SHARES_BELOW)
MISSING_JOURNAL = 0.02


@dataclass
class World:
    """The instruments and the subject index shared by every municipality."""

    tests: dict[tuple[str, str, int], Test]
    subjects: list[str]
    schema: pa.Schema = RESULTS_SCHEMA

    @classmethod
    def build(cls) -> World:
        tests = all_tests()
        return cls(tests, sorted({subject for _, subject, _ in tests}))


@dataclass
class Simulated:
    batches: list[pa.RecordBatch] = field(default_factory=list)
    students: int = 0
    # (org_id, year, procedure) → results whose mark a planted manipulation raised
    raised: dict[tuple[str, int, str], int] = field(default_factory=dict)


@dataclass
class _Students:
    school: np.ndarray
    cohort: np.ndarray  # the year the student is in grade 4
    position: np.ndarray  # index within the school's cohort → class letter
    theta: np.ndarray
    theta_subject: np.ndarray  # students × subjects
    continues: np.ndarray  # goes on to grades 10–11
    ids: np.ndarray


def _students(
    rng: np.random.Generator, world: World, effect: np.ndarray, per_grade: np.ndarray,
    top_grade: np.ndarray, years: Sequence[int], id_offset: int, salt: int,
) -> _Students:
    cohorts = np.arange(years[0] - 7, years[-1] + 1)
    sizes = rng.poisson(per_grade[:, None] * rng.uniform(0.85, 1.15, (per_grade.size, cohorts.size)))
    flat = sizes.ravel()
    group = np.repeat(np.arange(flat.size), flat)
    starts = np.concatenate([[0], np.cumsum(flat)[:-1]])
    school = group // cohorts.size
    theta = effect[school] + rng.normal(0, 1, group.size)
    subject_noise = rng.normal(0, SUBJECT_SD, (group.size, len(world.subjects))).astype(np.float32)
    continues = (top_grade[school] >= 11) & (rng.random(group.size) < expit(0.2 + theta))
    return _Students(
        school=school,
        cohort=cohorts[group % cohorts.size],
        position=np.arange(group.size) - starts[group],
        theta=theta,
        theta_subject=theta[:, None].astype(np.float32) + subject_noise,
        continues=continues,
        ids=pseudonyms(np.arange(group.size) + id_offset, salt),
    )


def _top_k(rng: np.random.Generator, weights: dict[str, float], n: int, k: np.ndarray
           ) -> dict[str, np.ndarray]:
    """Each of ``n`` students picks ``k[i]`` electives without replacement (Gumbel top-k)."""
    names = list(weights)
    keys = np.log(np.array([weights[s] for s in names]))[None, :] + rng.gumbel(size=(n, len(names)))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
    return {s: rank[:, j] < k for j, s in enumerate(names)}


class _Municipality:
    """Holds the students and school attributes while tests are simulated."""

    def __init__(self, world: World, schools: Sequence[SchoolTruth], per_grade: Sequence[float],
                 top_grade: Sequence[int], leniency: Sequence[float],
                 inflations: Sequence[Inflation], years: Sequence[int],
                 rng: np.random.Generator, id_offset: int, salt: int) -> None:
        self.world, self.rng, self.years = world, rng, list(years)
        self.org_ids = pa.array([s.org_id for s in schools], pa.string())
        self.effect = np.array([s.effect for s in schools])
        self.social = np.array([s.social_index for s in schools])
        self.leniency = np.array(leniency)[:, None] + rng.normal(
            0, LENIENCY_STAGE_SD, (len(schools), len(STAGES)))
        self.top_grade = np.array(top_grade)
        self.inflations = list(inflations)
        self.school_of = {s.org_id: i for i, s in enumerate(schools)}
        self.students = _students(rng, world, self.effect, np.array(per_grade), self.top_grade,
                                  years, id_offset, salt)
        self.school_year = rng.normal(0, SCHOOL_YEAR_SD, (len(schools), len(years)))
        self.subject_col = {s: i for i, s in enumerate(world.subjects)}
        self.raised: dict[tuple[str, int, str], int] = {}

    def in_grade(self, year: int, grade: int) -> np.ndarray:
        st = self.students
        mask = (st.cohort == year - (grade - 4)) & (self.top_grade[st.school] >= grade)
        if grade >= 10:
            mask &= st.continues
        return np.nonzero(mask)[0]

    def present(self, idx: np.ndarray) -> np.ndarray:
        """Drop absentees: a few per cent, more where social conditions are harder."""
        p_absent = 0.04 + 0.05 * self.social[self.students.school[idx]]
        return idx[self.rng.random(idx.size) >= p_absent]

    def year_batches(self, year: int) -> list[pa.RecordBatch]:
        batches = []
        rng, st = self.rng, self.students
        n_schools = self.effect.size
        for grade, subjects in VPR_MAX.items():
            idx = self.in_grade(year, grade)
            pool = [s for s in subjects if s not in VPR_CORE]
            if grade == 4:
                chosen = np.ones((n_schools, len(pool)), dtype=bool)
            else:
                order = np.argsort(rng.random((n_schools, len(pool))), axis=1)
                chosen = np.argsort(order, axis=1) < VPR_EXTRA_PER_CLASS
            for subject in subjects:
                take = idx
                if subject in pool:
                    take = idx[chosen[st.school[idx], pool.index(subject)]]
                batches.append(self.assess("VPR", subject, grade, year, self.present(take)))
        idx = self.in_grade(year, 9)
        electives = _top_k(rng, OGE_ELECTIVES, idx.size, np.full(idx.size, 2))
        for subject in ("russian", "math", *OGE_ELECTIVES):
            take = idx if subject in ("russian", "math") else idx[electives[subject]]
            batches.append(self.assess("OGE", subject, 9, year, self.present(take)))
        idx = self.in_grade(year, 11)
        profile = rng.random(idx.size) < expit(0.3 + 1.2 * st.theta[idx])
        counts = rng.choice([1, 2, 3], size=idx.size, p=[0.35, 0.45, 0.2])
        electives = _top_k(rng, EGE_ELECTIVES, idx.size, counts)
        picks = {"russian": np.ones(idx.size, bool), "math": profile, "math_base": ~profile}
        for subject, mask in {**picks, **electives}.items():
            batches.append(self.assess("EGE", subject, 11, year, self.present(idx[mask])))
        return [b for b in batches if b.num_rows]

    def _count_raised(self, test: Test, school: np.ndarray, honest: np.ndarray,
                      scores: np.ndarray, procedure: str, year: int) -> None:
        """Per school: results whose mark (or ЕГЭ test score) the manipulation raised."""
        before = test.marks(honest) if test.cuts is not None else test.test_scores(honest)
        after = test.marks(scores) if test.cuts is not None else test.test_scores(scores)
        raised = np.bincount(school[after > before], minlength=self.effect.size)
        for org, i in self.school_of.items():
            if raised[i]:
                key = (org, year, procedure)
                self.raised[key] = self.raised.get(key, 0) + int(raised[i])

    def assess(self, procedure: str, subject: str, grade: int, year: int, idx: np.ndarray
               ) -> pa.RecordBatch:
        rng, st = self.rng, self.students
        test = self.world.tests[procedure, subject, grade]
        school = st.school[idx]
        col = self.subject_col[subject]
        y = self.years.index(year)
        theta = (st.theta_subject[idx, col] + self.school_year[school, y]
                 + rng.normal(0, STATE_SD, idx.size))
        active = [i for i in self.inflations if i.applies(year, procedure, subject, grade)]
        luck = rng.random((idx.size, test.max_score))
        honest = test.scores(theta, luck, year_shift(test, year))
        boost = sum((inflation.strength * (school == self.school_of[inflation.org_id])
                     for inflation in active if inflation.mechanism in {"leak", "exam_cheating"}),
                    np.zeros(idx.size))
        scores = test.scores(theta + boost, luck, year_shift(test, year)) if boost.any() else honest
        for inflation in active:
            scores = _manipulate(scores, school == self.school_of[inflation.org_id], inflation,
                                 test, rng)
        if active:
            self._count_raised(test, school, honest, scores, procedure, year)
        marks = test.marks(scores)
        stage = next(i for i, (low, high) in enumerate(STAGES) if low <= grade <= high)
        journal_latent = (st.theta_subject[idx, col] + self.leniency[school, stage]
                          - JOURNAL_CURVE * self.effect[school]
                          + rng.normal(0, JOURNAL_NOISE_SD, idx.size))
        journal = (2 + sum((journal_latent >= c) for c in JOURNAL_CUTS)).astype(np.int8)
        n = idx.size
        class_labels = pa.array([f"{grade}{letter}" for letter in CLASS_LETTERS])
        letter = np.minimum(st.position[idx] // CLASS_SIZE, len(CLASS_LETTERS) - 1)
        test_scores = test.test_scores(scores)
        columns = [
            pa.array(np.full(n, year, np.int16)),
            _constant(procedure, n),
            _constant(subject, n),
            pa.array(np.full(n, grade, np.int8)),
            self.org_ids.take(pa.array(school)),
            pa.array(st.ids[idx], pa.string()),
            class_labels.take(pa.array(letter)),
            pa.array(scores.astype(np.int16)),
            pa.array(np.full(n, test.max_score, np.int16)),
            pa.array(marks, pa.int8()) if marks is not None else pa.nulls(n, pa.int8()),
            pa.array(test_scores, pa.int8()) if test_scores is not None else pa.nulls(n, pa.int8()),
            pa.array(journal, pa.int8(), mask=rng.random(n) < MISSING_JOURNAL),
        ]
        return pa.RecordBatch.from_arrays(columns, schema=RESULTS_SCHEMA)


def _constant(value: str, n: int) -> pa.Array:
    return pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, np.int32)), pa.array([value])
    ).cast(pa.string())


def _manipulate(scores: np.ndarray, at_school: np.ndarray, inflation: Inflation, test: Test,
                rng: np.random.Generator) -> np.ndarray:
    """Apply a checking-stage manipulation (points granted, heaping at cuts) at one school."""
    scores = scores.copy()
    if inflation.mechanism == "lenient_checking":
        room = (test.max_score - scores).clip(0)
        scores = scores + at_school * rng.binomial(room, inflation.strength)
    elif inflation.mechanism == "cut_heaping" and test.cuts is not None:
        for mark in inflation.cut_marks:
            cut = test.cuts[mark - 3]
            near = at_school & (scores >= cut - inflation.window) & (scores < cut)
            lifted = near & (rng.random(scores.size) < inflation.strength)
            scores[lifted] = cut
    return scores.astype(np.int16)


def simulate_municipality(
    world: World, schools: Sequence[SchoolTruth], per_grade: Sequence[float],
    top_grade: Sequence[int], leniency: Sequence[float], inflations: Sequence[Inflation],
    years: Sequence[int], rng: np.random.Generator, *, id_offset: int = 0, salt: int = 0,
) -> Simulated:
    """All result rows of one municipality for ``years``, as Arrow record batches."""
    municipality = _Municipality(world, schools, per_grade, top_grade, leniency, inflations,
                                 years, rng, id_offset, salt)
    simulated = Simulated(students=int(municipality.students.school.size))
    for year in years:
        simulated.batches.extend(municipality.year_batches(year))
    simulated.raised = municipality.raised
    return simulated
