"""Parsing the pages in tests: HTML → lxml tree, and the visible text of an element."""

from __future__ import annotations

from pathlib import Path

import lxml.html

DATA = Path(__file__).resolve().parents[1] / "data" / "web"
PASSWORD = "Надёжный-пароль-2024"


def page(response) -> lxml.html.HtmlElement:  # type: ignore[no-untyped-def]
    """The response's HTML, parsed."""
    return lxml.html.fromstring(response.content.decode("utf-8"))


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())
