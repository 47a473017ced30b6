"""The municipality's dashboard: analysis status, charts, flags with evidence, downloads."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from webpage import DATA, page, text_of

pytestmark = pytest.mark.django_db


def test_without_analysis_the_page_says_so_and_offers_to_run_it(login_as, workspace) -> None:
    from mskoko.web.core.models import ImportBatch

    ImportBatch.objects.create(municipality_id="M1", year=2024, procedure="VPR", rows=10,
                               source="test")
    html = page(login_as("municipal").get("/m/M1/"))
    assert "Анализ ещё не выполнен" in text_of(html)
    buttons = html.xpath("//form[@action='/m/M1/analysis/run/']//button")
    assert buttons and "Выполнить анализ" in text_of(buttons[-1])


def test_expert_sees_no_run_button_on_a_municipality(login_as, workspace) -> None:
    html = page(login_as("expert").get("/m/M1/"))
    assert "Анализ ещё не выполнен" in text_of(html)
    assert not html.xpath("//form[@action='/m/M1/analysis/run/']")


def test_dashboard_shows_flags_with_school_names_and_evidence(login_as, analysis) -> None:
    html = page(login_as("municipal").get("/m/M1/"))
    objectivity = html.get_element_by_id("flags-objectivity_risk")
    assert "Признаки необъективности" in text_of(objectivity)
    assert "МБОУ Гимназия № 3" in text_of(objectivity)
    assert "на 31 п. п. ниже группы сравнения" in text_of(objectivity)
    low = html.get_element_by_id("flags-low_results")
    rows = low.xpath(".//tbody/tr")  # only the chosen (latest) year's flags
    assert len(rows) == 1 and "МКОУ Ивановская ООШ" in text_of(rows[0])
    assert "35 % в ВПР и ОГЭ третий год подряд" in text_of(rows[0])
    stats = [text_of(e) for e in html.xpath("//div[contains(@class,'stat-value')]")]
    assert stats[2:] == ["1", "1"]  # one school flagged per kind in 2024


def test_dashboard_year_choice_changes_the_flag_counts(login_as, analysis) -> None:
    html = page(login_as("municipal").get("/m/M1/?year=2023"))
    stats = [text_of(e) for e in html.xpath("//div[contains(@class,'stat-value')]")]
    assert stats[2:] == ["0", "1"]
    assert "37 % в ВПР по математике" in text_of(html.get_element_by_id("flags-low_results"))
    assert html.xpath("//img[contains(@src,'levels.svg?year=2023&procedure=VPR')]")


def test_procedure_tabs_switch_the_charts(login_as, analysis) -> None:
    html = page(login_as("municipal").get("/m/M1/?procedure=OGE"))
    tabs = {text_of(a): a.get("aria-current") for a in html.xpath("//nav[@class='tabs mt']/a")}
    assert tabs == {"ВПР": None, "ОГЭ": "page"}
    assert html.xpath("//img[contains(@src,'dynamics.svg?year=2024&procedure=OGE')]")


def test_charts_are_svg_with_readable_titles(login_as, analysis) -> None:
    client = login_as("municipal")
    levels = client.get("/m/M1/charts/levels.svg?year=2024&procedure=VPR")
    assert levels["Content-Type"] == "image/svg+xml"
    svg = levels.content.decode()
    assert "ВПР 2024: уровни результатов по предметам, доля участников" in svg
    assert "математика  (n=158)" in svg and "русский язык  (n=158)" in svg
    assert "ниже базового" in svg and "высокий" in svg
    dynamics = client.get("/m/M1/charts/dynamics.svg?procedure=OGE").content.decode()
    assert "ОГЭ: доля ниже базового уровня по годам" in dynamics
    assert "2022" in dynamics and "2024" in dynamics
    groups = client.get("/m/M1/charts/groups.svg?year=2024&procedure=VPR").content.decode()
    assert "ВПР 2024: контекстные группы школ" in groups
    assert "сельские" in groups and "городские" in groups


def test_unknown_chart_is_404(login_as, analysis) -> None:
    assert login_as("municipal").get("/m/M1/charts/ranking.svg").status_code == 404


def test_levels_pool_counts_over_schools_not_average_shares(analysis, municipalities) -> None:
    import pandas as pd

    from mskoko.web import dashboard_data

    indicators = pd.read_parquet(analysis / "indicators.parquet")
    levels = dashboard_data.levels_by_subject(indicators, 2024, "VPR").set_index("label")
    row = levels.loc["математика"]
    # 6 of 80 + 6 of 18 + 2 of 60 = 14 of 158 — not the mean of the three shares.
    assert row["n_level"] == 158
    assert row["share_below_basic"] == pytest.approx(14 / 158)


def test_indicators_download_as_xlsx_with_russian_headers(login_as, analysis) -> None:
    response = login_as("municipal").get("/m/M1/analysis/indicators.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Показатели"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Код ОО", "Организация", "Муниципалитет"]
    assert "Доля ниже базового" in header
    assert sheet.max_row == 1 + 27


def test_report_docx_downloads(login_as, analysis) -> None:
    response = login_as("municipal").get("/m/M1/analysis/files/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="M1-report.docx"')
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_only_listed_analysis_files_can_be_downloaded(login_as, analysis) -> None:
    (analysis / "secret.txt").write_text("x", encoding="utf-8")
    client = login_as("municipal")
    assert client.get("/m/M1/analysis/files/secret.txt").status_code == 404
    assert client.get("/m/M1/analysis/files/..%2F..%2Fmskoko.sqlite3").status_code == 404


def _fake_analysis(municipality_id: str) -> None:
    from mskoko.config import workspace_home

    target = workspace_home() / "analytics" / municipality_id
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "analysis" / "M1" / "flags.csv", target / "flags.csv")


def test_running_the_analysis_records_the_run_and_its_end(
    login_as, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mskoko import services
    from mskoko.web.core.models import AnalysisRun, AuditEntry

    monkeypatch.setattr(services, "analyze_workspace", _fake_analysis, raising=False)
    response = login_as("municipal").post("/m/M1/analysis/run/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Анализ выполнен" in text_of(page(response))
    run = AnalysisRun.objects.get()
    assert run.status == "done" and run.finished_at is not None
    assert (workspace / "analytics" / "M1" / "flags.csv").is_file()
    assert list(AuditEntry.objects.filter(object_type="analysis").values_list("action", flat=True)
                .order_by("id")) == ["analysis_started", "analysis_finished"]


def test_a_failed_analysis_shows_the_reason(login_as, workspace, monkeypatch) -> None:
    from mskoko import services
    from mskoko.errors import MskokoError

    def fail(municipality_id: str) -> None:
        raise MskokoError("В рабочей области нет результатов.")

    monkeypatch.setattr(services, "analyze_workspace", fail, raising=False)
    client = login_as("municipal")
    client.post("/m/M1/analysis/run/")
    html = page(client.get("/m/M1/"))
    status = html.get_element_by_id("analysis-status")
    assert "Анализ не выполнен" in text_of(status)
    assert "В рабочей области нет результатов." in text_of(status)


def test_status_polls_while_running_and_refreshes_when_done(login_as, workspace) -> None:
    from mskoko.web.core.models import AnalysisRun

    run = AnalysisRun.objects.create(municipality_id="M1", status="running")
    client = login_as("municipal")
    html = page(client.get("/m/M1/analysis/status/"))
    assert html.get("hx-trigger") == "every 2s"
    run.status = "done"
    run.save()
    done = client.get("/m/M1/analysis/status/?poll=1", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
