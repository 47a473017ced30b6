"""Pydantic validation errors told in Russian: the field path, what is wrong, what is expected."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

_SIMPLE: dict[str, str] = {
    "missing": "обязательное поле отсутствует",
    "extra_forbidden": "лишнее поле: в схеме правил такого поля нет (проверьте написание)",
    "string_type": "ожидается текст",
    "string_too_short": "значение не должно быть пустым",
    "string_pattern_mismatch": (
        "недопустимый код: используйте латинские буквы, цифры, точку, дефис и подчёркивание, "
        "без пробелов"
    ),
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число, а не дробное",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число (дробную часть отделяйте точкой: 0.5)",
    "bool_type": "ожидается true или false",
    "bool_parsing": "ожидается true или false",
    "list_type": "ожидается список (строки, начинающиеся с «- », или [a, b])",
    "dict_type": "ожидается раздел из полей «ключ: значение»",
    "model_type": "ожидается раздел из полей «ключ: значение»",
    "model_attributes_type": "ожидается раздел из полей «ключ: значение»",
    "date_type": "ожидается дата в виде ГГГГ-ММ-ДД (например, 2022-07-01)",
    "date_parsing": "ожидается дата в виде ГГГГ-ММ-ДД (например, 2022-07-01)",
    "date_from_datetime_parsing": "ожидается дата в виде ГГГГ-ММ-ДД (например, 2022-07-01)",
    "date_from_datetime_inexact": "ожидается дата без времени, в виде ГГГГ-ММ-ДД",
    "finite_number": "ожидается конечное число",
}

_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than": ("gt", "значение должно быть больше {}"),
    "greater_than_equal": ("ge", "значение должно быть не меньше {}"),
    "less_than": ("lt", "значение должно быть меньше {}"),
    "less_than_equal": ("le", "значение должно быть не больше {}"),
    "too_short": ("min_length", "нужно не меньше {} элемент(а/ов)"),
    "too_long": ("max_length", "допустимо не больше {} элемент(а/ов)"),
}


def format_loc(loc: Sequence[str | int]) -> str:
    """``('criteria', 3, 'max_points')`` → ``criteria[3].max_points``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(весь файл)"


def explain(error: ErrorDetails) -> str:
    """What is wrong and what is expected, in Russian."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind in _BOUNDS:
        key, template = _BOUNDS[kind]
        return template.format(_number(ctx.get(key)))
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        allowed = ", ".join(f"«{a or b}»" for a, b in choices)
        return f"недопустимое значение; допустимые: {allowed}"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    return f"неверное значение ({kind}: {error['msg']})"


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def shown_value(error: ErrorDetails) -> str | None:
    """The offending scalar as text, or None when there is nothing short to show."""
    if error["type"] == "missing":
        return None
    value = error.get("input")
    if value is None:
        return "пусто"
    if isinstance(value, str | int | float | bool):
        text = str(value)
        return text if len(text) <= 80 else text[:77] + "…"
    return None


def item_hint(data: Any, loc: Sequence[str | int]) -> str:
    """« (элемент «deadlines»)» for the deepest list item on the path that has an id."""
    hint = ""
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            has_id = isinstance(current, dict) and isinstance(current.get("id"), str)
            hint = f" (элемент «{current['id']}»)" if has_id else ""
        else:
            break
    return hint


def validation_messages(
    error: ValidationError, data: Any
) -> list[tuple[tuple[str | int, ...], str, str | None, str]]:
    """Each error as (loc, Russian message, offending value, pydantic type)."""
    out = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = f"поле {format_loc(loc)}{item_hint(data, loc)}: {explain(detail)}"
        out.append((loc, message, shown_value(detail), detail["type"]))
    return out
