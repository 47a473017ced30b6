"""The expert's screens: municipalities with status, scoring per criterion with comments,
accepting proposals, totals and index, the region comparison, locking a period."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from webpage import DATA, page, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def roadmap(login_as, workspace) -> None:  # type: ignore[no-untyped-def]
    data = (DATA / "documents" / "roadmap_low_results.docx").read_bytes()
    login_as("municipal").post("/m/M1/documents/upload/", {
        "file": SimpleUploadedFile("roadmap_low_results.docx", data), "year": "2024",
        "track": ""})


def _score(client, points: str, comment: str = "", criterion: str = "deadlines"):  # type: ignore[no-untyped-def]
    return client.post("/expert/m/M1/score/", {
        "year": "2024", "track_id": "1.2.1", "criterion_id": criterion, "points": points,
        "comment": comment}, HTTP_HX_REQUEST="true")


def test_municipality_list_shows_status_per_municipality(login_as, roadmap) -> None:
    html = page(login_as("expert").get("/expert/?year=2024"))
    rows = {text_of(r.xpath("./td[1]//strong")[0]): r for r in html.xpath("//table//tbody/tr")}
    assert set(rows) == {"Первый городской округ", "Второй муниципальный район"}
    first = rows["Первый городской округ"]
    assert text_of(first.xpath("./td[3]")[0]) == "1"
    assert "ожидает оценки" in text_of(first)
    assert "нет документов" in text_of(rows["Второй муниципальный район"])


def test_scoring_page_shows_proposals_beside_the_criteria(login_as, roadmap) -> None:
    html = page(login_as("expert").get("/expert/m/M1/?year=2024"))
    row = html.get_element_by_id("row-1-2-1--deadlines")
    assert "из 1" in text_of(row.find_class("proposal")[0])
    assert row.xpath(".//input[@name='points']")
    assert "roadmap_low_results.docx" in text_of(html)


def test_expert_scores_a_criterion_with_a_comment(login_as, roadmap) -> None:
    from mskoko.web.core.models import AuditEntry
    from mskoko.web.scoring.models import ExpertScore

    response = _score(login_as("expert"), "1", "сроки указаны по всем мероприятиям")
    html = page(response)
    row = html.get_element_by_id("row-1-2-1--deadlines")
    assert row.xpath(".//input[@name='points']")[0].get("value") == "1"
    assert text_of(row.xpath("./td[4]")[0]).startswith("1")
    assert html.get_element_by_id("totals").get("hx-swap-oob") == "true"
    assert html.get_element_by_id("profile").get("hx-swap-oob") == "true"
    stored = ExpertScore.objects.get()
    assert (stored.criterion_id, float(stored.points), stored.comment) == (
        "deadlines", 1.0, "сроки указаны по всем мероприятиям")
    assert AuditEntry.objects.filter(municipality_id="M1", object_type__icontains="score").exists()


def test_points_above_the_maximum_are_refused_in_the_row(login_as, roadmap) -> None:
    from mskoko.web.scoring.models import ExpertScore

    html = page(_score(login_as("expert"), "7"))
    row = html.get_element_by_id("row-1-2-1--deadlines")
    assert "has-error" in row.get("class")
    assert text_of(row.find_class("row-error")[0])
    assert not ExpertScore.objects.exists()


def test_empty_points_withdraw_my_score(login_as, roadmap) -> None:
    from mskoko.web.scoring.models import ExpertScore

    client = login_as("expert")
    _score(client, "1")
    _score(client, "")
    assert not ExpertScore.objects.exists()


def test_accepting_proposals_makes_them_my_scores_and_updates_the_index(login_as, roadmap) -> None:
    from mskoko.web.scoring.models import ExpertScore

    client = login_as("expert")
    _score(client, "0", "срок не у всех")  # mine is kept
    client.post("/expert/m/M1/accept/", {"year": "2024"})
    mine = {s.criterion_id: (float(s.points), s.source) for s in ExpertScore.objects.all()}
    assert mine["deadlines"] == (0.0, "expert")
    assert mine["regional_alignment"][1] == "proposal"
    html = page(client.get("/expert/m/M1/?year=2024"))
    index = text_of(html.get_element_by_id("totals").find_class("stat-value")[1])
    assert index.endswith("%")


def test_scorecard_exports_as_xlsx(login_as, roadmap) -> None:
    client = login_as("expert")
    _score(client, "1")
    response = client.get("/expert/m/M1/scorecard.xlsx?year=2024")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook["Итоги"]["A1"].value == "Результат оценивания: Первый городской округ, 2024 год"


def test_region_comparison_table_heatmap_and_xlsx(login_as, roadmap) -> None:
    client = login_as("expert")
    _score(client, "1")
    html = page(client.get("/expert/region/?year=2024"))
    rows = html.xpath("//table[@class='region-table']/tbody/tr")
    assert len(rows) == 1 and "Первый городской округ" in text_of(rows[0])
    heatmap = client.get("/expert/region/heatmap.svg?year=2024")
    assert heatmap["Content-Type"] == "image/svg+xml" and b"<svg" in heatmap.content
    export = client.get("/expert/region.xlsx?year=2024")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content))["Сравнение"]
    assert sheet["A1"].value.startswith("Сравнение муниципалитетов по индексу")


def test_region_without_scores_says_there_is_nothing_to_compare(login_as, workspace) -> None:
    html = page(login_as("expert").get("/expert/region/?year=2024"))
    assert "Сравнивать пока нечего" in text_of(html)


def test_locked_period_refuses_scores_and_only_admin_reopens(login_as, roadmap) -> None:
    from mskoko.web.scoring.models import ExpertScore, ScoringPeriod

    expert = login_as("expert")
    expert.post("/expert/periods/2024/", {"action": "lock"})
    assert ScoringPeriod.objects.get(year=2024).locked
    html = page(_score(expert, "1"))
    assert "закрыт" in text_of(html.find_class("row-error")[0])
    assert not ExpertScore.objects.exists()
    assert expert.post("/expert/periods/2024/", {"action": "unlock"}).status_code == 403
    login_as("admin").post("/expert/periods/2024/", {"action": "unlock"})
    assert not ScoringPeriod.objects.get(year=2024).locked


def test_expert_pages_are_closed_to_municipal_users(login_as, roadmap) -> None:
    client = login_as("municipal")
    for url in ("/expert/", "/expert/m/M1/", "/expert/region/", "/expert/region.xlsx",
                "/expert/periods/", "/expert/m/M1/scorecard.xlsx"):
        assert client.get(url).status_code == 403, url
    assert _score(client, "1").status_code == 403
    assert client.post("/expert/periods/2024/", {"action": "lock"}).status_code == 403


def test_track_navigation_opens_the_chosen_track_with_my_progress(login_as, roadmap) -> None:
    client = login_as("expert")
    _score(client, "1")
    html = page(client.get("/expert/m/M1/?year=2024&track=1.1.1"))
    current = html.xpath("//nav[@id='track-nav']/a[@aria-current='page']")
    assert len(current) == 1 and "1.1.1" in text_of(current[0])
    assert "Объективность оценки" in text_of(html.find_class("scorecard")[0])
    low = next(a for a in html.xpath("//nav[@id='track-nav']/a") if "1.2.1" in text_of(a))
    assert text_of(low).endswith("1/16") and low.find_class("dot")


def test_profile_chart_is_an_svg_of_the_systems(login_as, roadmap) -> None:
    client = login_as("expert")
    _score(client, "1")
    response = client.get("/expert/m/M1/profile.svg?year=2024")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
