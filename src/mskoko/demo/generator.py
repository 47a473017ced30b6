"""A realistic demonstration region: schools, cohorts of students and three years of results,
with planted cases whose truth is returned beside the data.

The world: a school's latent effect depends on its social conditions plus noise; a
student's ability is the school effect plus individual variation; students move up a
grade each year under a stable pseudonym, so grade-8 ВПР links to grade-9 ОГЭ next year.
Planted: inflated schools (lenient checking, score heaping at cut scores, leaked tasks,
exam-day cheating at ОГЭ; everywhere or in one subject/year/grade only, of varied
strength), low-result schools (with or without adverse conditions), adverse-conditions
schools doing as expected, strong schools and tiny schools.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from mskoko.data.dataset import ORGANIZATIONS_SCHEMA, SCALES_SCHEMA, Dataset
from mskoko.demo.names import MUNICIPALITIES, VILLAGES, school_name
from mskoko.demo.simulation import World, simulate_municipality

DEFAULT_YEARS: tuple[int, ...] = (2023, 2024, 2025)

# How soft a school marks in the journal: a school culture (this), plus each stage's own
# teachers (simulation.LENIENCY_STAGE_SD).
LENIENCY_SCHOOL_SD = 0.14

# Planted inflation counts as material when it raised the marks (ЕГЭ: test scores) of at
# least this share of the school's results in the procedure that year; below it the school's
# results are hardly distorted and no statistic can tell them from honest ones.
MATERIAL_SHARE = 0.05

# A school counts as low-result when its latent effect is this far (student SD) below what
# its conditions predict: the planted low schools, and any other that chance put there.
LOW_EFFECT_GAP = 0.5

ROLE_SHARES: dict[str, float] = {
    "tiny": 0.08, "strong": 0.075, "low_results": 0.1, "adverse": 0.1, "inflated": 0.15,
}


@dataclass(frozen=True)
class Inflation:
    """One planted manipulation: where it acts and how strongly."""

    org_id: str
    mechanism: str  # lenient_checking | cut_heaping | leak | exam_cheating
    procedure: str
    years: tuple[int, ...]
    subjects: tuple[str, ...] | None  # None: every subject
    grades: tuple[int, ...] | None  # None: every grade
    strength: float  # share of missing points granted, lift probability or ability boost
    window: int = 0  # cut_heaping: how many points below a cut are lifted
    cut_marks: tuple[int, ...] = ()  # cut_heaping: the marks whose cuts are targeted
    scope: str = "everywhere"

    def applies(self, year: int, procedure: str, subject: str, grade: int) -> bool:
        return (
            procedure == self.procedure
            and year in self.years
            and (self.subjects is None or subject in self.subjects)
            and (self.grades is None or grade in self.grades)
        )


@dataclass(frozen=True)
class SchoolTruth:
    """What the generator knows about a school and an analyst must find out."""

    org_id: str
    name: str
    municipality_id: str
    roles: frozenset[str]
    kind: str
    settlement: str
    social_index: float
    students: int
    effect: float  # latent, in student standard deviations
    expected_effect: float  # what the school's conditions alone would predict


@dataclass
class Truth:
    """The planted cases of a generated region."""

    schools: dict[str, SchoolTruth]
    inflations: list[Inflation]
    years: tuple[int, ...]
    # (org_id, year, procedure) → results whose mark a manipulation raised / all results
    raised: dict[tuple[str, int, str], int] = field(default_factory=dict)
    results: dict[tuple[str, int, str], int] = field(default_factory=dict)

    def orgs_with_role(self, role: str) -> set[str]:
        return {s.org_id for s in self.schools.values() if role in s.roles}

    def inflated_org_years(self) -> set[tuple[str, int]]:
        """Every school-year with a planted manipulation, however slight."""
        return {(i.org_id, year) for i in self.inflations for year in i.years}

    def raised_share(self, org_id: str, year: int, procedure: str) -> float:
        total = self.results.get((org_id, year, procedure), 0)
        return self.raised.get((org_id, year, procedure), 0) / total if total else 0.0

    def materially_inflated_org_years(self, share: float = MATERIAL_SHARE) -> set[tuple[str, int]]:
        """School-years where a manipulation raised at least ``share`` of a procedure's marks."""
        return {
            (org, year) for (org, year, procedure) in self.raised
            if self.raised_share(org, year, procedure) >= share
        }

    def low_results_orgs(self) -> set[str]:
        return {
            s.org_id for s in self.schools.values()
            if "low_results" in s.roles
            or ("tiny" not in s.roles and s.effect - s.expected_effect <= -LOW_EFFECT_GAP)
        }

    def low_results_org_years(self) -> set[tuple[str, int]]:
        return {(org, year) for org in self.low_results_orgs() for year in self.years}


@dataclass
class GeneratedData:
    dataset: Dataset
    truth: Truth


