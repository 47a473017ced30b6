"""The files of `mskoko analyze` (CONTRACT §2): flags.csv, indicators, report.docx."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from docx import Document

FLAGS = {"objectivity_risk", "low_results", "risk_zone", "adverse_conditions", "small_sample"}
FORBIDDEN = re.compile(r"средн\w*\s+(перв\w+\s+|тестов\w+\s+)?балл|рейтинг|ранжир", re.IGNORECASE)


def test_flags_csv_has_the_contract_columns_one_row_per_org_year_flag(outputs) -> None:
    raw = (outputs / "flags.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    flags = pd.read_csv(outputs / "flags.csv", encoding="utf-8", dtype={"org_id": str})
    assert {"org_id", "year", "flag", "severity", "evidence"} <= set(flags.columns)
    assert set(flags["flag"]) <= FLAGS and {"objectivity_risk", "low_results"} <= set(flags["flag"])
    assert flags["severity"].between(0, 1).all()
    assert not flags.duplicated(["org_id", "year", "flag"]).any()
    assert flags["evidence"].str.contains("[А-Яа-яЁё]", regex=True).all()


def test_objectivity_evidence_names_procedure_sign_distance_and_students(analysis) -> None:
    evidence = analysis.flags[analysis.flags["flag"] == "objectivity_risk"]["evidence"]
    assert len(evidence) > 0
    for text in evidence:
        assert re.search(r"(ВПР|ОГЭ) 20\d\d", text)
        assert "z\u00a0=" in text
        assert re.search(r"\d+\u00a0участник", text)
        assert any(word in text for word in ("по муниципалитету", "других школ", "ожидалась",
                                             "по другим"))


def test_indicators_csv_and_parquet_hold_the_same_rows(outputs) -> None:
    csv = pd.read_csv(outputs / "indicators.csv", dtype={"org_id": str, "municipality_id": str})
    parquet = pd.read_parquet(outputs / "indicators.parquet")
    assert len(csv) == len(parquet) > 0
    assert {"org_id", "year", "procedure", "subject", "grade", "participants"} <= set(csv.columns)
    assert (csv["participants"] > 0).all()
    assert csv[["org_id", "year", "procedure", "subject", "grade"]].duplicated().sum() == 0


def _report_text(path) -> tuple[list[str], str]:
    doc = Document(path)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return headings, "\n".join([p.text for p in doc.paragraphs] + cells)


def test_report_follows_the_analytical_report_structure_with_objectivity_first(outputs) -> None:
    headings, text = _report_text(outputs / "report.docx")
    order = ["1. Специфика муниципалитета", "2. Анализ результатов",
             "2.1. Подтверждение объективности результатов", "2.2. Уровни подготовки обучающихся",
             "2.3. Школы с низкими результатами и школы в неблагоприятных условиях",
             "3. Обоснование принимаемых мер и адресные рекомендации"]
    positions = [headings.index(h) for h in order]
    assert positions == sorted(positions)
    assert "Рисунок 1 —" in text and "Таблица 1 —" in text
    assert "Основание: приказ" in text  # the regional document from the rulebook catalogue


def test_report_has_charts_captions_and_page_numbers(outputs) -> None:
    doc = Document(outputs / "report.docx")
    assert len(doc.inline_shapes) >= 5
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer


def test_report_has_no_average_score_ranking(outputs) -> None:
    _, text = _report_text(outputs / "report.docx")
    assert not FORBIDDEN.search(text)


def test_report_passes_the_document_check_without_the_average_ranking_penalty(outputs, rulebook) -> None:
    documents = pytest.importorskip("mskoko.documents")
    report = documents.check_documents([outputs / "report.docx"], rulebook)
    doc = report["documents"][0]
    assert doc["kind"] == "analytical_report"
    assert not [p for p in doc["penalties"] if p["rule"] == "average_score_ranking"]
    assert doc["points"] == doc["max_points"]
