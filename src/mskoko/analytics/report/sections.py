"""The three parts of the аналитическая справка (seed 000): specifics, analysis, measures."""

from __future__ import annotations

from typing import Any

import pandas as pd

from mskoko.analytics.context import SIZE_BAND_RU, SOCIAL_BAND_RU
from mskoko.analytics.objectivity import SIGN_TITLE_RU
from mskoko.analytics.report import charts
from mskoko.analytics.report.data import (
    ReportData,
    dynamics_rows,
    group_rows,
    level_rows,
    level_shares,
    low_points,
    objectivity_points,
)
from mskoko.analytics.report.docx_kit import ReportDocument
from mskoko.analytics.wording import NBSP, number, percent, plural, points, procedure_ru

DOC_TYPE_RU = {"order": "приказ", "letter": "письмо", "resolution": "постановление",
               "project_passport": "паспорт проекта", "other": "документ"}
LIST_LIMIT = 40  # longer lists stay in flags.csv


def _schools(n: int) -> str:
    return plural(n, "организация", "организации", "организаций")


def _of_schools(n: int) -> str:
    """Genitive after «у», «для», «из»: у 1 организации, у 3 организаций."""
    return plural(n, "организации", "организаций", "организаций")


def specifics(doc: ReportDocument, data: ReportData) -> None:
    ctx = data.result.context
    schools = data.schools
    others = ctx[ctx["org_type"] != "school"]
    doc.heading("1. Специфика муниципалитета")
    urban = int((schools["settlement"] == "urban").sum())
    rural = int((schools["settlement"] == "rural").sum())
    students = int(schools["students"].fillna(0).sum())
    adverse = schools[schools["adverse"]]
    small = schools[schools["size_band"] == SIZE_BAND_RU[0]]
    doc.para(
        f"В реестре {_schools(len(schools))} общего образования: городских — {urban}, сельских — "
        f"{rural}; в них обучаются {plural(students, 'человек', 'человека', 'человек')}. "
        f"Других организаций в реестре (дошкольных, дополнительного образования) — {len(others)}. "
        f"Малочисленных школ (менее {data.result.settings.size_bands[0]} обучающихся) — "
        f"{len(small)}; в неблагоприятных социальных условиях (социальный индекс не ниже "
        f"{number(data.result.settings.adverse_social_index, 2)}) работают {len(adverse)}."
    )
    doc.para(
        "Школы сравниваются только со школами в сходных условиях: по типу поселения, "
        "социальному индексу и численности. Анализ ведётся по долям обучающихся на уровнях "
        "подготовки и по их распределению, с проверкой объективности результатов."
    )
    table = schools.groupby(["settlement_ru", "social_band"]).agg(
        count=("org_id", "size"), students=("students", "sum"),
        small=("size_band", lambda s: int((s == SIZE_BAND_RU[0]).sum())))
    order = {band: i for i, band in enumerate(SOCIAL_BAND_RU)}
    rows = sorted(table.itertuples(), key=lambda r: (r.Index[0], order.get(r.Index[1], 9)))
    doc.table("Общеобразовательные организации по условиям функционирования",
              ["Тип поселения", "Социальные условия", "ОО", "Обучающихся", "Из них малочисленных"],
              [[r.Index[0], r.Index[1], r.count, int(r.students or 0), r.small] for r in rows],
              [3.5, 4.5, 2, 3, 3])
    participation = data.result.indicators.groupby(["procedure", "year"])["participants"].sum()
    procedures = sorted({p for p, _ in participation.index},
                        key=lambda p: (p not in ("VPR", "OGE", "EGE"), p))
    doc.table("Число результатов участников оценочных процедур",
              ["Процедура", *[str(y) for y in data.years]],
              [[procedure_ru(p), *[str(int(participation.get((p, y), 0))) for y in data.years]]
               for p in procedures])