@dataclass
class _Plan:
    """One municipality before simulation: schools (with truth) and planted inflations."""

    municipality_id: str
    municipality_name: str
    schools: list[SchoolTruth]
    per_grade: list[float]
    top_grade: list[int]
    leniency: list[float]
    inflations: list[Inflation]
    kindergartens: list[tuple[str, str, int]] = field(default_factory=list)


def _role_counts(n: int) -> dict[str, int]:
    counts = {role: round(share * n) for role, share in ROLE_SHARES.items()}
    if n >= 10:
        counts = {role: max(1, c) for role, c in counts.items()}
    while sum(counts.values()) > n:
        largest = max(counts, key=lambda r: counts[r])
        counts[largest] -= 1
    return counts


def _expected_effect(social_index: float, settlement: str) -> float:
    return -1.1 * (social_index - 0.35) - (0.08 if settlement == "rural" else 0.0)


def _draw_school(rng: np.random.Generator, role: str, urban_share: float) -> dict[str, object]:
    """Kind, settlement, size per grade, social index and latent effect for one role."""
    if role == "strong":
        settlement, kind = "urban", str(rng.choice(["Лицей", "Гимназия"]))
        per_grade, si = rng.uniform(60, 110), rng.uniform(0.04, 0.2)
    elif role == "tiny":
        settlement, kind = "rural", str(rng.choice(["ООШ", "НОШ"], p=[0.7, 0.3]))
        per_grade, si = rng.uniform(1.0, 2.8), rng.beta(5, 4)
    elif role == "adverse" or (role == "low_results" and rng.random() < 0.5):
        settlement = "rural" if rng.random() < 0.85 else "urban"
        kind = str(rng.choice(["СОШ", "ООШ"], p=[0.7, 0.3]))
        per_grade = rng.uniform(9, 30) if kind == "СОШ" else rng.uniform(6, 12)
        if settlement == "urban":
            per_grade *= 2.5
        si = rng.uniform(0.7, 0.95)
        role = role if role == "adverse" else "low_results+adverse"
    else:
        settlement = "urban" if rng.random() < urban_share else "rural"
        if settlement == "urban":
            kind = str(rng.choice(["СОШ", "ООШ", "Лицей", "Гимназия"], p=[0.78, 0.1, 0.06, 0.06]))
            per_grade = rng.uniform(45, 120) if kind != "ООШ" else rng.uniform(25, 60)
            si = rng.beta(2.5, 5.5)
        else:
            kind = str(rng.choice(["СОШ", "ООШ"], p=[0.6, 0.4]))
            per_grade = rng.uniform(8, 35) if kind == "СОШ" else rng.uniform(4, 12)
            si = rng.beta(5, 4)
        if role == "low_results":
            si = rng.uniform(0.28, 0.5)
        if role == "inflated":
            per_grade = max(per_grade, rng.uniform(12, 30))
    expected = _expected_effect(float(si), settlement)
    effect = {
        "strong": expected + rng.uniform(0.6, 0.9),
        "low_results": expected - rng.uniform(0.75, 1.1),
        "low_results+adverse": expected - rng.uniform(0.6, 0.9),
        "adverse": expected + rng.normal(0, 0.08),
        "tiny": expected + rng.normal(0, 0.3),
    }.get(role, expected + rng.normal(0, 0.2))
    return {
        "settlement": settlement, "kind": kind, "per_grade": float(per_grade),
        "social_index": round(float(si), 2), "effect": float(effect), "expected": expected,
        "roles": frozenset(role.split("+")),
    }


_INFLATION_MENU: list[tuple[str, str]] = [
    ("lenient_checking", "everywhere"), ("cut_heaping", "everywhere"),
    ("leak", "one_subject_year"), ("cut_heaping", "one_subject_all_years"),
    ("lenient_checking", "from_year"), ("leak", "everywhere"), ("exam_cheating", "one_year"),
    ("cut_heaping", "one_grade"), ("leak", "from_year"), ("lenient_checking", "one_subject_year"),
]


def _plan_inflation(
    rng: np.random.Generator, org_id: str, mechanism: str, scope: str, years: tuple[int, ...],
) -> Inflation:
    procedure = "OGE" if mechanism == "exam_cheating" else "VPR"
    chosen_years, subjects, grades = years, None, None
    if scope == "from_year" and len(years) > 1:
        chosen_years = years[int(rng.integers(1, len(years))):]
    elif scope in {"one_subject_year", "one_year"}:
        chosen_years = (int(rng.choice(years)),)
    if scope.startswith("one_subject"):
        subjects = (str(rng.choice(["math", "russian"])),)
    if scope == "one_grade":
        grades = (int(rng.integers(4, 9)),)
    strength = {
        "lenient_checking": rng.uniform(0.12, 0.3), "cut_heaping": rng.uniform(0.5, 0.95),
        "leak": rng.uniform(0.45, 1.0), "exam_cheating": rng.uniform(0.5, 0.9),
    }[mechanism]
    window = int(rng.integers(1, 4)) if mechanism == "cut_heaping" else 0
    cut_marks = ((3,), (3, 4), (3, 4, 5))[int(rng.integers(0, 3))] if window else ()
    return Inflation(org_id, mechanism, procedure, tuple(chosen_years), subjects, grades,
                     round(float(strength), 2), window, cut_marks, scope)


