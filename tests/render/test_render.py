"""Generated DOCX/XLSX: structure, typography, the reader round trip and the self-check."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from mskoko.cycle import Deadline
from mskoko.cycle.demo import build_demo_cycle
from mskoko.cycle.importing import import_roadmap
from mskoko.cycle.model import split_responsible
from mskoko.documents import read_document
from mskoko.documents.check import check_documents
from mskoko.documents.extract import analyse
from mskoko.documents.render import (
    export_roadmap_xlsx,
    render_all,
    render_effectiveness,
    render_event_plan,
    render_order,
)

COLUMNS = ["№", "Задача/действие", "Мера/мероприятие", "Сроки", "Ответственные исполнители",
           "Результаты/показатели", "Региональный документ, мера"]


@pytest.fixture(scope="module")
def cycle(rulebook):
    import pandas as pd

    flags = pd.DataFrame([{"org_id": "s1", "year": 2024, "flag": "objectivity_risk",
                           "severity": 0.9, "evidence": "ВПР"}])
    return build_demo_cycle("kop", "Копейский городской округ", rulebook, flags=flags,
                            org_names={"s1": "МБОУ СОШ № 14"})


@pytest.fixture(scope="module")
def package(cycle, rulebook, tmp_path_factory) -> dict[str, Path]:
    paths = render_all(cycle, rulebook, tmp_path_factory.mktemp("docs"))
    return {p.stem.split("-")[0]: p for p in paths}


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def test_render_all_writes_the_four_documents(package) -> None:
    assert sorted(package) == ["effectiveness", "event", "order", "roadmap"]


def test_roadmap_is_landscape_with_repeated_header_and_page_numbers(package) -> None:
    document = Document(str(package["roadmap"]))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == COLUMNS
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml


def test_roadmap_has_track_titles_goals_indicators_and_regional_references(package) -> None:
    document = Document(str(package["roadmap"]))
    texts = [p.text for p in document.paragraphs]
    assert "Трек 1.1.1. Объективность оценки качества подготовки обучающихся" in texts
    assert any(t.startswith("Цель: Создание необходимых условий для объективной") for t in texts)
    assert any(t.startswith("– показатель «Доля ОО") and "%" in t for t in texts)
    cells = [row.cells[6].text for row in document.tables[0].rows[1:]]
    assert any(c.startswith("Приказ Министерства образования и науки Челябинской области от "
                            "31.08.2020 №\u00a001/1836 «Об утверждении методики") and
               "; мера: «Организация видеонаблюдения" in c for c in cells)


def test_typography_uses_guillemets_and_non_breaking_spaces(package) -> None:
    document = Document(str(package["roadmap"]))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "МБОУ СОШ №\u00a014" in text
    assert '"' not in text
    assert "МКУ «Центр развития образования»" in text


def test_roadmap_round_trips_through_the_reader(cycle, package) -> None:
    facts = analyse(read_document(package["roadmap"]))
    assert facts.kind == "roadmap"
    original = [m for _, m in cycle.measures()]
    assert len(facts.measures) == len(original)
    for mine, read in zip(original, facts.measures, strict=True):
        assert read.number == mine.number
        assert _flat(read.text) == _flat(mine.text)
        assert Deadline.parse(read.deadline) == mine.deadline
        assert split_responsible(read.responsible or "") == mine.responsible
        assert _flat(read.result) == _flat(mine.result)


def test_imported_roadmap_gives_back_tracks_goals_and_catalogue_ids(cycle, package,
                                                                    rulebook) -> None:
    back = import_roadmap(package["roadmap"], cycle.municipality_id, cycle.municipality_name,
                          rulebook, year=cycle.year)
    assert [t.track_id for t in back.tracks] == [t.track_id for t in cycle.tracks]
    assert [t.goal for t in back.tracks] == [t.goal for t in cycle.tracks]
    for (_, mine), (_, read) in zip(cycle.measures(), back.measures(), strict=True):
        assert (read.regional_document_id, read.regional_measure_id) == (
            mine.regional_document_id, mine.regional_measure_id)
        assert (read.number, read.deadline, read.responsible) == (
            mine.number, mine.deadline, mine.responsible)


FULL = {
    "roadmap": ["deadlines", "responsible", "results", "regional_alignment", "measures",
                "goals_indicators", "municipal_specifics"],
    "order": ["deadlines", "responsible", "decisions"],
    "effectiveness": ["deadlines", "measures", "effectiveness"],
    "event": ["deadlines", "responsible", "event_stages", "regional_alignment",
              "municipal_specifics"],
}
KINDS = {"roadmap": "roadmap", "order": "order", "effectiveness": "effectiveness_conclusion",
         "event": "event_plan"}


def test_generated_documents_pass_the_rulebooks_own_check(package) -> None:
    names = list(package)
    report = check_documents([package[n] for n in names], "base-2023")
    for name, document in zip(names, report["documents"], strict=True):
        assert document["kind"] == KINDS[name], name
        findings = {f["criterion"]: f for f in document["findings"]}
        for criterion in FULL[name]:
            finding = findings[criterion]
            assert finding["status"] == "met", (name, criterion, finding["advice"])
            assert finding["points"] == finding["max_points"]
        assert document["penalties"] == []


def test_a_weak_package_loses_points_on_the_same_check(rulebook, tmp_path) -> None:
    weak = build_demo_cycle("w", "Уйский муниципальный район", rulebook, completeness="weak")
    paths = render_all(weak, rulebook, tmp_path)
    assert [p.name for p in paths] == ["roadmap.docx", "event-plan-1.1.docx"]
    [roadmap] = check_documents([paths[0]], rulebook)["documents"]
    findings = {f["criterion"]: f for f in roadmap["findings"]}
    assert findings["regional_alignment"]["status"] != "met"
    assert findings["deadlines"]["status"] != "met"
    assert roadmap["points"] < roadmap["max_points"]


def test_event_plan_has_three_dated_stages_with_numbered_rows(cycle, rulebook, tmp_path) -> None:
    path = render_event_plan(cycle, "1.2", tmp_path / "plan.docx", rulebook)
    document = Document(str(path))
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert rows[0] == ["№ п/п", "Мероприятия", "Сроки", "Ответственные"]
    stages = [r[0] for r in rows if r[0].endswith(")") and "этап" in r[0]]
    assert [s.split(" (")[0] for s in stages] == [
        "Подготовительный этап", "Деятельностный этап", "Аналитический этап"]
    assert all(s.split(" (")[1].startswith("с ") and " по " in s for s in stages)
    numbers = [r[0] for r in rows if r[0][:1].isdigit()]
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"]
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    basis = next(p.text for p in document.paragraphs if p.text.startswith("Основание:"))
    assert "региональная мера «" in basis


def test_order_draft_leaves_number_and_date_to_fill(cycle, rulebook, tmp_path) -> None:
    document = Document(str(render_order(cycle, rulebook, tmp_path / "order.docx")))
    texts = [p.text for p in document.paragraphs]
    assert "ПРИКАЗ" in texts
    assert any(t.startswith("№ ___ от") for t in texts)
    assert "ПРИКАЗЫВАЮ:" in texts
    assert any(t.startswith("2. Обеспечить выполнение мероприятий трека 1.1.1") for t in texts)
    assert texts[-3].endswith("Контроль за исполнением приказа оставляю за собой.")
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_effectiveness_conclusion_lists_measures_with_verdicts(cycle, rulebook, tmp_path) -> None:
    document = Document(str(render_effectiveness(cycle, tmp_path / "e.docx", rulebook)))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "№", "Меры/мероприятия/управленческие решения", "Сроки проведения",
        "Заключение об эффективности принятых мер"]
    body = "\n".join(r.cells[3].text for r in table.rows[1:])
    assert "Вывод: мера эффективна." in body
    assert "Вывод: мера частично эффективна." in body


def test_xlsx_export_reads_back(cycle, rulebook, tmp_path) -> None:
    from openpyxl import load_workbook

    path = export_roadmap_xlsx(cycle, rulebook, tmp_path / "roadmap.xlsx")
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == ["Трек", *COLUMNS]
    original = [(t.track_id, m) for t, m in cycle.measures()]
    assert len(rows) - 1 == len(original)
    for row, (track_id, measure) in zip(rows[1:], original, strict=True):
        assert row[0] == track_id and row[1] == measure.number
        assert Deadline.parse(row[4]) == measure.deadline
    assert sheet.freeze_panes == "A2"


def test_a_region_template_in_the_workspace_replaces_the_shipped_one(
    cycle, rulebook, workspace, tmp_path
) -> None:
    from mskoko.documents.render.build_templates import BUILDERS

    document = BUILDERS["order.docx"]()
    document.add_paragraph("Согласовано: юридический отдел {{ year }}")
    (workspace / "templates").mkdir()
    document.save(str(workspace / "templates" / "order.docx"))
    rendered = Document(str(render_order(cycle, rulebook, tmp_path / "o.docx")))
    assert rendered.paragraphs[-1].text == f"Согласовано: юридический отдел {cycle.year}"


def test_shipped_templates_are_what_the_build_script_makes(tmp_path) -> None:
    from mskoko.documents.render import TEMPLATES
    from mskoko.documents.render.build_templates import build

    for fresh in build(tmp_path):
        shipped = Document(str(TEMPLATES / fresh.name))
        built = Document(str(fresh))
        assert [p.text for p in shipped.paragraphs] == [p.text for p in built.paragraphs]
        assert [[c.text for c in r.cells] for t in shipped.tables for r in t.rows] == \
            [[c.text for c in r.cells] for t in built.tables for r in t.rows]


@pytest.mark.parametrize(("name", "authority"), [
    ("Копейский городской округ", "Управление образования Копейского городского округа"),
    ("Уйский муниципальный район", "Управление образования Уйского муниципального района"),
    ("город Копейск", "Управление образования города Копейска"),
    ("Копейский городской округ Челябинской области",
     "Управление образования Копейского городского округа Челябинской области"),
    ("Северный", "Управление образования (Северный)"),
])
def test_order_letterhead_names_the_authority_in_the_genitive(name: str, authority: str) -> None:
    from mskoko.documents.render.context import authority_name

    assert authority_name(name) == authority


def test_order_letterhead_is_the_first_line(cycle, rulebook, tmp_path) -> None:
    document = Document(str(render_order(cycle, rulebook, tmp_path / "order.docx")))
    assert document.paragraphs[0].text == "Управление образования Копейского городского округа"


def test_a_system_heading_stands_once_above_its_tracks(package) -> None:
    document = Document(str(package["roadmap"]))
    systems = [p.text for p in document.paragraphs if p.text.startswith("Система ")]
    assert systems.count("Система 1.1. Система оценки качества подготовки обучающихся") == 1
    assert len(systems) == len(set(systems))
