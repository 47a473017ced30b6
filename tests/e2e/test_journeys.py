"""The journeys people take, in a real browser: each role logs in and does its work."""

from __future__ import annotations

from pathlib import Path

import pytest
from journey import DATA, screenshot

pytestmark = pytest.mark.browser


def _images_loaded(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")


def test_login_page_and_a_wrong_password(browser, live_server, region) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/login/?next=/")
    screenshot(page, "01-login")
    page.fill("#id_login", "ivanova")
    page.fill("#id_password", "не тот пароль")
    page.click("button[type=submit]")
    assert page.locator(".alert-bad").inner_text().strip() == "Неверный логин или пароль."
    context.close()


def test_municipal_specialist_uploads_data_and_sees_the_flags(open_as) -> None:
    page = open_as("ivanova")
    assert page.locator("h1").inner_text() == "Первый городской округ"
    assert "Анализ ещё не выполнен" in page.inner_text("main")

    page.click("nav.sidenav >> text=Загрузка данных")
    good = DATA / "import" / "good"
    page.set_input_files("input[name=organizations]", str(good / "organizations.csv"))
    page.set_input_files("input[name=results]", str(good / "results.csv"))
    assert page.locator("label.file-pick.has-file").count() == 2
    page.click("text=Проверить и загрузить")
    page.wait_for_selector(".import-success")
    assert "строк результатов: 24" in page.inner_text(".import-success")
    screenshot(page, "03-import")

    page.click("nav.sidenav >> text=Обзор и аналитика")
    page.wait_for_load_state("networkidle")
    objectivity = page.locator("#flags-objectivity_risk")
    assert "МБОУ Гимназия № 3" in objectivity.inner_text()
    assert "ниже группы сравнения" in objectivity.inner_text()
    assert _images_loaded(page)
    screenshot(page, "02-dashboard")


def test_bad_files_show_problems_on_the_page(open_as) -> None:
    page = open_as("ivanova")
    page.goto(page.url.replace("/m/M1/", "/m/M1/import/"))
    bad = DATA / "import" / "bad"
    page.set_input_files("input[name=organizations]", str(bad / "organizations.csv"))
    page.set_input_files("input[name=results]", str(bad / "results.csv"))
    page.click("text=Проверить и загрузить")
    page.wait_for_selector(".import-problems")
    problems = page.inner_text(".import-problems")
    assert "строка 5" in problems and "S9" in problems and "Ничего не сохранено" in problems
    screenshot(page, "03b-import-problems")


def test_municipal_specialist_checks_a_document_and_downloads_files(
    open_as, tmp_path: Path
) -> None:
    page = open_as("ivanova")
    page.click("nav.sidenav >> text=Документы и проверка")
    page.set_input_files("input[name=file]",
                         str(DATA / "documents" / "roadmap_low_results.docx"))
    page.fill("input[name=year]", "2024")
    page.click("text=Загрузить и проверить")
    page.wait_for_selector(".doc-findings")
    findings = page.inner_text(".doc-findings")
    assert "Адресная поддержка школ с низкими образовательными результатами" in findings
    assert "Указаны сроки" in findings
    screenshot(page, "04-document-check")

    with page.expect_download() as download:
        page.click(".doc-findings >> text=Файл")
    assert download.value.suggested_filename == "roadmap_low_results.docx"

    from mskoko import services

    services.analyze_workspace("M1")  # the analysis the import would have started
    page.reload()
    generated = page.locator("ul.downloads li", has_text="Аналитическая справка")
    with page.expect_download() as report:
        generated.locator("text=Скачать").click()
    assert report.value.suggested_filename == "M1-аналитическая-справка.docx"
    saved = tmp_path / "report.docx"
    report.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"


def test_expert_scores_a_criterion_and_compares_the_region(open_as, region) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mskoko.web import document_store
    from mskoko.web.core.models import Municipality

    data = (DATA / "documents" / "roadmap_low_results.docx").read_bytes()
    document_store.store_document(
        Municipality.objects.get(id="M1"), SimpleUploadedFile("roadmap_low_results.docx", data),
        year=2024, track_id=None, user=region["municipal"])

    page = open_as("expert")
    page.goto(page.url.rstrip("/") + "/?year=2024")
    assert "ожидает оценки" in page.inner_text("table.municipalities")
    screenshot(page, "05-expert-municipalities")

    page.click("table.municipalities >> text=Первый городской округ")
    row = page.locator("#row-1-2-1--deadlines")
    assert "1,0 из 1,0" in row.locator(".proposal").inner_text()
    row.locator("input[name=points]").fill("1")
    row.locator("textarea[name=comment]").fill("сроки указаны у всех мероприятий")
    row.locator("button[type=submit]").click()
    page.wait_for_function(
        "() => document.querySelector('#row-1-2-1--deadlines td:last-child')"
        ".innerText.startsWith('1')")
    assert "1,0 / " in page.locator("#totals").inner_text()
    page.wait_for_function(
        "() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert "total=1" in page.locator("#profile img").get_attribute("src")  # redrawn
    screenshot(page, "06-expert-scoring")

    page.click("nav.sidenav >> text=Сравнение региона")
    page.wait_for_load_state("networkidle")
    assert "Первый городской округ" in page.inner_text("table.region-table")
    assert _images_loaded(page)
    screenshot(page, "07-region")
    with page.expect_download() as export:
        page.click("text=Выгрузить XLSX")
    assert export.value.suggested_filename.endswith(".xlsx")


def test_admin_creates_a_user_and_reads_the_audit_log(open_as) -> None:
    page = open_as("admin")
    page.click("nav.sidenav >> text=Пользователи")
    page.fill("#id_login", "sokolova")
    page.fill("#id_full_name", "Анна Соколова")
    page.select_option("#id_role", "municipal")
    page.select_option("#id_municipality", "M2")
    page.fill("#id_password", "Другой-пароль-77")
    page.fill("#id_password_again", "Другой-пароль-77")
    page.click("text=Создать")
    assert "Пользователь «sokolova» создан." in page.inner_text("main")
    screenshot(page, "08-users")
    page.click("nav.sidenav >> text=Журнал изменений")
    assert "создан пользователь" in page.inner_text("table")
    screenshot(page, "09-audit")


def test_municipal_specialist_edits_a_roadmap_measure_inline(open_as) -> None:
    page = open_as("ivanova")
    page.click("nav.sidenav >> text=Дорожная карта")
    page.select_option("#track-pick", "1.2.1")
    page.wait_for_load_state("networkidle")
    page.fill("form.measure-form textarea[name=text]",
              "Семинар для учителей математики МКОУ Ивановская ООШ по учебным дефицитам")
    page.fill("form.measure-form input[name=deadline]", "октябрь 2025")
    page.fill("form.measure-form input[name=responsible]", "МКУ «ЦРО»")
    page.fill("form.measure-form textarea[name=result]", "90 % учителей прошли семинар")
    page.select_option("form.measure-form select[name=regional_measure_id]", "1.2.1-02")
    page.click("text=Добавить в дорожную карту")
    row = page.locator("tr.measure-row").first
    assert "нет ссылки на региональный документ" not in row.inner_text()

    row.locator("button[title=Изменить]").click()
    editing = page.locator("tr.is-editing")
    editing.locator("input[name=deadline]").fill("до 01.12.2025")
    editing.locator("text=Сохранить").click()
    page.wait_for_selector("tr.is-editing", state="detached")
    assert "до 01.12.2025" in page.locator("tr.measure-row").first.inner_text()
    screenshot(page, "10-roadmap")

    page.click("nav.sidenav >> text=Управленческий цикл")
    track = page.locator("#track-1\\.2\\.1")
    assert "Меры, мероприятия" in track.locator(".cycle-step.present").all_inner_texts()[0]
    screenshot(page, "11-cycle")