def _plan_municipality(
    rng: np.random.Generator, index: int, n_schools: int, years: tuple[int, ...]
) -> _Plan:
    name, mkind = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    if index >= len(MUNICIPALITIES):
        name = f"{name} ({index // len(MUNICIPALITIES) + 1})"
    municipality_id = f"75{600 + 3 * index:03d}"
    urban_share = 0.9 if mkind == "city" else 0.35
    counts = _role_counts(n_schools)
    roles = [r for r, c in counts.items() for _ in range(c)]
    roles += ["ordinary"] * (n_schools - len(roles))
    rng.shuffle(roles)
    villages = list(rng.permutation(VILLAGES))
    numbers = list(rng.permutation(np.arange(1, 4 * n_schools + 1)))
    menu = [_INFLATION_MENU[i] for i in rng.permutation(len(_INFLATION_MENU))]
    plan = _Plan(municipality_id, name, [], [], [], [], [])
    for i, role in enumerate(roles):
        drawn = _draw_school(rng, role, urban_share)
        org_id = f"{municipality_id}{i + 1:03d}"
        kind, settlement = str(drawn["kind"]), str(drawn["settlement"])
        village = str(villages.pop()) if settlement == "rural" and villages else None
        if settlement == "rural" and village is None:
            settlement = "urban"
        per_grade = float(drawn["per_grade"])  # type: ignore[arg-type]
        top = {"НОШ": 4, "ООШ": 9}.get(kind, 11)
        students = round(per_grade * min(top, 9) + per_grade * 0.45 * max(0, top - 9))
        plan.schools.append(SchoolTruth(
            org_id, school_name(kind, settlement, int(numbers.pop()), village), municipality_id,
            drawn["roles"], kind, settlement, float(drawn["social_index"]),  # type: ignore[arg-type]
            max(students, 1), float(drawn["effect"]), float(drawn["expected"]),  # type: ignore[arg-type]
        ))
        plan.per_grade.append(per_grade)
        plan.top_grade.append(top)
        plan.leniency.append(float(rng.normal(0, LENIENCY_SCHOOL_SD)))
        if role == "inflated":
            mechanism, scope = menu[len(plan.inflations) % len(menu)]
            plan.inflations.append(_plan_inflation(rng, org_id, mechanism, scope, years))
    for k in range(max(2, n_schools // 8)):
        number = int(numbers.pop()) if numbers else k + 1
        plan.kindergartens.append((
            f"{municipality_id}{n_schools + k + 1:03d}", f"МБДОУ «Детский сад № {number}»",
            int(rng.integers(40, 260)),
        ))
    return plan


def _organizations(plans: list[_Plan]) -> pa.Table:
    rows: list[dict[str, object]] = []
    for plan in plans:
        for s in plan.schools:
            rows.append({
                "org_id": s.org_id, "name": s.name, "municipality_id": plan.municipality_id,
                "municipality_name": plan.municipality_name, "org_type": "school",
                "settlement": s.settlement, "students": s.students, "social_index": s.social_index,
            })
        for org_id, name, children in plan.kindergartens:
            rows.append({
                "org_id": org_id, "name": name, "municipality_id": plan.municipality_id,
                "municipality_name": plan.municipality_name, "org_type": "kindergarten",
                "settlement": "urban", "students": children, "social_index": None,
            })
    return pa.Table.from_pylist(rows, schema=ORGANIZATIONS_SCHEMA)


def _scales(world: World, years: tuple[int, ...]) -> pa.Table:
    rows = []
    for year in years:
        for (procedure, subject, grade), test in world.tests.items():
            if test.cuts is None:
                continue
            for mark, cut in zip((2, 3, 4, 5), (0, *test.cuts), strict=True):
                rows.append({"year": year, "procedure": procedure, "subject": subject,
                             "grade": grade, "mark": mark, "min_primary_score": cut})
    return pa.Table.from_pylist(rows, schema=SCALES_SCHEMA)


def _plans(seed: int, municipalities: int, schools: int, years: tuple[int, ...]) -> list[_Plan]:
    root = np.random.SeedSequence(seed)
    return [
        _plan_municipality(np.random.default_rng(child), i, schools, years)
        for i, child in enumerate(root.spawn(municipalities))
    ]


def _batches(seed: int, plans: list[_Plan], years: tuple[int, ...], world: World,
             raised: dict[tuple[str, int, str], int] | None = None) -> Iterator[pa.RecordBatch]:
    offset = 0
    children = np.random.SeedSequence([seed, 1]).spawn(len(plans))
    for plan, child in zip(plans, children, strict=True):
        simulated = simulate_municipality(
            world, plan.schools, plan.per_grade, plan.top_grade, plan.leniency, plan.inflations,
            years, np.random.default_rng(child), id_offset=offset, salt=seed,
        )
        if raised is not None:
            raised.update(simulated.raised)
        yield from simulated.batches
        offset += simulated.students


def generate(
    seed: int = 2026,
    *,
    municipalities: int = 1,
    schools_per_municipality: int = 40,
    years: tuple[int, ...] = DEFAULT_YEARS,
) -> GeneratedData:
    """A region of ``municipalities`` × ``schools_per_municipality`` schools and its truth."""
    years = tuple(sorted(years))
    plans = _plans(seed, municipalities, schools_per_municipality, years)
    world = World.build()
    raised: dict[tuple[str, int, str], int] = {}
    batches = list(_batches(seed, plans, years, world, raised))
    results = pa.Table.from_batches(batches, schema=world.schema)
    dataset = Dataset(_organizations(plans), results, _scales(world, years))
    counts = results.group_by(["org_id", "year", "procedure"]).aggregate([("org_id", "count")])
    truth = Truth(
        {s.org_id: s for p in plans for s in p.schools},
        [i for p in plans for i in p.inflations],
        years,
        raised,
        {(o, int(y), p): int(c) for o, y, p, c in zip(*(counts.column(k).to_pylist() for k in
                                                       ("org_id", "year", "procedure",
                                                        "org_id_count")), strict=True)},
    )
    return GeneratedData(dataset, truth)


@dataclass(frozen=True)
class LargeSummary:
    folder: Path
    rows: int
    organizations: int
    municipalities: int


def generate_large(
    folder: Path | str,
    rows_target: int,
    seed: int = 2026,
    *,
    schools_per_municipality: int = 40,
    years: tuple[int, ...] = DEFAULT_YEARS,
) -> LargeSummary:
    """Write a region of at least ``rows_target`` result rows as contract CSV files, streaming.

    Municipalities are planned and simulated one at a time with NumPy and appended to
    results.csv until the target is reached, so memory stays at one municipality whatever
    the size.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    years = tuple(sorted(years))
    world = World.build()
    plans: list[_Plan] = []
    rows = offset = 0
    with pacsv.CSVWriter(folder / "results.csv", world.schema) as writer:
        while rows < rows_target:
            index = len(plans)
            plan = _plan_municipality(
                np.random.default_rng(np.random.SeedSequence([seed, 2, index])), index,
                schools_per_municipality, years)
            simulated = simulate_municipality(
                world, plan.schools, plan.per_grade, plan.top_grade, plan.leniency,
                plan.inflations, years, np.random.default_rng(np.random.SeedSequence([seed, 3, index])),
                id_offset=offset, salt=seed,
            )
            for batch in simulated.batches:
                writer.write_batch(batch)
                rows += batch.num_rows
            offset += simulated.students
            plans.append(plan)
    organizations = _organizations(plans)
    pacsv.write_csv(organizations, folder / "organizations.csv")
    pacsv.write_csv(_scales(world, years), folder / "scales.csv")
    return LargeSummary(folder, rows, organizations.num_rows, len(plans))


def write_contract_files(
    dataset: Dataset,
    folder: Path | str,
    *,
    fmt: str = "csv",
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> list[Path]:
    """Write organizations, results and scales as CONTRACT section 1 files (CSV or XLSX)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"organizations": dataset.organizations, "results": dataset.results}
    if dataset.scales is not None:
        tables["scales"] = dataset.scales
    written = []
    for name, table in tables.items():
        if fmt == "xlsx":
            path = folder / f"{name}.xlsx"
            _write_xlsx(table, path)
        elif fmt == "csv":
            path = folder / f"{name}.csv"
            options = pacsv.WriteOptions(delimiter=delimiter, quoting_style="needed")
            sink = pa.BufferOutputStream()
            pacsv.write_csv(table, sink, options)
            text = sink.getvalue().to_pybytes().decode("utf-8")
            path.write_bytes(text.encode(encoding))
        else:
            raise ValueError(f"unknown format {fmt!r}: csv or xlsx")
        written.append(path)
    return written


def _write_xlsx(table: pa.Table, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(path.stem)
    sheet.append(table.column_names)
    for batch in table.to_batches(max_chunksize=50_000):
        columns = [c.to_pylist() for c in batch.columns]
        for row in zip(*columns, strict=True):
            sheet.append(list(row))
    book.save(path)
