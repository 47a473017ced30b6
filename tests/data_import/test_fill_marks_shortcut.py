"""Marks derived from given scales are the same whether or not thresholds are also inferred."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute

from mskoko.data import marks
from mskoko.data.dataset import RESULTS_SCHEMA, SCALES_SCHEMA


def _results(*, uncovered: bool = False) -> pa.Table:
    rows = [
        {"year": 2024, "procedure": "VPR", "subject": "math", "grade": 5, "org_id": "S1",
         "student_id": f"s{i}", "class_id": None, "primary_score": score, "max_score": 20,
         "mark": mark, "test_score": None, "school_mark": None}
        for i, (score, mark) in enumerate([(3, 2), (8, 3), (12, None), (17, None), (5, None)])
    ]
    if uncovered:  # a test without marks and without a scale forces the inference pass
        rows.append({**rows[0], "subject": "russian", "student_id": "r0", "mark": None})
    return pa.Table.from_pylist(rows, schema=RESULTS_SCHEMA)


def _scales() -> pa.Table:
    rows = [{"year": 2024, "procedure": "VPR", "subject": "math", "grade": 5, "mark": m,
             "min_primary_score": s} for m, s in ((2, 0), (3, 7), (4, 11), (5, 16))]
    return pa.Table.from_pylist(rows, schema=SCALES_SCHEMA)


def test_covered_tests_skip_inference_with_identical_marks(monkeypatch) -> None:
    inferred = marks.fill_marks(duckdb.connect(), _results(uncovered=True), _scales())
    calls: list[str] = []
    real = marks.infer_scales
    monkeypatch.setattr(marks, "infer_scales", lambda con, name: calls.append(name) or real(con, name))
    shortcut = marks.fill_marks(duckdb.connect(), _results(), _scales())

    assert calls == []  # every test lacking marks has a given scale
    assert shortcut.column("mark").to_pylist() == [2, 3, 4, 5, 2]
    math = inferred.filter(pa.compute.equal(inferred.column("subject"), "math"))
    assert shortcut.column("mark").to_pylist() == math.column("mark").to_pylist()