def objectivity(doc: ReportDocument, data: ReportData) -> None:
    s = data.result.settings
    doc.heading("2. Анализ результатов")
    doc.heading("2.1. Подтверждение объективности результатов", 2)
    doc.para(
        "Прежде чем интерпретировать уровни подготовки, проверено, объективны ли результаты. "
        "Признаки необъективности, принятые в федеральной практике: " + "; ".join(
            f"«{title}»" for title in SIGN_TITLE_RU.values()) + ". Каждый признак "
        "сравнивает школу с остальными школами и со школами в сходных условиях (для "
        "расхождения отметок — со школами того же уровня по ОГЭ и ЕГЭ) с учётом числа "
        "участников и обычного разброса между школами (z-оценка). Отметка ставится, если два "
        f"признака разной природы вместе дают не меньше {number(s.objectivity_combined_z)} "
        f"(каждый не ниже {number(s.objectivity_support_z)}), либо один из признаков "
        f"«скопление баллов» или «не подтверждено» сильнее {number(s.objectivity_strong_sign_z)}. "
        f"При числе участников меньше {s.min_participants_judgement} выводы не делаются.")
    for year in data.years:
        flagged = data.flagged("objectivity_risk", year)
        judged = data.result.school_years
        judged = judged[(judged["year"] == year) & judged["judged"]]
        rest = len(judged) - len(flagged)
        if flagged.empty:
            doc.para(f"{year}{NBSP}г.: признаков необъективности не выявлено; результаты "
                     f"{_schools(len(judged))} интерпретируются как объективные.")
            continue
        names = ", ".join(data.name(o) for o in flagged["org_id"][:LIST_LIMIT])
        doc.para(f"{year}{NBSP}г.: признаки необъективности выявлены у "
                 f"{_of_schools(len(flagged))} ({names}). Результаты остальных {rest} "
                 "интерпретируются как объективные; результаты процедур с признаками "
                 "необъективности в анализ уровней ниже не включены.")
    flagged = data.flagged("objectivity_risk").sort_values(["year", "severity"],
                                                           ascending=[True, False])
    if len(flagged):
        at_risk = data.result.procedures_at_risk
        rows = []
        for r in flagged.head(LIST_LIMIT).itertuples():
            part = at_risk[(at_risk["org_id"] == r.org_id) & (at_risk["year"] == r.year)
                           & at_risk["at_risk"]]
            signs = "; ".join(
                f"{procedure_ru(p.procedure)}: " + ", ".join(
                    _short_sign(x) for x in p.signs.split(","))
                for p in part.itertuples())
            rows.append([f"{data.numbers.get(r.org_id, '')}", data.name(r.org_id), str(r.year),
                         signs, number(r.severity, 2)])
        doc.table("Организации с признаками необъективности результатов",
                  ["№ на рис.", "Организация", "Год", "Признаки", "Степень"], rows,
                  [1.5, 5, 1.3, 6.5, 1.7])
    points_frame = objectivity_points(data, data.last_year)
    if len(points_frame) >= 3:
        doc.figure(charts.objectivity_map(points_frame, s.objectivity_support_z,
                                          s.objectivity_combined_z),
                   f"Школы по двум независимым источникам признаков необъективности, "
                   f"{data.last_year}{NBSP}г. (номера — как в таблице)")


def _short_sign(code: str) -> str:
    return {"mark_gap": "отметки выше школьных", "cut_heaping": "скопление баллов у границы",
            "cohort_not_confirmed": "не подтверждено когортой",
            "level_not_confirmed": "не подтверждено ОГЭ/ЕГЭ", "leap": "скачок"}.get(code, code)


def levels(doc: ReportDocument, data: ReportData) -> None:
    doc.heading("2.2. Уровни подготовки обучающихся", 2)
    s = data.result.settings
    doc.para(
        f"Показаны доли обучающихся ниже базового уровня (отметка «{s.below_basic_mark}», "
        f"по ЕГЭ — ниже минимального балла) и на высоком уровне (отметка "
        f"«{s.high_level_min_mark}», по ЕГЭ — {plural(s.ege_high_test_score, 'балл', 'балла', 'баллов')} и выше) по "
        "результатам, объективность которых не вызывает сомнений.")
    rows = level_rows(data, data.last_year)
    if rows.empty:
        return
    legend = ["ниже базового", "«3» / базовый", "«4»", "высокий"]
    for procedure, part in rows.groupby("procedure", sort=False):
        part = part.head(14)
        doc.figure(charts.level_bars(level_shares(part).reset_index(drop=True),
                                     list(part["label"]), legend),
                   f"Распределение по уровням, {procedure_ru(procedure)}, {data.last_year}{NBSP}г.")
    doc.table(
        f"Доли обучающихся по уровням, {data.last_year}{NBSP}г., и изменение к прошлому году",
        ["Процедура, предмет", "Результатов", "Ниже базового", "Изменение", "Высокий уровень",
         "Изменение"],
        [[r.label, str(int(r.n_level)), percent(r.share_below_basic),
          points(r.share_below_basic - r.share_below_basic_before)
          if pd.notna(r.share_below_basic_before) else "—",
          percent(r.share_high),
          points(r.share_high - r.share_high_before) if pd.notna(r.share_high_before) else "—"]
         for r in rows.itertuples()],
        [5.5, 2.2, 2.2, 2.2, 2.2, 2.2])
    if len(data.years) > 1:
        doc.figure(charts.dynamics(dynamics_rows(data)),
                   f"Динамика долей обучающихся ниже базового и на высоком уровне, "
                   f"{data.years[0]}–{data.years[-1]}{NBSP}гг.")
    groups_frame = group_rows(data)
    if groups_frame["group"].nunique() > 1:
        doc.figure(charts.groups(groups_frame),
                   f"Доля ниже базового уровня в группах школ со сходными условиями, "
                   f"{data.last_year}{NBSP}г.")


