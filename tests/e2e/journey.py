"""What the browser journeys share: Chromium's path and flags, test data, screenshots."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "web"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "Надёжный-пароль-2024"


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """A full-page screenshot of a main screen, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # a sticky header would be drawn mid-page
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
