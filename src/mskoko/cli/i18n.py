"""Russian for the text Click and Typer print themselves: usage, panel titles, errors, help option.

Recent Typer (0.29 here) carries its own copy of Click (``typer._click``) whose messages are
English f-strings; older Typer uses Click, whose messages go through gettext. Both are covered:
exact texts by a gettext catalogue and Typer's module constants, composed error messages by
patterns applied where Typer prints an error. Every hook is optional: if a future version renames
something, that piece stays English and the CLI still works.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import importlib.util
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

# Exact English texts (gettext message ids, Typer constants) and their Russian.
CATALOGUE: dict[str, str] = {
    "Usage: ": "Использование: ",
    "Usage:": "Использование:",
    "Arguments": "Аргументы",
    "Options": "Параметры",
    "Commands": "Команды",
    "Error": "Ошибка",
    "Error: {message}": "Ошибка: {message}",
    "Aborted.": "Прервано.",
    "Aborted!": "Прервано!",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "Справка: [blue]'{command_path} {help_option}'[/].",
    "Try '{command} {option}' for help.": "Справка: '{command} {option}'.",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "[default: {}]": "[по умолчанию: {}]",
    "default: {default}": "по умолчанию: {default}",
    "[env var: {}]": "[переменная окружения: {}]",
    "env var: {var}": "переменная окружения: {var}",
    "[required]": "[обязательно]",
    "required": "обязательно",
    "(deprecated) ": "(устарело) ",
    "(dynamic)": "(вычисляется)",
    "Missing command.": "Не указана команда.",
    "No such command {name!r}.": "Нет такой команды {name!r}.",
}

# Composed messages (Click exceptions, Typer and pydantic value errors), applied in order.
# Kept as strings: compiled by `re` on first use, so start-up does not pay for them.
MESSAGE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"Missing argument\b", "Не указан аргумент"),
    (r"Missing option\b", "Не указан параметр"),
    (r"Missing parameter\b", "Не указан параметр"),
    (r"Choose from:", "Допустимые значения:"),
    (r"No such option:? ", "Нет такого параметра: "),
    (r"\((?:Possible options|Did you mean one of): (.*?)\??\)", r"(похожие: \1)"),
    (r"Did you mean (.*?)\?", r"Возможно, имелось в виду \1?"),
    (r"No such command (.*?)\.(?= |$)", r"Нет такой команды \1."),
    (r"Missing command\.", "Не указана команда."),
    (r"Invalid value for (.+?): ", r"Недопустимое значение для \1: "),
    (r"Invalid value: ", "Недопустимое значение: "),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", r"Лишние аргументы: \1"),
    (r"Option (\S+) requires an argument\.", r"Параметру \1 нужно значение."),
    (r"Option (\S+) requires (\d+) arguments\.", r"Параметру \1 нужно значений: \2."),
    (r"Option (\S+) does not take a value\.", r"Параметр \1 не принимает значение."),
    (r"Argument (\S+) takes (\d+) values\.", r"Аргументу \1 нужно значений: \2."),
    (r"(?i:file) (.+?) does not exist\.", r"Файл \1 не найден."),
    (r"(?i:dir|directory) (.+?) does not exist\.", r"Папка \1 не найдена."),
    (r"(?i:path) (.+?) does not exist\.", r"Путь \1 не найден."),
    (r"(?i:file|dir|directory|path) (.+?) is a file\.", r"\1 — файл, а нужна папка."),
    (r"(?i:file|dir|directory|path) (.+?) is a directory\.", r"\1 — папка, а нужен файл."),
    (r"(?i:file|dir|directory|path) (.+?) is not readable\.", r"\1 недоступен для чтения."),
    (r"(?i:file|dir|directory|path) (.+?) is not writable\.", r"\1 недоступен для записи."),
    (r"Could not open file (.+?): ", r"Не удалось открыть файл \1: "),
    (r"Value error, ", ""),
    (r"(\S+) is not one of (.+)\.$", r"значение \1 не из списка: \2."),
    (r"(\S+) is not a valid integer\.", r"\1 — не целое число."),
    (r"(\S+) is not a valid float\.", r"\1 — не число."),
    (r"Value (.+?) is not a valid (\w+)\.", r"Значение \1 не подходит: нужен тип \2."),
    (r"Value must be an iterable\.", "Нужен список значений."),
    (r"Input should be a valid integer[^.\n]*", "нужно целое число"),
    (r"Input should be a valid number[^.\n]*", "нужно число"),
    (r"Input should be a valid boolean[^.\n]*", "нужно да или нет (true/false)"),
    (r"Input should be a valid datetime[^.\n]*", "нужны дата и время"),
    (r"Input should be a valid date[^.\n]*", "нужна дата (ГГГГ-ММ-ДД)"),
    (r"Input should be greater than or equal to (\S+)", r"нужно значение не меньше \1"),
    (r"Input should be less than or equal to (\S+)", r"нужно значение не больше \1"),
    (r"Input should be greater than (\S+)", r"нужно значение больше \1"),
    (r"Input should be less than (\S+)", r"нужно значение меньше \1"),
)

# Placeholders in the usage line.
USAGE_WORDS: dict[str, str] = {
    "COMMAND [ARGS]...": "КОМАНДА [АРГУМЕНТЫ]...",
    "[OPTIONS]": "[ПАРАМЕТРЫ]",
}

# Typer's value-type labels in help (``<str>``, ``<list[Path]>``).
TYPE_WORDS: dict[str, str] = {
    "str": "текст", "int": "целое", "float": "число", "bool": "флаг", "Path": "путь",
    "path": "путь", "file": "файл", "dir": "папка", "datetime": "дата и время",
}
_TYPE_LABEL = r"<(list\[)?(\w+)(\])?>"

# Typer's module-level texts in typer.rich_utils; they were computed at import time.
_RICH_CONSTANTS = (
    "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE", "ABORTED_TEXT", "RICH_HELP", "DEFAULT_STRING", "ENVVAR_STRING",
    "REQUIRED_LONG_STRING", "DEPRECATED_STRING",
)
_MARK = "_mskoko_russian"  # set on each installed hook, so installing twice changes nothing


class RussianCatalogue(gettext.NullTranslations):
    """A gettext translation backed by ``CATALOGUE``; unknown texts stay as they are."""

    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def translate(text: str) -> str:
    """Russian for one English text: an exact catalogue entry, else every message pattern."""
    if text in CATALOGUE:
        return CATALOGUE[text]
    for pattern, russian in MESSAGE_PATTERNS:
        text = re.sub(pattern, russian, text, flags=re.MULTILINE)
    return text


def translate_usage(args: str) -> str:
    """Russian placeholders in the arguments part of a usage line."""
    for english, russian in USAGE_WORDS.items():
        args = args.replace(english, russian)
    return args


def translate_type_label(label: str) -> str:
    """``<str>`` → ``<текст>``, ``<list[Path]>`` → ``<список[путь]>``; choices stay as they are."""
    match = re.fullmatch(_TYPE_LABEL, label)
    if match is None or match[2] not in TYPE_WORDS or bool(match[1]) != bool(match[3]):
        return label
    word = TYPE_WORDS[match[2]]
    return f"<список[{word}]>" if match[1] else f"<{word}>"


def install_russian_cli() -> None:
    """Make Click and Typer print their own texts in Russian (idempotent, never raises)."""
    typer_core = _import("typer.core")
    click = (getattr(typer_core, "_click", None) or getattr(typer_core, "click", None)
             if typer_core else None)
    for install in (_install_gettext, _install_rich_texts, _install_formatter,
                    _install_help_option, _install_type_labels):
        try:
            install(typer_core, click)
        except Exception:  # an English leftover beats a CLI that cannot start
            continue


def _install_gettext(typer_core: ModuleType | None, click: ModuleType | None) -> None:
    """Rebind ``_``/``ngettext`` in the Click and Typer modules that import them from gettext."""
    catalogue = RussianCatalogue()
    roots = {"typer"} | ({click.__name__.split(".")[0]} if click else set())
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in roots:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = catalogue.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def _install_rich_texts(typer_core: ModuleType | None, click: ModuleType | None) -> None:
    """Translate Typer's panel titles, hints and printed errors, once typer.rich_utils loads."""
    # Typer imports rich_utils only to print help or an error; importing it here would slow
    # every command down, so the translation waits for that import.
    _after_import("typer.rich_utils", _translate_rich_utils)


