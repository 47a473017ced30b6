"""Cross-reference checks of a schema-valid rulebook: ids unique, every reference resolvable.

Each issue carries its field path so the loader can point at the line in the YAML file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from mskoko.rulebook.messages import explain, format_loc, shown_value
from mskoko.rulebook.schema import Rulebook


@dataclass(frozen=True)
class Issue:
    """One broken rule of consistency, located by a pydantic-style path."""

    loc: tuple[str | int, ...]
    message: str
    code: str


def check_references(
    rb: Rulebook,
    known_kinds: set[str] | None = None,
    params_schemas: Mapping[str, type[BaseModel]] | None = None,
) -> list[Issue]:
    """Every consistency problem of the edition (empty when it is sound).

    ``params_schemas`` (kind → pydantic model) checks the params of criteria and penalties.
    """
    issues: list[Issue] = []
    issues += _unique_ids(rb)
    issues += _structure(rb)
    issues += _documents_and_criteria(rb)
    issues += _catalogue(rb)
    issues += _scoring(rb)
    if known_kinds:
        issues += _kinds(rb, known_kinds)
    if params_schemas:
        issues += _params(rb, params_schemas)
    return issues


def _duplicates(
    entries: Iterable[tuple[tuple[str | int, ...], str]], what: str
) -> list[Issue]:
    entries = list(entries)
    counts = Counter(value for _, value in entries)
    return [
        Issue((*loc, "id"), f"{what} с id «{value}» встречается {counts[value]} раза; id должны быть уникальны",
              "duplicate_id")
        for loc, value in entries
        if counts[value] > 1
    ]


def _unique_ids(rb: Rulebook) -> list[Issue]:
    issues: list[Issue] = []
    simple = {
        "cycle_components": ("компонент цикла", rb.cycle_components),
        "functions": ("функция", rb.functions),
        "mechanisms": ("механизм", rb.mechanisms),
        "evaluation_parameters": ("параметр оценивания", rb.evaluation_parameters),
        "document_kinds": ("вид документа", rb.document_kinds),
        "criteria": ("критерий", rb.criteria),
        "penalties": ("штраф", rb.penalties),
    }
    for section, (what, items) in simple.items():
        issues += _duplicates((((section, i), item.id) for i, item in enumerate(items)), what)
    systems = [(("mechanisms", m, "systems", s), sy.id)
               for m, mech in enumerate(rb.mechanisms) for s, sy in enumerate(mech.systems)]
    issues += _duplicates(systems, "система")
    tracks = [(("mechanisms", m, "systems", s, "tracks", t), tr.id)
              for m, mech in enumerate(rb.mechanisms) for s, sy in enumerate(mech.systems)
              for t, tr in enumerate(sy.tracks)]
    issues += _duplicates(tracks, "трек")
    for k, kind in enumerate(rb.document_kinds):
        elements = ((("document_kinds", k, "required_elements", e), el.id)
                    for e, el in enumerate(kind.required_elements))
        issues += _duplicates(elements, f"элемент вида «{kind.id}»")
    issues += _duplicates(((("catalogue", "regional_documents", i), d.id)
                           for i, d in enumerate(rb.catalogue.regional_documents)), "региональный документ")
    issues += _duplicates(((("catalogue", "example_measures", i), m.id)
                           for i, m in enumerate(rb.catalogue.example_measures)), "пример меры")
    for section, items in (("cycle_components", rb.cycle_components),
                           ("evaluation_parameters", rb.evaluation_parameters)):
        numbers = Counter(item.number for item in items)
        issues += [Issue((section, i, "number"), f"номер {item.number} повторяется", "duplicate_number")
                   for i, item in enumerate(items) if numbers[item.number] > 1]
    return issues


def _missing(loc: tuple[str | int, ...], value: str, what: str, known: Sequence[str]) -> Issue:
    listed = ", ".join(dict.fromkeys(known)) if known else "нет ни одного"
    return Issue(loc, f"ссылка на несуществующий элемент «{value}» ({what}); известные: {listed}",
                 "unknown_reference")


def _structure(rb: Rulebook) -> list[Issue]:
    issues: list[Issue] = []
    functions = [f.id for f in rb.functions]
    components = [c.id for c in rb.cycle_components]
    kinds = [k.id for k in rb.document_kinds]
    for c, comp in enumerate(rb.cycle_components):
        issues += [_missing(("cycle_components", c, "evidence_kinds", i), k, "вид документа", kinds)
                   for i, k in enumerate(comp.evidence_kinds) if k not in kinds]
    for f, function in enumerate(rb.functions):
        issues += [_missing(("functions", f, "evidence_kinds", i), k, "вид документа", kinds)
                   for i, k in enumerate(function.evidence_kinds) if k not in kinds]
    for m, mech in enumerate(rb.mechanisms):
        for s, system in enumerate(mech.systems):
            sloc: tuple[str | int, ...] = ("mechanisms", m, "systems", s)
            if not system.id.startswith(mech.id + "."):
                issues.append(Issue((*sloc, "id"), f"номер системы «{system.id}» должен начинаться "
                                    f"с номера механизма «{mech.id}.»", "misplaced_id"))
            if system.scored and not system.tracks:
                issues.append(Issue((*sloc, "scored"), f"система «{system.id}» оценивается (scored: true), "
                                    "но в ней нет ни одного трека: добавьте треки или укажите scored: false",
                                    "scored_without_tracks"))
            for t, track in enumerate(system.tracks):
                tloc = (*sloc, "tracks", t)
                if not track.id.startswith(system.id + "."):
                    issues.append(Issue((*tloc, "id"), f"номер трека «{track.id}» должен начинаться "
                                        f"с номера системы «{system.id}.»", "misplaced_id"))
                if track.function not in functions:
                    issues.append(_missing((*tloc, "function"), track.function, "функция МОУО", functions))
                issues += [_missing((*tloc, "components", i), c, "компонент цикла", components)
                           for i, c in enumerate(track.components) if c not in components]
    return issues


def _documents_and_criteria(rb: Rulebook) -> list[Issue]:
    issues: list[Issue] = []
    kinds = {k.id: k for k in rb.document_kinds}
    criteria = {c.id: c for c in rb.criteria}
    parameters = [p.id for p in rb.evaluation_parameters]
    for k, kind in enumerate(rb.document_kinds):
        for i, cid in enumerate(kind.criteria):
            loc: tuple[str | int, ...] = ("document_kinds", k, "criteria", i)
            if cid not in criteria:
                issues.append(_missing(loc, cid, "критерий", list(criteria)))
            elif kind.id not in criteria[cid].applies_to:
                issues.append(Issue(loc, f"критерий «{cid}» проверяется на виде «{kind.id}», но в его "
                                    f"applies_to этого вида нет: добавьте «{kind.id}» в applies_to критерия",
                                    "inconsistent_applies_to"))
        counts = Counter(kind.criteria)
        issues += [Issue(("document_kinds", k, "criteria", i), f"критерий «{cid}» указан дважды", "duplicate_ref")
                   for i, cid in enumerate(kind.criteria) if counts[cid] > 1]
    for c, criterion in enumerate(rb.criteria):
        for i, kid in enumerate(criterion.applies_to):
            loc = ("criteria", c, "applies_to", i)
            if kid not in kinds:
                issues.append(_missing(loc, kid, "вид документа", list(kinds)))
            elif criterion.id not in kinds[kid].criteria:
                issues.append(Issue(loc, f"критерий «{criterion.id}» применяется к виду «{kid}», но вид не "
                                    f"перечисляет его: добавьте «{criterion.id}» в document_kinds → {kid} → criteria",
                                    "inconsistent_applies_to"))
        if criterion.parameter is not None and criterion.parameter not in parameters:
            issues.append(_missing(("criteria", c, "parameter"), criterion.parameter,
                                   "параметр оценивания", parameters))
    for p, penalty in enumerate(rb.penalties):
        issues += [_missing(("penalties", p, "applies_to", i), kid, "вид документа", list(kinds))
                   for i, kid in enumerate(penalty.applies_to) if kid not in kinds]
    return issues


def _catalogue(rb: Rulebook) -> list[Issue]:
    tracks = [t.id for _, t in rb.tracks()]
    issues: list[Issue] = []
    for d, doc in enumerate(rb.catalogue.regional_documents):
        issues += [_missing(("catalogue", "regional_documents", d, "tracks", i), tid, "трек", tracks)
                   for i, tid in enumerate(doc.tracks) if tid not in tracks]
    for m, measure in enumerate(rb.catalogue.example_measures):
        if measure.track not in tracks:
            issues.append(_missing(("catalogue", "example_measures", m, "track"), measure.track, "трек", tracks))
    return issues


def _scoring(rb: Rulebook) -> list[Issue]:
    issues: list[Issue] = []
    functions = [f.id for f in rb.functions]
    criteria = [c.id for c in rb.criteria]
    tracks = [t.id for _, t in rb.tracks()]
    ruled = Counter(rule.function for rule in rb.scoring.rules)
    for r, rule in enumerate(rb.scoring.rules):
        loc: tuple[str | int, ...] = ("scoring", "rules", r)
        if rule.function not in functions:
            issues.append(_missing((*loc, "function"), rule.function, "функция МОУО", functions))
        elif ruled[rule.function] > 1:
            issues.append(Issue((*loc, "function"), f"для функции «{rule.function}» задано несколько правил "
                                "оценки; оставьте одно", "duplicate_rule"))
        for field in ("include", "exclude"):
            issues += [_missing((*loc, field, i), cid, "критерий", criteria)
                       for i, cid in enumerate(getattr(rule, field)) if cid not in criteria]
    for tid, adjustment in rb.scoring.track_adjustments.items():
        loc = ("scoring", "track_adjustments", tid)
        if tid not in tracks:
            issues.append(_missing(loc, tid, "трек", tracks))
        for field in ("include", "exclude"):
            issues += [_missing((*loc, field, i), cid, "критерий", criteria)
                       for i, cid in enumerate(getattr(adjustment, field)) if cid not in criteria]
    issues += [_missing(("scoring", "max_points", cid), cid, "критерий", criteria)
               for cid in rb.scoring.max_points if cid not in criteria]
    if any(rule.function not in functions for rule in rb.scoring.rules):
        return issues  # a misspelt function name: the tracks it leaves unscored follow from it
    for system, track in rb.tracks():
        if system.scored and track.function in functions and track.function not in ruled:
            issues.append(Issue(("scoring", "rules"), f"трек «{track.id}» оценивается, но для его функции "
                                f"«{track.function}» нет правила в scoring.rules", "unscored_function"))
    return issues


def _kinds(rb: Rulebook, known: set[str]) -> list[Issue]:
    listed = ", ".join(sorted(known))
    issues = [Issue(("criteria", c, "kind"), f"вид проверки «{crit.kind}» не зарегистрирован; известные: {listed}",
                    "unknown_kind")
              for c, crit in enumerate(rb.criteria) if crit.kind not in known]
    issues += [Issue(("penalties", p, "kind"), f"вид проверки «{pen.kind}» не зарегистрирован; известные: {listed}",
                     "unknown_kind")
               for p, pen in enumerate(rb.penalties) if pen.kind not in known]
    return issues


def params_issues(
    what: str,
    owner: str,
    kind: str,
    schema: type[BaseModel],
    params: Mapping[str, Any],
    loc: tuple[str | int, ...] = (),
) -> list[Issue]:
    """The problems of one criterion's (``what`` = «критерий») or penalty's params under its
    kind's schema: unknown names, wrong types, values out of range; [] when they are sound."""
    try:
        schema.model_validate(dict(params))
    except ValidationError as error:
        details = error.errors(include_url=False)
    else:
        return []
    allowed = ", ".join(sorted(schema.model_fields)) or "нет ни одного"
    issues = []
    for detail in details:
        where = tuple(detail["loc"])
        name = format_loc(where)
        if detail["type"] == "extra_forbidden":
            message = (f"{what} «{owner}»: неизвестный параметр «{name}» вида проверки «{kind}»; "
                       f"допустимые параметры: {allowed}")
            code = "unknown_param"
        elif not where:
            message = f"{what} «{owner}»: параметры вида проверки «{kind}»: {explain(detail)}"
            code = "invalid_param"
        else:
            value = shown_value(detail)
            shown = f" (значение «{value}»)" if value is not None else ""
            message = (f"{what} «{owner}»: параметр «{name}» вида проверки «{kind}» — "
                       f"{explain(detail)}{shown}")
            code = "invalid_param"
        issues.append(Issue((*loc, "params", *where), message, code))
    return issues


def _params(rb: Rulebook, schemas: Mapping[str, type[BaseModel]]) -> list[Issue]:
    issues: list[Issue] = []
    for c, crit in enumerate(rb.criteria):
        if crit.kind in schemas:
            issues += params_issues("критерий", crit.id, crit.kind, schemas[crit.kind], crit.params,
                                    ("criteria", c))
    for p, pen in enumerate(rb.penalties):
        if pen.kind in schemas:
            issues += params_issues("штраф", pen.id, pen.kind, schemas[pen.kind], pen.params,
                                    ("penalties", p))
    return issues
