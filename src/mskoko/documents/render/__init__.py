"""Generate the management-cycle documents as editable DOCX (docxtpl templates) and XLSX.

Templates ship in ``templates/`` (built by ``build_templates.py``); a region overrides one by
putting a file with the same name into ``MSKOKO_HOME/templates/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mskoko.config import workspace_home
from mskoko.cycle.model import Measure, MunicipalCycle
from mskoko.documents.render.context import (
    effectiveness_context,
    event_plan_context,
    order_context,
    roadmap_context,
)
from mskoko.errors import MskokoError

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAMES = ("roadmap.docx", "event_plan.docx", "order.docx", "effectiveness.docx")


def template_path(name: str) -> Path:
    """The region's own template from ``MSKOKO_HOME/templates/`` if present, else the shipped one."""
    own = workspace_home() / "templates" / name
    return own if own.is_file() else TEMPLATES / name


def _render(name: str, context: dict[str, Any], path: str | Path) -> Path:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = template_path(name)
    try:
        template = DocxTemplate(str(source))
        template.render(context, autoescape=True)
        template.save(str(target))
    except TemplateError as error:
        raise MskokoError(f"шаблон {source} не удалось заполнить: {error}") from error
    return target


def render_roadmap(cycle: MunicipalCycle, rulebook: Any, path: str | Path) -> Path:
    """The roadmap: per track its title, goal, indicators and the seven-column measures table."""
    return _render("roadmap.docx", roadmap_context(cycle, rulebook), path)


def render_event_plan(
    cycle: MunicipalCycle, measure: str | Measure, path: str | Path, rulebook: Any = None
) -> Path:
    """The event plan of one measure (by number, «track:number» or the Measure itself), by stages."""
    if isinstance(measure, Measure):
        track = next((t for t in cycle.tracks if any(m is measure for m in t.measures)), None)
        if track is None:
            raise MskokoError(f"мера «{measure.text}» не входит в управленческий цикл")
        chosen = measure
    else:
        track, chosen = cycle.find_measure(measure)
    if rulebook is None:
        from mskoko.rulebook import load_rulebook

        rulebook = load_rulebook()
    return _render("event_plan.docx", event_plan_context(cycle, track, chosen, rulebook), path)


def render_order(cycle: MunicipalCycle, rulebook: Any, path: str | Path) -> Path:
    """A draft order approving the roadmap (number and date left to fill in)."""
    return _render("order.docx", order_context(cycle, rulebook), path)


def render_effectiveness(cycle: MunicipalCycle, path: str | Path, rulebook: Any = None) -> Path:
    """The effectiveness conclusion: per measure the dates, what was done and the verdict."""
    if rulebook is None:
        from mskoko.rulebook import load_rulebook

        rulebook = load_rulebook()
    return _render("effectiveness.docx", effectiveness_context(cycle, rulebook), path)


def render_all(cycle: MunicipalCycle, rulebook: Any, out_dir: str | Path) -> list[Path]:
    """Every document the cycle supports: the roadmap; the order when decisions are recorded;
    an event plan per measure that has one (else for the first measure); the conclusion
    when there are effectiveness conclusions."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = [render_roadmap(cycle, rulebook, folder / "roadmap.docx")]
    if any(t.decisions for t in cycle.tracks):
        written.append(render_order(cycle, rulebook, folder / "order.docx"))
    measures = [m for _, m in cycle.measures()]
    planned = [m for m in measures if m.events] or measures[:1]
    for measure in planned:
        name = f"event-plan-{measure.number.replace('/', '-')}.docx"
        written.append(render_event_plan(cycle, measure, folder / name, rulebook))
    if any(t.effectiveness for t in cycle.tracks):
        written.append(render_effectiveness(cycle, folder / "effectiveness.docx", rulebook))
    return written


def export_roadmap_xlsx(cycle: MunicipalCycle, rulebook: Any, path: str | Path) -> Path:
    """The roadmap as one spreadsheet (a row per measure; the track in the first column)."""
    from mskoko.documents.render.xlsx import write_roadmap_xlsx

    return write_roadmap_xlsx(cycle, rulebook, Path(path))


__all__ = [
    "TEMPLATES",
    "TEMPLATE_NAMES",
    "export_roadmap_xlsx",
    "render_all",
    "render_effectiveness",
    "render_event_plan",
    "render_order",
    "render_roadmap",
    "template_path",
]