def _translate_rich_utils(rich_utils: ModuleType) -> None:
    for name in _RICH_CONSTANTS:
        value = getattr(rich_utils, name, None)
        if isinstance(value, str):
            setattr(rich_utils, name, CATALOGUE.get(value, value))
    highlights = getattr(getattr(rich_utils, "OptionHighlighter", None), "highlights", None)
    usage_pattern = r"(?P<usage>Использование: )"
    if isinstance(highlights, list) and usage_pattern not in highlights:
        highlights.append(usage_pattern)
    _wrap(rich_utils, "rich_format_error", _russian_format_error)


def _russian_format_error(original: Callable[..., Any]) -> Callable[..., Any]:
    def rich_format_error(error: Any) -> Any:
        english = error.format_message
        # An instance attribute shadows the method for this one exception only.
        error.format_message = lambda: translate(english())
        return original(error)

    return rich_format_error


def _install_formatter(typer_core: ModuleType | None, click: ModuleType | None) -> None:
    """Set a help formatter (Click's ``Context.formatter_class`` hook) with a Russian usage line."""
    context = getattr(getattr(click, "core", None), "Context", None)
    base = getattr(context, "formatter_class", None)
    if base is None or getattr(base, _MARK, False):
        return

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        base.write_usage(self, prog, translate_usage(args),
                         CATALOGUE["Usage: "] if prefix is None else prefix)

    context.formatter_class = type(  # type: ignore[union-attr]
        "RussianHelpFormatter", (base,), {"write_usage": write_usage, _MARK: True}
    )


