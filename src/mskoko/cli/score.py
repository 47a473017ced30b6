"""`mskoko score …`: expert scoring — proposals, scores, penalties, results, the region
comparison, period settings and the lock, offline scoresheets. Thin: every command opens
the workspace, calls one function of ``mskoko.evaluation`` and prints the outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mskoko.cli.common import out, user_errors

app = typer.Typer(
    name="score",
    help="Экспертное оценивание: предложения проверки, баллы, итоги, индекс, сравнение.",
    no_args_is_help=True,
    add_completion=False,
)

Municipality = Annotated[str, typer.Option("--municipality", "-m", help="Код муниципалитета.")]
Year = Annotated[int, typer.Option("--year", "-y", help="Год оценивания.")]
Expert = Annotated[str, typer.Option("--expert", "-e", help="Логин эксперта.")]
Rulebook = Annotated[str | None, typer.Option(
    "--rulebook", help="Редакция методики (id или путь к YAML); по умолчанию — редакция "
    "периода, заданная «score period», иначе встроенная.")]


def _workspace(actor_login: str | None = None) -> Any:
    from mskoko.web.bootstrap import setup_django

    setup_django()
    from mskoko.web.scoring.repository import DjangoScoreRepository

    actor = None
    if actor_login:
        from django.contrib.auth import get_user_model

        from mskoko.evaluation.errors import ScoringError

        actor = get_user_model().objects.filter(username=actor_login).first()
        if actor is None:
            raise ScoringError(f"Пользователь «{actor_login}» не найден.")
    return DjangoScoreRepository(actor=actor)


def _rulebook(repo: Any, year: int, override: str | None) -> Any:
    from mskoko.rulebook import loader

    chosen = override or repo.period(year).rulebook_id
    return loader.load_rulebook(chosen) if chosen else loader.load_rulebook()


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}".replace("-", "−")


@app.command("propose")
def propose_command(
    files: Annotated[list[Path], typer.Argument(help="Документы муниципалитета (DOCX, PDF, TXT).")],
    municipality: Municipality,
    year: Year,
    track: Annotated[str | None, typer.Option(
        "--track", help="Трек, к которому относятся все документы; без него трек "
        "определяется по названию трека или системы в тексте документа.")] = None,
    rulebook: Rulebook = None,
) -> None:
    """Проверить документы и сохранить предложения баллов (это подсказка, не итог)."""
    from rich.table import Table

    from mskoko.evaluation.proposals import propose_from_files
    from mskoko.evaluation.workflow import store_proposals

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        result = propose_from_files(rb, files, municipality, year, track=track)
        store_proposals(repo, rb, result.proposals)
    for note in result.notes:
        out.print(f"• {note}", highlight=False)
    table = Table(title=f"Предложения автоматической проверки: {municipality}, {year}")
    for column in ("Трек", "Критерий / штраф", "Предложено", "Максимум", "Статус"):
        table.add_column(column)
    for p in result.proposals:
        table.add_row(p.track_id or "—", p.criterion_id, _num(p.points), _num(p.max_points),
                      p.status)
    out.print(table)
    out.print(
        f"Сохранено предложений: {len(result.proposals)}. Они не входят в итог, пока эксперт "
        f"их не примет: mskoko score accept -m {municipality} -y {year} --expert ЛОГИН"
    )


@app.command("set")
def set_command(
    municipality: Municipality,
    year: Year,
    expert: Expert,
    track: Annotated[str, typer.Option("--track", "-t", help="Трек, например 1.2.1.")],
    criterion: Annotated[str, typer.Option("--criterion", "-c", help="Код критерия.")],
    points: Annotated[float, typer.Option("--points", "-p", help="Балл: от 0 до максимума.")],
    comment: Annotated[str, typer.Option(
        "--comment", help="Комментарий эксперта (обоснование).")] = "",
    rulebook: Rulebook = None,
) -> None:
    """Выставить балл эксперта по критерию трека (повторный ввод заменяет балл)."""
    from mskoko.evaluation.model import ExpertScore
    from mskoko.evaluation.workflow import save_entries

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        save_entries(repo, rb, [ExpertScore(municipality, year, track, criterion, points,
                                            expert, comment)])
    out.print(f"Балл сохранён: {municipality}, {year}, трек {track}, «{criterion}» — "
              f"{_num(points)} (эксперт {expert}).", highlight=False)


@app.command("penalty")
def penalty_command(
    municipality: Municipality,
    year: Year,
    expert: Expert,
    rule: Annotated[str, typer.Option(
        "--rule", "-r", help="Код штрафа, например "
        "average_score_ranking.")],
    points: Annotated[float, typer.Option("--points", "-p", help="Отрицательное число баллов.")],
    track: Annotated[str, typer.Option(
        "--track", "-t", help="Трек документа (пусто — "
        "муниципалитет в целом).")] = "",
    comment: Annotated[str, typer.Option(
        "--comment", help="Комментарий эксперта (обоснование).")] = "",
    rulebook: Rulebook = None,
) -> None:
    """Назначить штраф (отрицательные баллы) по правилу методики."""
    from mskoko.evaluation.model import ExpertPenalty
    from mskoko.evaluation.workflow import save_entries

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        save_entries(repo, rb, (), [ExpertPenalty(municipality, year, track, rule, points,
                                                  expert, comment)])
    out.print(f"Штраф сохранён: {municipality}, {year}, «{rule}» — {_num(points)} "
              f"(эксперт {expert}).", highlight=False)


@app.command("unset")
def unset_command(
    municipality: Municipality,
    year: Year,
    expert: Expert,
    track: Annotated[str, typer.Option("--track", "-t", help="Трек.")] = "",
    criterion: Annotated[str | None, typer.Option(
        "--criterion", "-c", help="Код критерия.")] = None,
    rule: Annotated[str | None, typer.Option("--rule", "-r", help="Код штрафа.")] = None,
) -> None:
    """Снять балл (--criterion) или штраф (--rule) эксперта."""
    from mskoko.evaluation.errors import ScoringError
    from mskoko.evaluation.workflow import remove_entry

    with user_errors():
        if (criterion is None) == (rule is None):
            raise ScoringError("Укажите ровно одно: --criterion (балл) или --rule (штраф).")
        repo = _workspace()
        remove_entry(repo, municipality, year, expert, track, criterion or rule or "",
                     penalty=rule is not None)
    out.print("Снято.")


@app.command("accept")
def accept_command(
    municipality: Municipality,
    year: Year,
    expert: Annotated[str, typer.Option(
        "--expert", "-e", help="Логин эксперта, который принимает предложения как свои баллы.")],
    track: Annotated[list[str] | None, typer.Option(
        "--track", "-t", help="Только эти треки (можно повторять).")] = None,
    criterion: Annotated[list[str] | None, typer.Option(
        "--criterion", "-c", help="Только эти критерии/штрафы (можно повторять).")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Заменить уже выставленные экспертом баллы.")] = False,
    rulebook: Rulebook = None,
) -> None:
    """Принять предложения автоматической проверки как баллы эксперта."""
    from mskoko.evaluation.workflow import accept_proposals

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        done = accept_proposals(repo, rb, municipality, year, expert, tracks=track or (),
                                criteria=criterion or (), overwrite=overwrite)
    out.print(f"Принято баллов: {len(done.scores)}, штрафов: {len(done.penalties)} "
              f"(эксперт {expert}).", highlight=False)
    if done.kept:
        out.print("Оставлены баллы, уже выставленные экспертом (--overwrite, чтобы заменить): "
                  + ", ".join(f"{t}/{c}" for t, c in done.kept), highlight=False)


@app.command("show")
def show_command(
    municipality: Municipality,
    year: Year,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Папка для оценочного "
        "листа XLSX и диаграммы профиля PNG.")] = None,
    rulebook: Rulebook = None,
) -> None:
    """Итоги муниципалитета: баллы, максимум, индекс, профиль, штрафы, динамика, согласие."""
    from mskoko.evaluation.workflow import change_from_previous, municipality_result

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        result = municipality_result(repo, rb, municipality, year)
        change = change_from_previous(repo, lambda y: _rulebook(repo, y, None), result)
        files: list[Path] = []
        if out_dir is not None:
            from mskoko.evaluation.charts import render_profile
            from mskoko.evaluation.export import export_scorecard_xlsx

            out_dir.mkdir(parents=True, exist_ok=True)
            stem = f"оценка-{municipality}-{year}"
            files = [export_scorecard_xlsx(result, out_dir / f"{stem}.xlsx", change),
                     render_profile(result, out_dir / f"{stem}-профиль.png")]
    _print_result(result, change)
    for f in files:
        out.print(f"Записано: {f}", highlight=False)


def _print_result(result: Any, change: Any) -> None:
    from rich.table import Table

    from mskoko.evaluation.model import COMBINE_LABELS_RU

    index = "—" if result.index is None else f"{result.index} %"
    out.print(f"[bold]{result.label}[/] ({result.municipality_id}), {result.year} год — "
              f"методика {result.rulebook_id}", highlight=False)
    out.print(f"Итог: [bold]{_num(result.total)} из {_num(result.maximum)}[/], индекс "
              f"[bold]{index}[/]; штрафы: {_num(result.penalties_total)}.", highlight=False)
    if change is not None:
        out.print(change.describe_ru(), highlight=False)
    profile = Table(title="Профиль по системам")
    columns = ["Система", "Наименование", "Баллы", "Максимум", "Индекс"]
    for column in columns + (["Изменение, п. п."] if change else []):
        profile.add_column(column)
    for s in result.systems:
        row = [s.system_id, s.title, _num(s.total), _num(s.maximum),
               "—" if s.index is None else f"{s.index} %"]
        if change:
            delta = change.systems_delta_pp.get(s.system_id)
            row.append("—" if delta is None else f"{delta:+d}")
        profile.add_row(*row)
    out.print(profile)
    items = Table(title=f"Критерии (итоговый балл: {COMBINE_LABELS_RU[result.combine]})")
    for column in ("Трек", "Критерий", "Макс.", "Итог", "Эксперты", "Проверка"):
        items.add_column(column)
    for i in result.items:
        experts = "; ".join(f"{e}: {_num(p)}" for e, p in sorted(i.by_expert.items()))
        items.add_row(i.track_id, i.title, _num(i.max_points), _num(i.final), experts or "—",
                      _num(i.proposal))
    out.print(items)
    if result.penalties:
        pens = Table(title="Штрафы")
        for column in ("Трек", "Правило", "Баллы", "Эксперты"):
            pens.add_column(column)
        for p in result.penalties:
            pens.add_row(p.track_id or "весь муниципалитет", p.title, _num(p.points),
                         "; ".join(f"{e}: {_num(v)}" for e, v in sorted(p.by_expert.items())))
        out.print(pens)
    rep = result.agreement
    out.print(f"Согласованность экспертов: {rep.verdict_ru()}", highlight=False)
    if rep.items_compared:
        out.print(f"  совпадение: {rep.exact_share:.0%}; среднее расхождение: "
                  f"{rep.mean_abs_difference:.2f} балла; критериев сравнено: "
                  f"{rep.items_compared}", highlight=False)
    if result.unscored:
        out.print(f"Не оценено критериев: {len(result.unscored)} (в итог входят как 0).",
                  highlight=False)


@app.command("region")
def region_command(
    year: Year,
    out_dir: Annotated[Path, typer.Option(
        "--out", "-o", help="Папка для "
        "тепловой карты PNG и таблицы XLSX.")] = Path("mskoko-out"),
    rulebook: Rulebook = None,
) -> None:
    """Сравнение всех муниципалитетов: индекс по системам, место, тепловая карта, XLSX."""
    from rich.table import Table

    from mskoko.evaluation.charts import render_heatmap
    from mskoko.evaluation.export import export_region_xlsx
    from mskoko.evaluation.region import region_table, system_columns
    from mskoko.evaluation.workflow import region_results

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        results = region_results(repo, rb, year)
        table = region_table(rb, results)
        out_dir.mkdir(parents=True, exist_ok=True)
        png = render_heatmap(table, out_dir / f"сравнение-{year}.png")
        xlsx = export_region_xlsx(table, out_dir / f"сравнение-{year}.xlsx", results)
    systems = system_columns(table)
    shown = Table(title=f"Сравнение муниципалитетов, {year} год (индекс, %)")
    for column in ("Место", "Муниципалитет", *systems, "Баллы", "Максимум", "Индекс"):
        shown.add_column(column)
    for row in table.to_dict("records"):
        shown.add_row(
            "—" if row["rank"] is None or row["rank"] != row["rank"] else str(row["rank"]),
            str(row["municipality"]),
            *[_pct(row[sid]) for sid in systems],
            _num(row["total"]), _num(row["maximum"]), _pct(row["index"]),
        )
    out.print(shown)
    out.print(f"Записано: {png}\nЗаписано: {xlsx}", highlight=False)


def _pct(value: Any) -> str:
    return "—" if value is None or value != value else f"{value:.0f}"


@app.command("period")
def period_command(
    year: Year,
    rulebook: Annotated[str | None, typer.Option(
        "--rulebook", help="Редакция методики "
        "периода (id или путь к YAML).")] = None,
    combine: Annotated[str | None, typer.Option(
        "--combine", help="Итоговый балл критерия при "
        "нескольких экспертах: median, mean или chief.")] = None,
    chief: Annotated[str | None, typer.Option("--chief", help="Логин ведущего эксперта.")] = None,
) -> None:
    """Настройки периода: редакция методики и правило объединения оценок экспертов."""
    from mskoko.evaluation.errors import ScoringError
    from mskoko.evaluation.model import COMBINE_LABELS_RU, CombineRule
    from mskoko.evaluation.workflow import configure_period

    with user_errors():
        rule = None
        if combine is not None:
            try:
                rule = CombineRule(combine)
            except ValueError:
                raise ScoringError(
                    f"Неизвестное правило «{combine}»: допустимы "
                    + ", ".join(r.value for r in CombineRule) + "."
                ) from None
        repo = _workspace()
        if rulebook:
            from mskoko.rulebook.loader import load_rulebook

            load_rulebook(rulebook)  # refuse an unreadable edition before storing its name
        period = configure_period(repo, year, rulebook_id=rulebook, combine=rule,
                                  chief_expert=chief)
    out.print(f"Период {period.year}: методика «{period.rulebook_id or 'по умолчанию'}», "
              f"итоговый балл — {COMBINE_LABELS_RU[period.combine]}"
              + (f", ведущий эксперт {period.chief_expert}" if period.chief_expert else "")
              + (". Период закрыт." if period.locked else "."), highlight=False)


@app.command("lock")
def lock_command(
    year: Year,
    unlock: Annotated[bool, typer.Option("--unlock", help="Открыть закрытый период.")] = False,
    by: Annotated[str | None, typer.Option(
        "--by", help="Логин того, кто закрывает период.")] = None,
) -> None:
    """Закрыть период оценивания: после этого баллы и предложения не меняются."""
    from mskoko.evaluation.workflow import lock_period

    with user_errors():
        repo = _workspace(by)
        period = lock_period(repo, year, by, locked=not unlock)
    out.print(f"Период {year} " + ("закрыт: изменения баллов запрещены." if period.locked
                                   else "открыт для изменений."))


@app.command("export")
def export_command(
    municipality: Municipality,
    year: Year,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="Файл .xlsx или .csv.")],
    expert: Annotated[str, typer.Option(
        "--expert", "-e", help="Логин эксперта: его прежние "
        "баллы будут заполнены в листе.")] = "",
    rulebook: Rulebook = None,
) -> None:
    """Выгрузить оценочный лист для работы без сети (баллы, предложения, обоснования)."""
    from mskoko.evaluation.scoresheet import write_scoresheet

    with user_errors():
        repo = _workspace()
        rb = _rulebook(repo, year, rulebook)
        if municipality not in repo.municipalities():
            from mskoko.evaluation.errors import ScoringError

            raise ScoringError(f"Муниципалитет «{municipality}» не найден в рабочей области.")
        path = write_scoresheet(
            rb, out_file, municipality, year, expert=expert,
            scores=repo.scores(year, municipality), penalties=repo.penalties(year, municipality),
            proposals=repo.proposals(year, municipality))
    out.print(f"Записано: {path}. Заполните столбцы «Балл» и «Комментарий», затем: "
              f"mskoko score import {path.name}" + (f" --expert {expert}" if expert else ""),
              highlight=False)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Заполненный оценочный лист (.xlsx или .csv).")],
    expert: Annotated[str | None, typer.Option(
        "--expert", "-e", help="Логин эксперта (если "
        "в листе не заполнен столбец «Эксперт»).")] = None,
    rulebook: Rulebook = None,
) -> None:
    """Загрузить заполненный оценочный лист: всё или ничего."""
    from mskoko.evaluation.errors import ScoringError
    from mskoko.evaluation.scoresheet import read_scoresheet
    from mskoko.evaluation.workflow import save_entries

    with user_errors():
        entries = read_scoresheet(file, expert=expert)
        years = sorted({s.year for s in entries.scores} | {p.year for p in entries.penalties})
        if len(years) != 1:
            raise ScoringError("В одном оценочном листе — баллы одного года, а в этом: "
                               + ", ".join(map(str, years)) + ".")
        repo = _workspace()
        save_entries(repo, _rulebook(repo, years[0], rulebook), entries.scores,
                     entries.penalties, where=file.name, lines=entries.lines)
    out.print(f"Загружено баллов: {len(entries.scores)}, штрафов: {len(entries.penalties)}.")
