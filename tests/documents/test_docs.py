"""docs/checking.md documents every parameter the check kinds read from a criterion."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_check_parameter_is_documented() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8")
                        for p in (ROOT / "src/mskoko/documents/checks").glob("*.py"))
    used = set(re.findall(r"(?:param|_setting)\(criterion, \"(\w+)\"\)", sources))
    used |= set(re.findall(r"params\.get\(\"(\w+)\"\)", sources))
    assert {"met_share", "partly_share", "partial_score", "markers", "measure_similarity"} <= used
    docs = (ROOT / "docs/checking.md").read_text(encoding="utf-8")
    assert sorted(name for name in used if f"`{name}`" not in docs) == []


def test_every_registered_kind_is_documented() -> None:
    import mskoko.documents.check  # noqa: F401  (registers the kinds)
    from mskoko.rulebook.registry import known_kinds

    docs = (ROOT / "docs/checking.md").read_text(encoding="utf-8")
    ours = {k for k in known_kinds() if k.startswith(("has_", "describes_", "names_", "cites_",
                                                      "accounts_", "justifies_", "penalty_"))}
    assert sorted(k for k in ours if f"`{k}`" not in docs) == []
