"""The rulebook: the methodology as versioned YAML data (editions/*.yaml), validated by pydantic.

Core entry points: :func:`load_rulebook`, :func:`list_editions`, :func:`validate_file`;
the check-kind registry is :mod:`mskoko.rulebook.registry`, the scoring model
:mod:`mskoko.rulebook.scoring`.
"""

from mskoko.rulebook.loader import (
    DEFAULT_EDITION,
    EditionInfo,
    dump_rulebook,
    edition_paths,
    list_editions,
    load_rulebook,
    resolve_rulebook_path,
    validate_file,
)
from mskoko.rulebook.schema import (
    SCHEMA_TYPE,
    SCHEMA_VERSION,
    AnalyticsSetting,
    Catalogue,
    Criterion,
    CycleComponent,
    DocumentKind,
    Element,
    EvaluationParameter,
    ExampleMeasure,
    Function,
    Mechanism,
    Penalty,
    RegionalDocument,
    Rulebook,
    System,
    Track,
)

__all__ = [
    "DEFAULT_EDITION",
    "SCHEMA_TYPE",
    "SCHEMA_VERSION",
    "AnalyticsSetting",
    "Catalogue",
    "Criterion",
    "CycleComponent",
    "DocumentKind",
    "EditionInfo",
    "Element",
    "EvaluationParameter",
    "ExampleMeasure",
    "Function",
    "Mechanism",
    "Penalty",
    "RegionalDocument",
    "Rulebook",
    "System",
    "Track",
    "dump_rulebook",
    "edition_paths",
    "list_editions",
    "load_rulebook",
    "resolve_rulebook_path",
    "validate_file",
]
