"""Write docs/cli-reference.md from the `mskoko` command tree itself (every registered command).

Run after changing a command: `.venv/bin/python scripts/cli_reference.py`; `--check` only
compares and exits with status 1 when the file is out of date.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "cli-reference.md"
PROGRAM = "mskoko"
COMMAND = ".venv/bin/python scripts/cli_reference.py"


def render_reference() -> str:
    """The whole reference as Markdown, in Russian, as the CLI prints it right now."""
    from mskoko.cli.i18n import install_russian_cli

    install_russian_cli()

    import typer.main

    from mskoko.cli.main import app

    root = typer.main.get_command(app)
    context = root.context_class(root, info_name=PROGRAM)
    commands = list(_walk(root, context))
    help_option = root.get_help_option(context)
    help_text = getattr(help_option, "help", None) or "Показать эту справку и выйти."
    lines = [
        f"# Справочник команд `{PROGRAM}`",
        "",
        f"> Этот файл создан из самой программы командой `{COMMAND}`. Не правьте его "
        "вручную: измените справку в коде команды и запустите эту команду снова.",
        "",
        f"У каждой команды есть параметр `--help` — «{help_text}»",
        "",
    ]
    for command, ctx in commands[1:]:
        indent = "  " * (_depth(ctx) - 1)
        path = ctx.command_path
        lines.append(f"{indent}- [`{path}`](#{_anchor(path)}) — {_short_help(command)}")
    for command, ctx in commands:
        lines.extend(["", *_command_section(command, ctx)])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"


def _walk(command: Any, ctx: Any) -> Any:
    """The command and all its visible sub-commands, depth first, in registration order."""
    yield command, ctx
    if not hasattr(command, "list_commands"):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or getattr(sub, "hidden", False):
            continue
        yield from _walk(sub, sub.context_class(sub, info_name=name, parent=ctx))


def _command_section(command: Any, ctx: Any) -> list[str]:
    from mskoko.cli.i18n import CATALOGUE, translate_usage

    heading = "#" * min(6, max(2, _depth(ctx) + 1))
    usage = translate_usage(" ".join(command.collect_usage_pieces(ctx)))
    lines = [f"{heading} `{ctx.command_path}`", ""]
    if getattr(command, "deprecated", False):
        lines.extend(["**Устарела.**", ""])
    for paragraph in _paragraphs(_help_text(command, getattr(command, "help", None))):
        lines.extend([paragraph, ""])
    lines.extend([f"{CATALOGUE['Usage:']} `{ctx.command_path} {usage}`".rstrip(), ""])

    help_option = command.get_help_option(ctx)
    params = [p for p in command.get_params(ctx) if p is not help_option]
    arguments = [p for p in params if getattr(p, "param_type_name", "") == "argument"]
    options = [p for p in params if getattr(p, "param_type_name", "") != "argument"]
    sections = (
        (CATALOGUE["Arguments"], "Аргумент", arguments),
        (CATALOGUE["Options"], "Параметр", options),
    )
    for title, column, group in sections:
        rows = [row for row in (_param_row(command, p, ctx) for p in group) if row]
        if rows:
            lines.extend([f"**{title}**", "", f"| {column} | Описание |", "| --- | --- |"])
            lines.extend(f"| `{_cell(name)}` | {_cell(text)} |" for name, text in rows)
            lines.append("")
    if hasattr(command, "list_commands"):
        subs = [(n, command.get_command(ctx, n)) for n in command.list_commands(ctx)]
        rows = [(n, s) for n, s in subs if s is not None and not getattr(s, "hidden", False)]
        if rows:
            title = CATALOGUE["Commands"]
            lines.extend([f"**{title}**", "", "| Команда | Описание |", "| --- | --- |"])
            lines.extend(
                f"| [`{n}`](#{_anchor(f'{ctx.command_path} {n}')}) | {_cell(_short_help(s))} |"
                for n, s in rows
            )
            lines.append("")
    return lines


def _param_row(command: Any, param: Any, ctx: Any) -> tuple[str, str] | None:
    """(name with type, help with default/required) from Click's help record, as --help shows."""
    record = param.get_help_record(ctx)
    if record is None or getattr(param, "hidden", False):
        return None
    name, text = record
    own = getattr(param, "help", None) or ""
    # The record is the parameter's help followed by the bracketed extras; only the help
    # itself may contain markup.
    if text.startswith(own):
        extras = text[len(own):].strip()
        text = " ".join(part for part in (_help_text(command, own), extras) if part)
    return name, text


def _help_text(command: Any, text: str | None) -> str:
    """Help as the reader sees it: Click's ``\\f`` cut applied, Rich markup rendered."""
    if not text:
        return ""
    text = inspect.cleandoc(text).partition("\f")[0].strip()
    if getattr(command, "rich_markup_mode", None) == "rich":
        from rich.text import Text

        text = Text.from_markup(text).plain
    return text


def _short_help(command: Any) -> str:
    text = getattr(command, "short_help", None) or _help_text(command, command.help)
    return (_paragraphs(text) or [""])[0]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _depth(ctx: Any) -> int:
    depth = 0
    while ctx.parent is not None:
        depth, ctx = depth + 1, ctx.parent
    return depth


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def main(argv: list[str]) -> int:
    text = render_reference()
    if "--check" in argv:
        if OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text:
            return 0
        sys.stderr.write(f"{OUTPUT.relative_to(ROOT)} устарел: запустите {COMMAND}\n")
        return 1
    OUTPUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"Записано: {OUTPUT.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
