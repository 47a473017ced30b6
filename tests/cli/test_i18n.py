"""Click's and Typer's own texts (usage, panels, errors, the help option) are Russian."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import typer
from typer.testing import CliRunner

from mskoko.cli import i18n

WIDE = {"COLUMNS": "200"}  # keep Rich from wrapping the phrases asserted on


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    i18n.install_russian_cli()  # main.py may not call it yet
    from mskoko.cli.main import app

    return app


def run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=WIDE, prog_name="mskoko")
    return result.exit_code, result.stdout, result.stderr


def test_main_help_shows_russian_usage_panels_and_help_option(app: typer.Typer) -> None:
    code, out, _ = run(app, "--help")
    assert code == 0
    assert "Использование: mskoko [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..." in out
    assert "Показать эту справку и выйти." in out
    assert "─ Параметры ─" in out and "─ Команды ─" in out
    for english in ("Usage", "Options", "Commands", "Show this message", "[OPTIONS]"):
        assert english not in out


def test_command_help_marks_required_argument_default_and_type_in_russian(
    app: typer.Typer,
) -> None:
    _, out, _ = run(app, "import", "--help")
    assert "─ Аргументы ─" in out
    assert "<путь>" in out and "[обязательно]" in out
    _, out, _ = run(app, "serve", "--help")
    assert "[по умолчанию: 8000]" in out and "<целое>" in out
    assert "default" not in out and "required" not in out


def test_missing_argument_is_a_russian_error_with_exit_status_2(app: typer.Typer) -> None:
    code, _, err = run(app, "import")
    assert code == 2
    assert "Использование: mskoko import [ПАРАМЕТРЫ]" in err
    assert "Справка: 'mskoko import --help'." in err
    assert "─ Ошибка ─" in err
    assert "Не указан аргумент 'data'." in err
    assert "Missing" not in err and "Try " not in err


def test_unknown_option_is_named_in_russian(app: typer.Typer) -> None:
    code, _, err = run(app, "import", "--bogus", "x")
    assert code == 2
    assert "Нет такого параметра: --bogus" in err
    assert "No such option" not in err


def test_bad_value_and_mistyped_command_are_explained_in_russian(app: typer.Typer) -> None:
    code, _, err = run(app, "serve", "--port", "abc")
    assert code == 2
    assert "Недопустимое значение для '--port': нужно целое число" in err
    code, _, err = run(app, "impor")
    assert code == 2
    assert "Нет такой команды 'impor'. Возможно, имелось в виду 'import'?" in err


@pytest.mark.parametrize(("english", "russian"), [
    ("Missing option '--year' / '-y'.", "Не указан параметр '--year' / '-y'."),
    ("Got unexpected extra arguments (a b)", "Лишние аргументы: a b"),
    ("Option '--out' requires 2 arguments.", "Параметру '--out' нужно значений: 2."),
    ("Invalid value for 'DATA': Path 'x.csv' does not exist.",
     "Недопустимое значение для 'DATA': Путь 'x.csv' не найден."),
    ("Invalid value for '--role': Value error, 'zzz' is not one of 'a', 'b'.",
     "Недопустимое значение для '--role': значение 'zzz' не из списка: 'a', 'b'."),
    ("No such option: --jsn (Possible options: --json)",
     "Нет такого параметра: --jsn (похожие: --json)"),
    ("Уже по-русски: файл не найден.", "Уже по-русски: файл не найден."),
])
def test_translate_turns_click_messages_into_russian(english: str, russian: str) -> None:
    assert i18n.translate(english) == russian


def test_type_labels_translate_plain_types_and_keep_choices() -> None:
    assert i18n.translate_type_label("<list[Path]>") == "<список[путь]>"
    assert i18n.translate_type_label("<int>") == "<целое>"
    assert i18n.translate_type_label("<municipal|expert|admin>") == "<municipal|expert|admin>"


def test_installing_twice_wraps_nothing_twice(app: typer.Typer) -> None:
    import typer.rich_utils as rich_utils

    hooks = (rich_utils.rich_format_error, typer.core.TyperOption.display_type)
    i18n.install_russian_cli()
    assert (rich_utils.rich_format_error, typer.core.TyperOption.display_type) == hooks
    _, out, _ = run(app, "--help")
    assert out.count("Показать эту справку и выйти.") == 1


def test_install_survives_renamed_attributes_and_failing_hooks(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer.rich_utils as rich_utils

    monkeypatch.delattr(rich_utils, "DEPRECATED_STRING")
    monkeypatch.delattr(rich_utils, "OptionHighlighter")

    def renamed(*_: object) -> None:
        raise AttributeError("renamed in a future Typer")

    monkeypatch.setattr(i18n, "_install_formatter", renamed)
    i18n.install_russian_cli()
    assert rich_utils.ERRORS_PANEL_TITLE == "Ошибка"


def test_install_keeps_startup_lean_and_translates_once_typer_prints() -> None:
    # A fresh interpreter: typer.rich_utils (slow to import) must load only to print.
    script = textwrap.dedent("""
        import sys
        from mskoko.cli.i18n import install_russian_cli
        install_russian_cli()
        assert "typer.rich_utils" not in sys.modules, "install imported typer.rich_utils"
        from mskoko.cli.main import app
        app(["import"], prog_name="mskoko")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"}, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Не указан аргумент" in done.stderr and "─ Ошибка ─" in done.stderr
