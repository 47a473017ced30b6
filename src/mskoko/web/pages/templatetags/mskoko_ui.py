"""Small presentation helpers for templates: icons, numbers and percentages in Russian style."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

ICON_SPRITE = "mskoko/vendor/feather-subset-4.29.2.svg"


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    """An inline SVG icon from the vendored sprite; decorative unless ``label`` is given."""
    aria = format_html('role="img" aria-label="{}"', label) if label else 'aria-hidden="true"'
    return format_html(
        '<svg class="icon" {}><use href="{}#{}"></use></svg>', aria, static(ICON_SPRITE), name
    )


@register.filter
def percent(value: Any, digits: int = 0) -> str:
    """0.347 → «34,7 %» style (share given as a fraction)."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value) * 100
    except (TypeError, ValueError):
        return "—"
    return f"{number:.{digits}f}".replace(".", ",") + " %"


@register.filter
def number(value: Any, digits: int = 0) -> str:
    """A number with a thin-space thousands separator and a decimal comma."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def procedure_name(code: str) -> str:
    """VPR → ВПР (the names officials use)."""
    from mskoko.analytics.wording import procedure_ru

    return procedure_ru(str(code))
