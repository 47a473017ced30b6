"""Every setting the web application reads is documented in docs/web.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "src" / "mskoko" / "web" / "settings.py", ROOT / "src" / "mskoko" / "config.py"]


def _settings_read() -> set[str]:
    names: set[str] = set()
    for source in SOURCES:
        names |= set(re.findall(r"\"(MSKOKO_[A-Z_]+)\"", source.read_text(encoding="utf-8")))
    return names


@pytest.mark.parametrize("name", sorted(_settings_read()))
def test_setting_is_documented(name: str) -> None:
    docs = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    assert f"`{name}`" in docs, f"{name} is read by the settings but not described in docs/web.md"


def test_documented_api_routes_exist() -> None:
    from django.urls import resolve

    for route in ("/api/health", "/api/session", "/api/municipalities",
                  "/api/municipalities/X/flags", "/openapi.json"):
        resolve(route)
