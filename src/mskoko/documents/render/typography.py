"""Russian typography for generated documents: «ёлочки», em dashes, non-breaking spaces."""

from __future__ import annotations

import re

NBSP = "\u00a0"


def quotes(text: str) -> str:
    """Straight double quotes → «ёлочки»; quotes inside quotes → „лапки“."""
    out: list[str] = []
    for index, char in enumerate(text):
        if char == '"':
            before = text[index - 1] if index else " "
            out.append("«" if before.isspace() or before in "(«„[-—" else "»")
        else:
            out.append(char)
    result = "".join(out)
    return _nest(result)


def _nest(text: str) -> str:
    depth = 0
    out: list[str] = []
    for char in text:
        if char == "«":
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(char)
    return "".join(out)


def typographed(text: str | None) -> str:
    """The text with Russian typography: «», — between words, № and г. bound by NBSP."""
    if not text:
        return ""
    result = " ".join(text.split())
    result = quotes(result)
    result = re.sub(r"(?<=\s)[-–](?=\s)", "—", result)
    result = re.sub(r"№\s*(?=[\w\d])", f"№{NBSP}", result)
    result = re.sub(r"(?<=\d) (?=(?:гг?\.|%))", NBSP, result)
    return result


__all__ = ["NBSP", "quotes", "typographed"]