def low_results(doc: ReportDocument, data: ReportData) -> None:
    doc.heading("2.3. Школы с низкими результатами и школы в неблагоприятных условиях", 2)
    s = data.result.settings
    year = data.last_year
    low = data.flagged("low_results", year)
    adverse = data.flagged("adverse_conditions", year)
    risk = data.flagged("risk_zone", year)
    small = data.flagged("small_sample", year)
    doc.para(
        "Низкие результаты — это устойчиво высокая доля обучающихся ниже базового уровня "
        f"(не ниже {percent(s.low_results_share_threshold)} с поправкой на объём выборки), "
        f"которая существенно (на {points(s.low_results_min_excess)} и более) и надёжно "
        "превышает долю у школ с наиболее близкими условиями. Так низкие результаты "
        "отделяются от неблагоприятных условий: школа в трудных условиях с результатами, "
        "обычными для таких условий, нуждается в поддержке условий, а не в антикризисных мерах.")
    sy = data.result.school_years.set_index(["org_id", "year"])
    if len(low):
        doc.table(f"Школы с низкими образовательными результатами, {year}{NBSP}г.",
                  ["№ на рис.", "Организация", "Ниже базового", "У сходных школ", "Условия"],
                  [[str(data.numbers.get(o, "")), data.name(o),
                    percent(sy.loc[(o, year), "shrunk_share"]),
                    percent(sy.loc[(o, year), "group_share"]),
                    "неблагоприятные" if data.result.context.loc[o, "adverse"] else "не объясняют"]
                   for o in low["org_id"][:LIST_LIMIT]],
                  [1.5, 6, 2.5, 2.5, 3.5])
    else:
        doc.para(f"В {year}{NBSP}г. школ с низкими результатами, не объясняемыми условиями, "
                 "не выявлено.")
    if len(adverse):
        expected = [o for o in adverse["org_id"] if o not in set(low["org_id"])]
        doc.para(f"В неблагоприятных социальных условиях работают {_schools(len(adverse))}; у "
                 f"{len(expected)} из них результаты соответствуют условиям: "
                 + ", ".join(data.name(o) for o in expected[:LIST_LIMIT]) + ".")
    if len(risk):
        doc.para("В зоне риска снижения результатов (правило риска государственного контроля "
                 "или устойчивый рост доли ниже базового уровня): "
                 + ", ".join(data.name(o) for o in risk["org_id"][:LIST_LIMIT]) + ".")
    if len(small):
        doc.para(f"Для {_of_schools(len(small))} число участников меньше "
                 f"{s.min_participants_judgement}: выводы о них не делаются ("
                 + ", ".join(data.name(o) for o in small["org_id"][:LIST_LIMIT]) + ").")
    frame = low_points(data, year)
    if len(frame) >= 3:
        doc.figure(charts.low_results_map(frame, s.low_results_share_threshold),
                   f"Школы по социальному индексу и доле обучающихся ниже базового уровня, "
                   f"{year}{NBSP}г.")


def _regional_basis(rulebook: Any, track: str) -> tuple[str, list[str]]:
    """The regional document and example measures the rulebook's catalogue gives a track."""
    catalogue = getattr(rulebook, "catalogue", None)
    if catalogue is None:
        return "", []
    documents = [d for d in catalogue.regional_documents if track in d.tracks]
    measures = [m.text for m in catalogue.measures_for_track(track)]
    if not documents:
        return "", measures
    d = documents[0]
    when = f" от {d.date:%d.%m.%Y}" if d.date else ""
    number_text = f" №{NBSP}{d.number}" if d.number else ""
    return (f"{DOC_TYPE_RU.get(d.doc_type, 'документ')}{when}{number_text} «{d.title}» "
            f"({d.issuer})"), measures


