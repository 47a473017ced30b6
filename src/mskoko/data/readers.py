"""Reading DATA (a folder or a .zip of one) into a validated :class:`Dataset`."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import duckdb

from mskoko.data import aliases
from mskoko.data.dataset import Dataset
from mskoko.data.marks import fill_marks
from mskoko.data.sources import Source, open_csv, open_xlsx
from mskoko.data.specs import FILE_SPECS
from mskoko.data.validate import ImportProblemReport, validate_sources
from mskoko.errors import Problem

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_LEGACY_SUFFIXES = (".xls", ".ods", ".xlsb")
# Windows Explorer writes names of zip members in the OEM code page, without the UTF-8 flag.
_ZIP_LEGACY_NAME_ENCODING = "cp866"
_ZIP_UTF8_FLAG = 0x800


def read_dataset(path: Path | str, *, max_problems: int | None = None) -> Dataset:
    """Read and validate DATA; raise :class:`~mskoko.errors.ProblemReport` listing every problem.

    ``max_problems`` bounds the problems listed (default 1000); the report still counts all.
    """
    data = Path(path)
    with tempfile.TemporaryDirectory(prefix="mskoko-import-") as temp:
        workdir = Path(temp)
        folder, problems = open_folder(data, workdir)
        if folder is None:
            raise ImportProblemReport(problems=problems, total=len(problems))
        files, found = find_files(folder)
        problems += found
        sources: list[Source] = []
        for kind, file in files.items():
            label = file.relative_to(folder).as_posix()
            spec = FILE_SPECS[kind]
            if file.suffix.lower() == ".xlsx":
                sources.append(open_xlsx(file, spec, label))
            else:
                sources.append(open_csv(file, spec, label, workdir))
        con = duckdb.connect()
        try:
            tables = validate_sources(con, sources, problems, max_problems)
            scales = tables.get("scales")
            results = fill_marks(con, tables["results"], scales)
        finally:
            con.close()
    return Dataset(organizations=tables["organizations"], results=results, scales=scales)


def open_folder(data: Path, workdir: Path) -> tuple[Path | None, list[Problem]]:
    """The folder holding the files: DATA itself, or a .zip extracted into ``workdir``."""
    if not data.exists():
        return None, [Problem(f"папка или архив не найдены: {data}", code="not_found")]
    if data.is_dir():
        return data, []
    if not zipfile.is_zipfile(data):
        return None, [
            Problem(
                "ожидается папка с файлами или .zip-архив с ними (organizations, results, scales)",
                file=data.name,
                code="not_a_folder",
            )
        ]
    target = workdir / "data"
    target.mkdir()
    try:
        with zipfile.ZipFile(data) as archive:
            for member in archive.infolist():
                name = _member_name(member)
                relative = Path(*[part for part in Path(name).parts if part not in ("", ".", "..", "/")])
                if member.is_dir() or not relative.parts or _hidden(relative):
                    continue
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, destination.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        return None, [Problem(f"архив не читается: {exc}", file=data.name, code="bad_zip")]
    return target, []


def find_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """The contract files in ``folder`` (or in its only subfolder), by kind."""
    candidates = _candidates(folder)
    if not candidates:
        subfolders = [p for p in folder.iterdir() if p.is_dir() and not _hidden(Path(p.name))]
        if len(subfolders) == 1:
            candidates = _candidates(subfolders[0])
    problems: list[Problem] = []
    by_kind: dict[str, list[Path]] = {}
    legacy: set[str] = set()
    for kind, path in candidates:
        if path.suffix.lower() in _LEGACY_SUFFIXES:
            legacy.add(kind)
            problems.append(
                Problem(
                    f"формат {path.suffix} не поддерживается: сохраните файл как .xlsx или CSV",
                    file=path.relative_to(folder).as_posix(),
                    code="unsupported_format",
                )
            )
            continue
        by_kind.setdefault(kind, []).append(path)
    files: dict[str, Path] = {}
    for kind, spec in FILE_SPECS.items():
        paths = sorted(by_kind.get(kind, []))
        if len(paths) > 1:
            names = ", ".join(p.relative_to(folder).as_posix() for p in paths)
            problems.append(
                Problem(f"несколько файлов для «{kind}»: {names} — оставьте один", code="duplicate_file")
            )
        elif paths:
            files[kind] = paths[0]
        elif spec.required and kind not in legacy:
            russian = "», «".join(s for s in aliases.FILE_STEMS[kind] if not s.isascii())
            problems.append(
                Problem(
                    f"нет обязательного файла {kind}.csv или {kind}.xlsx (можно назвать «{russian}»)",
                    code="missing_file",
                )
            )
    return files, problems


def _candidates(folder: Path) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or _hidden(Path(path.name)):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES + _LEGACY_SUFFIXES:
            continue
        kind = aliases.file_kind(path.stem)
        if kind is not None:
            found.append((kind, path))
    return found


def _hidden(relative: Path) -> bool:
    # Dot files, macOS resource forks and Excel's "~$" lock files are never data.
    return any(part.startswith((".", "~$")) or part == "__MACOSX" for part in relative.parts)


def _member_name(member: zipfile.ZipInfo) -> str:
    if member.flag_bits & _ZIP_UTF8_FLAG:
        return member.filename
    raw = member.filename.encode("cp437")  # how zipfile decoded the flagless name
    try:
        return raw.decode("utf-8")  # macOS and Linux tools write UTF-8 without the flag
    except UnicodeDecodeError:
        return raw.decode(_ZIP_LEGACY_NAME_ENCODING)