def _install_help_option(typer_core: ModuleType | None, click: ModuleType | None) -> None:
    """Translate the text of the automatic ``--help`` option when a command creates it."""
    command = getattr(getattr(click, "core", None), "Command", None)
    _wrap(command, "get_help_option", _russian_help_option)


def _russian_help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None and isinstance(getattr(option, "help", None), str):
            option.help = CATALOGUE.get(option.help, option.help)
        return option

    return get_help_option


def _install_type_labels(typer_core: ModuleType | None, click: ModuleType | None) -> None:
    """Translate Typer's value-type labels in help (``display_type`` of recent Typer)."""
    for name in ("TyperArgument", "TyperOption"):
        _wrap(getattr(typer_core, name, None), "display_type", _russian_type_label)


def _russian_type_label(original: Callable[..., Any]) -> Callable[..., Any]:
    def display_type(self: Any, ctx: Any) -> Any:
        label = original(self, ctx)
        return translate_type_label(label) if isinstance(label, str) else label

    return display_type


Wrapper = Callable[[Callable[..., Any]], Callable[..., Any]]


def _wrap(owner: Any, name: str, wrapper: Wrapper) -> None:
    """Replace ``owner.name`` with ``wrapper(original)`` once; skip when it does not exist."""
    original = getattr(owner, name, None) if owner is not None else None
    if not callable(original) or getattr(original, _MARK, False):
        return
    replacement = wrapper(original)
    setattr(replacement, _MARK, True)
    setattr(owner, name, replacement)


def _after_import(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Run ``patch`` on module ``name`` now if it is loaded, else right after its first import."""
    if name in sys.modules:
        patch(sys.modules[name])
    elif not any(getattr(finder, "module_name", None) == name for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport(name, patch))


class _PatchOnImport:
    """A post-import hook (a ``sys.meta_path`` finder): finds the module as usual, patches it
    once it has executed, and removes itself."""

    def __init__(self, module_name: str, patch: Callable[[ModuleType], None]) -> None:
        self.module_name = module_name
        self.patch = patch

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.module_name:
            return None
        sys.meta_path.remove(self)  # the lookup below must not find this finder again
        spec = importlib.util.find_spec(fullname)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            with contextlib.suppress(Exception):  # never break the import for a translation
                self.patch(module)

        loader.exec_module = exec_module
        return spec


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
