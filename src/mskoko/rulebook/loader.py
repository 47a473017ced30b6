"""Loading, validating and writing rulebook editions (shipped ones by id, others by path)."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from mskoko.errors import MskokoError, Problem, ProblemReport
from mskoko.rulebook.messages import format_loc, validation_messages
from mskoko.rulebook.references import check_references
from mskoko.rulebook.schema import SCHEMA_TYPE, SCHEMA_VERSION, Rulebook
from mskoko.rulebook.yamlio import describe_yaml_error, dump_yaml, line_of, parse_yaml

EDITIONS_DIR = Path(__file__).parent / "editions"
DEFAULT_EDITION = "base-2023"


@dataclass(frozen=True)
class EditionInfo:
    """A shipped edition as listed by ``mskoko rulebook list``."""

    id: str
    title: str
    region: str
    year: int
    path: Path


def edition_paths() -> dict[str, Path]:
    """Shipped editions: file stem (= edition id) → path."""
    return {p.stem: p for p in sorted(EDITIONS_DIR.glob("*.yaml"))}


def resolve_rulebook_path(id_or_path: str | Path) -> Path:
    """The file of a shipped edition id, or the given path; a Russian error when neither exists."""
    text = str(id_or_path)
    path = Path(text).expanduser()
    looks_like_path = isinstance(id_or_path, Path) or path.suffix.lower() in (".yaml", ".yml") \
        or "/" in text or "\\" in text
    if path.is_file():
        return path
    if looks_like_path:
        raise MskokoError(f"Файл правил не найден: {path}. Проверьте путь.")
    editions = edition_paths()
    if text in editions:
        return editions[text]
    known = ", ".join(editions) or "нет"
    raise MskokoError(
        f"Нет встроенной редакции правил «{text}». Встроенные редакции: {known}. "
        "Можно указать путь к своему файлу YAML."
    )


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files edited in Windows tools arrive in cp1251: detect instead of refusing.
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise
        return str(best)


KnownKinds = Collection[str] | Mapping[str, type[BaseModel] | None]


def _kinds_and_schemas(
    known_kinds: KnownKinds | None,
) -> tuple[set[str] | None, dict[str, type[BaseModel]]]:
    """The known kind names and the params models to check criteria and penalties against."""
    if not known_kinds:
        return None, {}
    if isinstance(known_kinds, Mapping):
        return set(known_kinds), {k: s for k, s in known_kinds.items() if s is not None}
    # Names only: the models are the ones those kinds declared at registration.
    from mskoko.rulebook.registry import params_schema  # the registry imports this module

    kinds = set(known_kinds)
    return kinds, {k: s for k in kinds if (s := params_schema(k)) is not None}


def _parse(path: Path, known_kinds: KnownKinds | None) -> tuple[Rulebook | None, list[Problem]]:
    name = str(path)
    try:
        text = _read_text(path)
    except OSError as error:
        return None, [Problem(f"не удалось прочитать файл: {error.strerror or error}", file=name,
                              code="unreadable")]
    except UnicodeDecodeError:
        return None, [Problem("не удалось определить кодировку; сохраните файл в UTF-8", file=name,
                              code="encoding")]
    try:
        data, node = parse_yaml(text)
    except yaml.YAMLError as error:
        message, line, column = describe_yaml_error(error)
        return None, [Problem(message, file=name, line=line,
                              column=str(column) if column else None, code="yaml_syntax")]
    header = _header_problem(data)
    if header is not None:
        code, message, loc = header
        return None, [Problem(message, file=name, line=line_of(node, loc), code=code)]

    try:
        rulebook = Rulebook.model_validate(data)
    except ValidationError as error:
        return None, [
            Problem(message, file=name, line=line_of(node, loc), value=value, code=kind)
            for loc, message, value, kind in validation_messages(error, data)
        ]
    kinds, schemas = _kinds_and_schemas(known_kinds)
    problems = [
        Problem(f"поле {format_loc(issue.loc)}: {issue.message}", file=name,
                line=line_of(node, issue.loc), code=issue.code)
        for issue in check_references(rulebook, kinds, schemas)
    ]
    return rulebook, problems


def _header_problem(data: Any) -> tuple[str, str, tuple[str, ...]] | None:
    """The schema type and version are checked first: another file type is refused outright."""
    expected = f"«schema: {SCHEMA_TYPE}» и «schema_version: {SCHEMA_VERSION}»"
    if not isinstance(data, dict):
        return ("not_a_rulebook",
                f"файл не является правилами МСОКО: ожидается раздел полей, начинающийся с {expected}",
                ())
    schema = data.get("schema")
    if schema is None:
        return ("schema_missing",
                f"нет поля schema: файл правил МСОКО должен начинаться с {expected}", ())
    if schema != SCHEMA_TYPE:
        return ("schema_type",
                f"файл имеет тип «{schema}», а ожидается тип «{SCHEMA_TYPE}» (правила МСОКО); "
                "проверьте, тот ли файл выбран", ("schema",))
    version = data.get("schema_version")
    if version is None:
        return ("schema_version_missing",
                f"нет поля schema_version: укажите «schema_version: {SCHEMA_VERSION}»", ())
    if version != SCHEMA_VERSION or isinstance(version, bool):
        return ("schema_version",
                f"версия схемы правил {version} не поддерживается: эта версия программы читает "
                f"«schema_version: {SCHEMA_VERSION}»; приведите файл к версии {SCHEMA_VERSION} "
                "(образец — встроенная редакция base-2023)", ("schema_version",))
    return None


def validate_file(path: str | Path, known_kinds: KnownKinds | None = None) -> list[Problem]:
    """Every problem of a rulebook file (schema, references, unknown check kinds); [] if sound.

    ``known_kinds`` — the registered kind names (their declared params models are looked up in
    the registry) or a mapping kind → params model; with it, unknown kinds and params that
    do not fit the kind's model are reported too.
    """
    path = Path(path)
    if not path.is_file():
        return [Problem("файл правил не найден", file=str(path), code="not_found")]
    return _parse(path, known_kinds)[1]


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Rulebook:
    rulebook, problems = _parse(Path(path), None)
    if problems or rulebook is None:
        raise ProblemReport(problems, title=f"Правила не приняты ({Path(path).name})")
    return rulebook


def load_rulebook(id_or_path: str | Path = DEFAULT_EDITION) -> Rulebook:
    """A validated rulebook: a shipped edition id (see ``list_editions``) or a YAML path."""
    path = resolve_rulebook_path(id_or_path).resolve()
    stat = path.stat()
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


def list_editions() -> list[EditionInfo]:
    """The shipped editions, each loaded and validated."""
    editions = []
    for edition_id, path in edition_paths().items():
        rb = load_rulebook(path)
        editions.append(EditionInfo(id=edition_id, title=rb.title, region=rb.region, year=rb.year,
                                    path=path))
    return editions


def dump_rulebook(rulebook: Rulebook) -> str:
    """The rulebook as YAML text that loads back to an equal rulebook (comments are not kept)."""
    data = rulebook.model_dump(by_alias=True, mode="python", exclude_defaults=True)
    # schema and schema_version first, as a reader expects them on top.
    ordered = {"schema": data.pop("schema"), "schema_version": data.pop("schema_version"), **data}
    return dump_yaml(ordered)