def measures(doc: ReportDocument, data: ReportData) -> None:
    doc.heading("3. Обоснование принимаемых мер и адресные рекомендации")
    year = data.last_year
    rulebook = data.result.rulebook
    obj = data.flagged("objectivity_risk", year)
    basis, examples = _regional_basis(rulebook, "1.1.1")
    if len(obj):
        doc.heading("3.1. Объективность оценки (трек 1.1.1)", 2)
        if basis:
            doc.para(f"Основание: {basis}.")
        doc.para("Руководителям ОО с признаками необъективности результатов "
                 f"{year}{NBSP}г. (" + ", ".join(data.name(o) for o in obj["org_id"][:LIST_LIMIT])
                 + "):")
        doc.bullets([*(e for e in examples[:3]),
                     "провести анализ расхождений отметок за процедуру и текущих отметок по "
                     "предметам и классам, названным в перечне признаков (flags.csv)"])
        doc.para("Учителям этих ОО: согласовать критерии оценивания работ с муниципальной "
                 "предметной комиссией; проверять работы по критериям без учёта текущих отметок.")
        doc.para("Родителям: разъяснить, что результаты ВПР служат диагностике и не используются "
                 "для сравнения школ и учителей между собой.")
    low = data.flagged("low_results", year)
    basis, examples = _regional_basis(rulebook, "1.2.1")
    if len(low):
        doc.heading("3.2. Адресная поддержка школ с низкими результатами (трек 1.2.1)", 2)
        if basis:
            doc.para(f"Основание: {basis}.")
        partners = _partners(data, year)
        for org in low["org_id"][:LIST_LIMIT]:
            partner = partners.get(org)
            tail = (f"; школа-партнёр со сходными условиями и устойчивыми результатами — "
                    f"{data.name(partner)}" if partner else "")
            doc.bullets([f"{data.name(org)}: программа перехода в эффективный режим работы, "
                         f"адресная методическая помощь по предметам с наибольшей долей "
                         f"ниже базового уровня (см. flags.csv){tail}."])
        if examples:
            doc.para("Меры регионального комплекса для этих школ: " + "; ".join(examples[:3]) + ".")
    adverse = data.flagged("adverse_conditions", year)
    expected = [o for o in adverse["org_id"] if o not in set(low["org_id"])]
    basis, examples = _regional_basis(rulebook, "1.2.2")
    risk = data.flagged("risk_zone", year)
    if expected or len(risk):
        doc.heading("3.3. Школы в неблагоприятных условиях и в зоне риска (трек 1.2.2)", 2)
        if basis:
            doc.para(f"Основание: {basis}.")
        if expected:
            doc.para("Руководителям школ, работающих в неблагоприятных условиях с результатами по "
                     "условиям (" + ", ".join(data.name(o) for o in expected[:LIST_LIMIT]) + "): "
                     "поддержка условий — кадровое обеспечение, работа с семьями, "
                     "индивидуальные образовательные маршруты; антикризисные меры не требуются.")
        if len(risk):
            doc.para("Школам в зоне риска (" + ", ".join(
                data.name(o) for o in risk["org_id"][:LIST_LIMIT]) + "): ежеквартальный "
                "мониторинг доли обучающихся ниже базового уровня, профилактика учебной "
                "неуспешности, план работы с обучающимися группы риска.")
        if examples:
            doc.para("Меры регионального комплекса: " + "; ".join(examples[:3]) + ".")
    small = data.flagged("small_sample", year)
    if len(small):
        doc.heading("3.4. Малочисленные школы", 2)
        doc.para("Для малочисленных школ (" + ", ".join(
            data.name(o) for o in small["org_id"][:LIST_LIMIT]) + ") рекомендуется сетевое "
            "взаимодействие и объединение результатов нескольких лет для суждения об уровне; "
            "отдельные результаты таких школ не интерпретируются.")
    doc.para("Эффективность мер оценивается по тем же показателям в следующем году: доля "
             "обучающихся ниже базового уровня, доля на высоком уровне, число школ с признаками "
             "необъективности.")


def _partners(data: ReportData, year: int) -> dict[str, str]:
    """For each low-result school: a school with similar conditions, low share, no flags."""
    sy = data.result.school_years
    sy = sy[(sy["year"] == year) & sy["judged"]].set_index("org_id")
    flagged = set(data.flags[(data.flags["year"] == year) & data.flags["flag"].isin(
        ["objectivity_risk", "low_results", "risk_zone"])]["org_id"])
    ctx = data.result.context
    # The schools of each context group, in registry order, looked up once.
    schools = ctx[ctx["org_type"] == "school"]
    members = {group: schools.index[positions] for group, positions in
               schools.groupby("context_group", sort=False).indices.items()}
    partners = {}
    for org in data.flagged("low_results", year)["org_id"]:
        if org not in sy.index:
            continue
        same = members.get(ctx.loc[org, "context_group"], schools.index[:0])
        candidates = sy.reindex(same).dropna(subset=["shrunk_share"])
        candidates = candidates[~candidates.index.isin(flagged)]
        if len(candidates):
            partners[org] = str(candidates["shrunk_share"].idxmin())
    return partners
