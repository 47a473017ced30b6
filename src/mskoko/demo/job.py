"""The product's main job on a demonstration region, end to end.

Generate the region → import it into the workspace → analytics per municipality → the
management cycle and its documents → the automatic check of every document → the experts'
scorecard and the region comparison → demo users for the web application. Everything a
person should look at is written into the output folder; the workspace is what
`mskoko serve` shows afterwards.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEMO_SEED = 2026
DEMO_MUNICIPALITIES = 4
DEMO_SCHOOLS = 40
DEMO_EXPERT = "expert"
# Demo accounts for a local, offline demonstration; a real installation adds its own.
DEMO_USERS = (
    ("specialist", "municipal", "Демо-специалист-2026"),
    ("expert", "expert", "Демо-эксперт-2026"),
    ("admin", "admin", "Демо-админ-2026"),
)
# How complete each neighbouring municipality's document package is (the first is the demo
# municipality itself): varied, so that the region comparison shows differences.
PACKAGE_QUALITY = ("full", "partial", "weak", "partial")

Step = Callable[[str], None]


@dataclass
class DemoOutcome:
    """What the demo made: files by section, the demo municipality, accounts, key figures."""

    out_dir: Path
    municipality_id: str
    municipality_name: str
    files: dict[str, list[Path]] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)
    users: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def add(self, section: str, *paths: Path) -> None:
        self.files.setdefault(section, []).extend(paths)


def _noop(_: str) -> None:
    return None


def run_demo(out_dir: Path | str = "mskoko-demo", *, step: Step = _noop) -> DemoOutcome:
    """Run the whole job; the output folder is rebuilt, the workspace is updated in place."""
    from mskoko import services
    from mskoko.demo.generator import generate, write_contract_files
    from mskoko.rulebook import DEFAULT_EDITION, load_rulebook

    out = Path(out_dir).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rulebook = load_rulebook(DEFAULT_EDITION)

    step("Генерация демонстрационного региона")
    generated = generate(
        DEMO_SEED, municipalities=DEMO_MUNICIPALITIES, schools_per_municipality=DEMO_SCHOOLS
    )
    orgs = generated.dataset.organizations.to_pandas()
    municipalities = (
        orgs.drop_duplicates("municipality_id")[["municipality_id", "municipality_name"]]
        .itertuples(index=False)
    )
    municipalities = [(m.municipality_id, m.municipality_name) for m in municipalities]
    demo_id, demo_name = municipalities[0]
    outcome = DemoOutcome(out, demo_id, demo_name)
    data_dir = out / "data"
    outcome.add("Исходные данные (формат — docs/data-format.md)",
                *write_contract_files(generated.dataset, data_dir))

    step("Проверка и загрузка данных в рабочую область")
    summary = services.import_data(data_dir)
    outcome.facts.append(
        f"Загружено: муниципалитетов — {len(summary.municipalities)}, организаций — "
        f"{summary.organizations}, строк результатов — {summary.result_rows}."
    )

    step("Анализ результатов региона: уровни, признаки необъективности, низкие результаты")
    written = services.analyze_workspace(rulebook=rulebook.id)
    flags_by_municipality: dict[str, Any] = {
        mid: _read_flags(services.analysis_dir(mid) / "flags.csv") for mid, _ in municipalities
    }
    target = out / "analysis"
    target.mkdir()
    demo_files = [p for p in written if p.parent == services.analysis_dir(demo_id)]
    outcome.add(
        "Аналитика демонстрационного муниципалитета",
        *[Path(shutil.copy2(p, target / p.name)) for p in demo_files],
    )
    demo_flags = flags_by_municipality[demo_id]
    counts = demo_flags["flag"].value_counts().to_dict() if len(demo_flags) else {}
    outcome.facts.append(
        "Флаги демонстрационного муниципалитета: "
        f"признаки необъективности — {counts.get('objectivity_risk', 0)}, "
        f"низкие результаты — {counts.get('low_results', 0)}, "
        f"зона риска — {counts.get('risk_zone', 0)}, "
        f"малая выборка — {counts.get('small_sample', 0)}."
    )

    org_names = dict(zip(orgs["org_id"], orgs["name"], strict=True))
    registry = {
        mid: orgs[orgs["municipality_id"] == mid].to_dict("records") for mid, _ in municipalities
    }
    packages = _cycles_and_documents(
        rulebook, municipalities, flags_by_municipality, org_names, registry, out, outcome, step
    )
    _check(rulebook, [out / "analysis" / "report.docx", *packages[demo_id]], out, outcome, step)
    step("Демонстрационные пользователи")
    outcome.users = _demo_users(demo_id)
    year = max(generated.dataset.years())
    _score(rulebook, municipalities, packages, year, out, outcome, step)
    return outcome


def _read_flags(path: Path) -> Any:
    import pandas as pd

    return pd.read_csv(path, dtype={"org_id": str})


def _cycles_and_documents(
    rulebook: Any,
    municipalities: list[tuple[str, str]],
    flags: dict[str, Any],
    org_names: dict[str, str],
    registry: dict[str, list[dict[str, Any]]],
    out: Path,
    outcome: DemoOutcome,
    step: Step,
) -> dict[str, list[Path]]:
    """Build and store each municipality's cycle; render its documents; return them."""
    from mskoko.cycle.demo import build_demo_cycle
    from mskoko.documents.render import render_all
    from mskoko.web.bootstrap import setup_django

    setup_django()
    from mskoko.web.cycle.repository import DjangoCycleRepository

    repository = DjangoCycleRepository()
    packages: dict[str, list[Path]] = {}
    for (mid, name), quality in zip(municipalities, PACKAGE_QUALITY, strict=False):
        step(f"Дорожная карта и документы: {name}")
        cycle = build_demo_cycle(
            mid, name, rulebook, flags=flags[mid], org_names=org_names, completeness=quality,
            registry=registry[mid],
        )
        repository.save(cycle)
        folder = out / "documents" if quality == "full" else out / "region" / mid / "documents"
        packages[mid] = render_all(cycle, rulebook, folder)
        if quality == "full":
            outcome.add("Документы демонстрационного муниципалитета", *packages[mid])
    return packages


