"""The management cycle and the roadmap: components present or missing, measures added and
edited inline, the regional measure from the catalogue, import, downloads, isolation."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from webpage import DATA, page, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

MEASURE = {
    "number": "1.1", "task": "Адресная поддержка ШНОР",
    "text": "Семинар для учителей математики МКОУ Ивановская ООШ по учебным дефицитам",
    "deadline": "октябрь 2025", "responsible": "МКУ «ЦРО», Орлова Т. С.",
    "result": "90 % учителей прошли семинар", "regional_document_id": "order-01-545",
    "regional_measure_id": "1.2.1-02", "stage": "active",
}


def _stored(mid: str = "M1"):  # type: ignore[no-untyped-def]
    from mskoko.web.cycle.repository import DjangoCycleRepository

    return DjangoCycleRepository().load(mid)


def _add(client, track: str = "1.2.1", **changes):  # type: ignore[no-untyped-def]
    return client.post(f"/m/M1/roadmap/{track}/add/", {**MEASURE, **changes})


def test_cycle_page_shows_nine_components_per_track(login_as, workspace) -> None:
    html = page(login_as("municipal").get("/m/M1/cycle/"))
    track = html.get_element_by_id("track-1.2.1")
    steps = track.find_class("cycle-step")
    assert len(steps) == 9
    assert "Цел" in text_of(steps[0])
    assert not track.find_class("present")
    assert "неполный цикл" in text_of(track)


def test_goal_makes_the_goal_component_present(login_as, workspace) -> None:
    client = login_as("municipal")
    client.post("/m/M1/cycle/1.2.1/goal/", {"goal": "Снизить долю ниже базового с 35 до 20 %"})
    assert _stored().track("1.2.1").goal.startswith("Снизить долю")
    track = page(client.get("/m/M1/cycle/")).get_element_by_id("track-1.2.1")
    present = [text_of(s) for s in track.find_class("present")]
    assert len(present) == 1


def test_measure_is_added_with_the_catalogue_measure_and_shown(login_as, workspace) -> None:
    from mskoko.web.core.models import AuditEntry

    client = login_as("municipal")
    _add(client)
    measure = _stored().track("1.2.1").measures[0]
    assert (measure.number, measure.deadline_text) == ("1.1", "октябрь 2025\u00a0г.")
    assert measure.responsible[0] == "МКУ «ЦРО»" and measure.responsible[1].startswith("Орлова")
    assert measure.regional_measure_id == "1.2.1-02"
    row = page(client.get("/m/M1/roadmap/?track=1.2.1")).get_element_by_id("measure-121-0")
    text = text_of(row)
    assert "октябрь 2025" in text.replace("\u00a0", " ") and "Орлова Т. С" in text
    assert "мера: Участие в разработке мер поддержки ШНОР" in text
    assert "полно" in text
    assert AuditEntry.objects.filter(action="cycle_changed", municipality_id="M1").exists()


def test_missing_parts_of_a_measure_are_shown_in_its_row(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client, deadline="", responsible="", regional_document_id="", regional_measure_id="")
    row = page(client.get("/m/M1/roadmap/?track=1.2.1")).get_element_by_id("measure-121-0")
    gaps = [text_of(g) for g in row.find_class("gap")]
    assert any("не указан срок" in g for g in gaps)
    assert any("не указан ответственный" in g for g in gaps)
    assert any("нет ссылки на региональный документ" in g for g in gaps)


def test_catalogue_choices_are_those_of_the_track(login_as, workspace) -> None:
    html = page(login_as("municipal").get("/m/M1/roadmap/?track=1.2.1"))
    measures = [o.get("value") for o in html.xpath("//select[@name='regional_measure_id']/option")]
    assert measures[0] == "" and set(measures[1:]) == {"1.2.1-01", "1.2.1-02", "1.2.1-03",
                                                        "1.2.1-04"}
    response = _add(login_as("municipal"), regional_measure_id="2.4.1-01")
    assert not _stored() or not _stored().track("1.2.1")
    assert response.status_code == 302


def test_inline_edit_returns_a_form_then_the_saved_row(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client)
    form = page(client.get("/m/M1/roadmap/1.2.1/0/edit/?number=1.1", HTTP_HX_REQUEST="true"))
    assert form.xpath("//input[@name='deadline']")[0].get("value") == "октябрь 2025\u00a0г."
    changed = {**MEASURE, "deadline": "до 01.12.2025", "original_number": "1.1"}
    response = client.post("/m/M1/roadmap/1.2.1/0/edit/", changed, HTTP_HX_REQUEST="true")
    row = page(response)
    assert row.tag == "tr" and "до 01.12.2025" in text_of(row)
    assert _stored().track("1.2.1").measures[0].deadline_text == "до 01.12.2025"


def test_edit_of_a_changed_roadmap_is_refused(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client)
    response = client.post("/m/M1/roadmap/1.2.1/0/edit/",
                           {**MEASURE, "text": "другое", "original_number": "9.9"},
                           HTTP_HX_REQUEST="true")
    assert "обновите страницу" in text_of(page(response))
    assert _stored().track("1.2.1").measures[0].text == MEASURE["text"]


def test_measure_is_deleted(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client)
    _add(client, number="1.2", text="Мониторинг программы развития")
    client.post("/m/M1/roadmap/1.2.1/0/delete/", {"number": "1.1"})
    assert [m.number for m in _stored().track("1.2.1").measures] == ["1.2"]


def test_roadmap_is_imported_from_a_document(login_as, workspace) -> None:
    data = (DATA / "documents" / "roadmap_low_results.docx").read_bytes()
    login_as("municipal").post("/m/M1/roadmap/import/", {
        "roadmap": SimpleUploadedFile("roadmap.docx", data), "track": "1.2.1"})
    measures = _stored().track("1.2.1").measures
    assert len(measures) == 3
    assert measures[0].regional_document_id == "order-01-545"


def test_cycle_documents_download(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client)
    docx = client.get("/m/M1/generated/roadmap/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    xlsx = openpyxl.load_workbook(io.BytesIO(client.get("/m/M1/generated/roadmap_xlsx/").content))
    cells = [c.value for row in xlsx.active.iter_rows() for c in row if c.value]
    assert any("Семинар для учителей математики" in str(v) for v in cells)
    assert client.get("/m/M1/generated/order/").content[:2] == b"PK"
    plan = client.get("/m/M1/roadmap/1.2.1/0/event-plan/?number=1.1")
    assert plan.status_code == 200 and plan.content[:2] == b"PK"
    offered = page(client.get("/m/M1/documents/")).xpath("//ul[@class='downloads']//a/@href")
    assert "/m/M1/generated/roadmap/" in offered


def test_empty_roadmap_documents_explain_themselves(login_as, workspace) -> None:
    response = login_as("municipal").get("/m/M1/generated/roadmap/", follow=True)
    assert "Дорожная карта пуста" in text_of(page(response))


def test_other_municipality_and_expert_cannot_change_the_roadmap(login_as, workspace) -> None:
    client = login_as("municipal")
    _add(client)
    other = login_as("municipal2")
    assert other.get("/m/M1/roadmap/").status_code == 404
    assert other.get("/m/M1/cycle/").status_code == 404
    assert other.post("/m/M1/roadmap/1.2.1/add/", MEASURE).status_code == 404
    assert other.post("/m/M1/roadmap/1.2.1/0/delete/", {"number": "1.1"}).status_code == 404
    assert other.get("/m/M1/generated/roadmap/").status_code == 404
    assert other.get("/m/M1/roadmap/1.2.1/0/event-plan/?number=1.1").status_code == 404
    expert = login_as("expert")
    html = page(expert.get("/m/M1/roadmap/?track=1.2.1"))
    assert "Семинар для учителей" in text_of(html) and not html.xpath("//button[@hx-get]")
    assert expert.post("/m/M1/roadmap/1.2.1/add/", MEASURE).status_code == 403
    assert expert.post("/m/M1/roadmap/1.2.1/0/edit/", {**MEASURE, "original_number": "1.1"}
                       ).status_code == 403
    assert len(_stored().track("1.2.1").measures) == 1


def test_new_measure_number_follows_the_tracks_last_one(login_as, workspace) -> None:
    client = login_as("municipal")
    empty = page(client.get("/m/M1/roadmap/?track=1.2.1"))
    assert empty.xpath("//input[@name='number']")[0].get("value") == "1.2.1"
    _add(client, number="4.3")
    html = page(client.get("/m/M1/roadmap/?track=1.2.1"))
    assert html.xpath("//form[contains(@action,'/add/')]//input[@name='number']")[0].get(
        "value") == "4.4"
