"""Benchmark of `mskoko analyze` on a large generated region, against the CSV-read floor.

    .venv/bin/python benchmarks/run.py [--rows 3000000] [--keep DIR]

Generates the region as contract CSV files (streamed), then in separate processes measures
(1) the floor: DuckDB merely reading the same CSV files into tables, (2) the real command
`mskoko analyze` (read_dataset + analyze + write_outputs), and (3) the same path timed phase
by phase in one process. Wall seconds and peak RSS of each process are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mskoko.demo import LargeSummary

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

FLOOR = """
import duckdb, sys
folder = sys.argv[1]
con = duckdb.connect()
for name in ("organizations", "results", "scales"):
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder}/{name}.csv')")
print(con.execute("SELECT count(*) FROM results").fetchone()[0])
"""

PHASES = """
import json, sys, time
started = time.perf_counter()
from mskoko.analytics import analyze, write_outputs
from mskoko.data import read_dataset
from mskoko.rulebook import DEFAULT_EDITION, load_rulebook
imported = time.perf_counter()
dataset = read_dataset(sys.argv[1])
read = time.perf_counter()
result = analyze(dataset, load_rulebook(DEFAULT_EDITION))
analysed = time.perf_counter()
write_outputs(result, dataset, sys.argv[2])
written = time.perf_counter()
print(json.dumps({"import": imported - started, "read": read - imported,
                  "analyze": analysed - read, "write": written - analysed}))
"""

# Runs one command as its only child, so the children's peak RSS is that command's.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "code": done.returncode,
                  "stdout": done.stdout[-2000:], "stderr": done.stderr[-2000:]}))
"""


def measure(command: list[str]) -> dict:
    done = subprocess.run([PYTHON, "-c", MEASURE, *command], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise SystemExit(f"команда завершилась с ошибкой:\n{result['stderr']}")
    return result


def analyze_command(data: Path, out: Path) -> list[str]:
    """The real CLI: `python -m mskoko.cli.main analyze` once the command is registered."""
    from mskoko.cli.main import app

    names = {c.name for c in app.registered_commands}
    if "analyze" in names:
        return [PYTHON, "-m", "mskoko.cli.main", "analyze", str(data), "--out", str(out)]
    runner = "import typer; from mskoko.cli.analyze import analyze; typer.run(analyze)"
    return [PYTHON, "-c", runner, str(data), "--out", str(out)]


def mib(n: float) -> str:
    return f"{n / 2**20:_.0f} MiB".replace("_", " ")


def _existing(data: Path) -> LargeSummary:
    """The summary of a region generated before (``--reuse``): counted with DuckDB."""
    import duckdb

    from mskoko.demo import LargeSummary

    con = duckdb.connect()
    rows = con.execute(f"SELECT count(*) FROM read_csv('{data}/results.csv')").fetchall()[0][0]
    orgs, municipalities = con.execute(
        f"SELECT count(*), count(DISTINCT municipality_id) FROM read_csv('{data}/organizations.csv')"
    ).fetchall()[0]
    return LargeSummary(data, rows, orgs, municipalities)


def main() -> None:
    parser = argparse.ArgumentParser(description="Замер mskoko analyze на большом регионе.")
    parser.add_argument("--rows", type=int, default=3_000_000, help="строк результатов (≈)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="папка для данных и результатов (не удалять)")
    parser.add_argument("--reuse", action="store_true",
                        help="взять уже сгенерированные данные из --keep/data (без генерации)")
    args = parser.parse_args()
    if args.reuse and args.keep is None:
        parser.error("--reuse требует --keep")
    sys.path.insert(0, str(ROOT / "src"))
    from mskoko.demo import generate_large

    work = args.keep or Path(tempfile.mkdtemp(prefix="mskoko-bench-"))
    data, out = work / "data", work / "out"
    started = time.perf_counter()
    summary = _existing(data) if args.reuse else generate_large(data, args.rows, seed=args.seed)
    generated = time.perf_counter() - started
    size = sum(p.stat().st_size for p in data.iterdir())
    made = "Взято готовое" if args.reuse else f"Сгенерировано за {generated:.1f} с"
    print(f"{made}: {summary.rows:_} строк, {summary.organizations} организаций, "
          f"{summary.municipalities} муниципалитетов, {size / 2**20:.0f} MiB CSV "
          f"({data})".replace("_", " "))
    env_note = f"ядер: {os.cpu_count()}, Python {sys.version.split()[0]}"

    floor = measure([PYTHON, "-c", FLOOR, str(data)])
    real = measure(analyze_command(data, out))
    phases_run = measure([PYTHON, "-c", PHASES, str(data), str(work / "out-phases")])
    phases = json.loads(phases_run["stdout"].strip().splitlines()[-1])

    rows = summary.rows
    header = ["строк", "секунд", "строк/с", "пик памяти", "пол (DuckDB читает CSV), с",
              "отношение"]
    line = [f"{rows:_}".replace("_", " "), f"{real['seconds']:.1f}",
            f"{rows / real['seconds']:_.0f}".replace("_", " "), mib(real["peak"]),
            f"{floor['seconds']:.1f}", f"{real['seconds'] / floor['seconds']:.1f}×"]
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    print("| " + " | ".join(line) + " |")
    print()
    print(f"Пол: {floor['seconds']:.1f} с, пик {mib(floor['peak'])}. Этапы в одном процессе "
          f"(пик {mib(phases_run['peak'])}): импорт {phases['import']:.1f} с, чтение и проверка "
          f"(read_dataset) {phases['read']:.1f} с, расчёт (analyze) {phases['analyze']:.1f} с, "
          f"запись файлов и справки {phases['write']:.1f} с. {env_note}.")
    target = real["seconds"] <= 2 * floor["seconds"] and real["peak"] < 3 * 2**30
    print("Цель (не дольше 2× пола и меньше 3 GiB): " + ("достигнута" if target else "не достигнута"))
    if args.keep is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