def _check(
    rulebook: Any, documents: list[Path], out: Path, outcome: DemoOutcome, step: Step
) -> None:
    """Self-check the demo municipality's package against the rulebook, as an expert would."""
    from mskoko.documents.check import check_documents

    step("Самопроверка документов по критериям")
    report = check_documents(documents, rulebook)
    path = out / "check.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    outcome.add("Самопроверка пакета документов", path)
    for document in report["documents"]:
        penalties = sum(p["points"] for p in document["penalties"])
        outcome.facts.append(
            f"Проверка «{document['file']}»: {_num(document['points'])} из "
            f"{_num(document['max_points'])}" + (f", штраф {_num(penalties)}" if penalties else "")
        )


def _score(
    rulebook: Any,
    municipalities: list[tuple[str, str]],
    packages: dict[str, list[Path]],
    year: int,
    out: Path,
    outcome: DemoOutcome,
    step: Step,
) -> None:
    """Proposals from the check, accepted by the demo expert; scorecard and region table."""
    from mskoko.evaluation import (
        accept_proposals,
        export_region_xlsx,
        export_scorecard_xlsx,
        municipality_result,
        region_results,
        region_table,
        render_heatmap,
        render_profile,
        store_proposals,
    )
    from mskoko.evaluation.proposals import propose_from_files
    from mskoko.web.scoring.repository import DjangoScoreRepository

    repo = DjangoScoreRepository()
    period = repo.period(year)
    if period.locked:
        from mskoko.evaluation import lock_period

        lock_period(repo, year, "demo", locked=False)
    for mid, name in municipalities:
        step(f"Оценивание: {name}")
        proposals = propose_from_files(rulebook, packages[mid], mid, year)
        store_proposals(repo, rulebook, proposals.proposals)
        accept_proposals(repo, rulebook, mid, year, DEMO_EXPERT, overwrite=True)
    demo_id = outcome.municipality_id
    score = municipality_result(repo, rulebook, demo_id, year)
    scorecard = out / "scorecard"
    scorecard.mkdir()
    files = [
        export_scorecard_xlsx(score, scorecard / "scorecard.xlsx", None),
        render_profile(score, scorecard / "profile.png"),
    ]
    region = region_results(repo, rulebook, year)
    table = region_table(rulebook, region)
    files.append(render_heatmap(table, scorecard / "region-heatmap.png"))
    files.append(export_region_xlsx(table, scorecard / "region.xlsx", region))
    outcome.add("Оценка: карта баллов и сравнение муниципалитетов", *[Path(f) for f in files])
    outcome.facts.append(
        f"Итог демонстрационного муниципалитета: {_num(score.total)} из {_num(score.maximum)}, "
        f"индекс {score.index} %."
    )


def _demo_users(municipality_id: str) -> list[tuple[str, str, str, str | None]]:
    from django.contrib.auth import get_user_model

    from mskoko.web.accounts.users import create_user

    made = []
    existing = get_user_model().objects
    for login, role, password in DEMO_USERS:
        municipality = municipality_id if role == "municipal" else None
        if not existing.filter(username=login).exists():
            create_user(login, role=role, password=password, municipality_id=municipality)
        else:
            user = existing.get(username=login)
            user.set_password(password)
            user.save(update_fields=["password"])
        made.append((login, role, password, municipality))
    return made


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")
