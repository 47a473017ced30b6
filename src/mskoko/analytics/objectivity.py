"""objectivity_risk: several signs together (or one specific strong sign), never one number.

A procedure's results in a school-year are at risk when at least ``objectivity_min_signs``
signs are pronounced (z ≥ ``objectivity_sign_z``), or when one sign that is specific to
manipulation (heaping at cut scores, a cohort not confirmed later) is strong by itself.
The gap to school marks and a leap alone do not flag: strong schools show them honestly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mskoko.analytics.settings import AnalyticsSettings
from mskoko.analytics.signs import SIGN_FAMILY, sidak_z
from mskoko.analytics.wording import (
    NBSP,
    number,
    people,
    percent,
    plural,
    points,
    procedure_ru,
    subject_ru,
    unit_ru,
)

SIGN_TITLE_RU = {
    "mark_gap": "отметки за процедуру выше школьных отметок",
    "cut_heaping": "скопление первичных баллов на границах отметок",
    "cohort_not_confirmed": "результаты не подтверждены той же когортой в независимой процедуре",
    "level_not_confirmed": "результаты выше уровня школы в независимых процедурах",
    "leap": "скачок результатов, не свойственный школам со сходными условиями",
}


def mark_present(signs: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """Add ``present`` (the sign counts as support) and ``strong`` (standalone and strong)."""
    s = signs.copy()
    z = s["z"].fillna(-np.inf)
    s["family"] = s["sign"].map(lambda sign: SIGN_FAMILY.get(sign, sign))
    s["present"] = z >= settings.objectivity_support_z
    s["strong"] = (z >= settings.objectivity_strong_sign_z) & s["sign"].isin(
        settings.objectivity_standalone_signs)
    return s


def assess(signs: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """Per school × year × procedure: whether its results are at risk, and how strongly.

    At risk when the two strongest sign families, each at least ``objectivity_support_z``,
    combine (Stouffer: (z1 + z2) / √2) to ``objectivity_combined_z`` or more, or when one
    standalone sign is strong; both after a Šidák correction for the number of procedures
    judged in that school-year. ``signs`` must come from :func:`mark_present`.
    """
    key = ["org_id", "year", "procedure"]
    columns = [*key, "at_risk", "signs", "n_signs", "combined_z", "severity"]
    s = signs[signs["present"].astype(bool)]
    if s.empty:
        return pd.DataFrame(columns=columns).astype({"at_risk": bool})
    anchors = signs["procedure"].isin(settings.objectivity_anchor_procedures)
    # Each judged procedure of a school-year is one more chance of a false alarm.
    looks = signs[signs["z"].notna() & ~anchors].groupby(["org_id", "year"])["procedure"].nunique()
    s = signs[signs["present"] & ~anchors]
    best = s.sort_values([*key, "z"], ascending=[True, True, True, False], kind="stable")
    best = best.drop_duplicates([*key, "family"])
    best = best.assign(rank=best.groupby(key).cumcount())
    grouped = best.groupby(key, sort=True)
    out = grouped.agg(signs=("sign", ",".join), n_signs=("sign", "size")).reset_index()
    top2 = best[best["rank"] < 2].groupby(key, sort=True)["z"].agg(["sum", "size"])
    # Stouffer over two different sources; a single source never flags by this rule.
    combined = np.where(top2["size"].to_numpy() == 2, top2["sum"].to_numpy() / np.sqrt(2), -np.inf)
    standalone = s[s["strong"]].groupby(key)["z"].max().reindex(top2.index).to_numpy()
    n_looks = looks.reindex(pd.MultiIndex.from_arrays(
        [out["org_id"], out["year"]])).fillna(1).clip(lower=1).to_numpy()
    combined_adj = np.where(np.isfinite(combined), sidak_z(np.nan_to_num(combined), n_looks),
                            -np.inf)
    standalone_adj = np.where(np.isnan(standalone), -np.inf,
                              sidak_z(np.nan_to_num(standalone), n_looks))
    out["at_risk"] = ((combined_adj >= settings.objectivity_combined_z)
                      | (standalone_adj >= settings.objectivity_strong_sign_z))
    strength = np.maximum(combined_adj, standalone_adj)
    span = settings.objectivity_certain_z - settings.objectivity_combined_z
    out["combined_z"] = np.where(np.isfinite(strength), strength, 0.0).round(3)
    out["severity"] = np.clip((out["combined_z"] - settings.objectivity_combined_z) / span + 0.1,
                              0.05, 1.0).round(3)
    out["year"] = out["year"].astype(int)
    return out[columns]


def scope_ru(row: pd.Series | dict) -> str:
    """Where a sign is strongest: one test, one subject in all grades or one grade."""
    procedure = row["procedure"]
    if row["top_scope"] == "subject":
        return f"{procedure_ru(procedure)}, {subject_ru(row['top_subject'], procedure)} (все классы)"
    if row["top_scope"] == "grade":
        return f"{procedure_ru(procedure)}, {int(row['top_grade'])}{NBSP}класс (все предметы)"
    return unit_ru(procedure, row["top_subject"], int(row["top_grade"]))


def _marks_ru(marks: tuple[int, ...]) -> str:
    quoted = [f"«{m}»" for m in marks]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " и " + quoted[-1]


def _sign_clause(row: pd.Series | dict, area: str, later_of: dict[str, tuple[str, int]],
                 settings: AnalyticsSettings) -> str:
    procedure = row["procedure"]
    z = f"z{NBSP}={NBSP}{number(row['z'])}"
    top = f"; сильнее всего — {scope_ru(row)}" if pd.notna(row.get("top_scope")) else ""
    by_level = pd.notna(row.get("level"))
    if row["sign"] != "cut_heaping" and top and pd.notna(row.get("focused_z")) and (
            row["focused_z"] >= row["pooled_z"]):
        top += " (в сравнении с другими предметами и классами школы)"
    focused = pd.notna(row.get("focused_z")) and row["focused_z"] >= row["pooled_z"]
    others = "классам" if row.get("top_scope") == "grade" else "предметам"
    if row["sign"] == "mark_gap":
        if focused:
            return (f"{SIGN_TITLE_RU['mark_gap']} в одной части процедуры — {scope_ru(row)}: "
                    f"повысили отметку по сравнению со школьной {percent(row['top_shown'])}, "
                    f"понизили {percent(row['top_extra'])}, тогда как по другим {others} школы "
                    f"{percent(row['top_rest_shown'])} и {percent(row['top_rest_extra'])}; "
                    f"{plural(row['top_n'], 'сопоставление', 'сопоставления', 'сопоставлений')}; {z}")
        area_net = row["shown_ref"] - row["extra_ref"]
        basis = ("для школы такого уровня по ОГЭ и ЕГЭ" if by_level
                 else "для школ со сходными условиями")
        return (f"{SIGN_TITLE_RU['mark_gap']}: повысили отметку по сравнению со школьной "
                f"{percent(row['shown'])}, понизили {percent(row['extra'])} (разность "
                f"{points(row['shown'] - row['extra'])}; {basis} ожидалась "
                f"{points(area_net + row['centre'])}, по {area} — {points(area_net)}); "
                f"{plural(row['n'], 'сопоставление', 'сопоставления', 'сопоставлений')}; {z}")
    if row["sign"] == "cut_heaping":
        w = settings.heaping_window
        return (f"{SIGN_TITLE_RU['cut_heaping']} {_marks_ru(settings.heaping_marks)}: ровно на "
                f"границе {percent(row['shown'])} работ из полосы ±{plural(w, 'балл', 'балла', 'баллов')} "
                f"вокруг неё, сразу ниже границы — {percent(row['extra'])} (по {area}: "
                f"{percent(row['shown_ref'])} и {percent(row['extra_ref'])}); "
                f"{plural(row['n'], 'работа', 'работы', 'работ')} в полосе{top}; {z}")
    if row["sign"] == "cohort_not_confirmed":
        later_code, lag = later_of.get(procedure, ("", 1))
        later, year_later = procedure_ru(later_code), int(row["year"]) + lag
        subject = (f" (сильнее всего — {subject_ru(row['top_subject'], procedure)})"
                   if row.get("top_scope") == "subject" else "")
        return (f"{SIGN_TITLE_RU['cohort_not_confirmed']}: те же обучающиеся "
                f"({people(row['n'])}) по {procedure_ru(procedure)} {int(row['year'])}{NBSP}г. "
                f"стояли на {number(100 * row['shown'], 0)}-м процентиле по {area}, по {later} "
                f"{year_later}{NBSP}г. — на {number(100 * row['extra'], 0)}-м (у других школ "
                f"{number(100 * row['shown_ref'], 0)}-й и {number(100 * row['extra_ref'], 0)}-й)"
                f"{subject}; {z}")
    if row["sign"] == "level_not_confirmed":
        later = ", ".join(procedure_ru(p) for p in settings.independent_procedures)
        return (f"{SIGN_TITLE_RU['level_not_confirmed']}: по {procedure_ru(procedure)} школа "
                f"стоит на {number(100 * row['shown'], 0)}-м процентиле по {area}, по {later} "
                f"(все годы) — на {number(100 * row['extra'], 0)}-м; обычное для школ такого "
                f"уровня расхождение — {number(100 * row['centre'], 0)}; "
                f"{people(row['n'])}{top}; {z}")
    change = round(100 * row["dev"])
    return (f"{SIGN_TITLE_RU['leap']}: позиция школы по {procedure_ru(procedure)} "
            f"{'поднялась' if change >= 0 else 'опустилась'} за год на "
            f"{plural(abs(change), 'процентильный пункт', 'процентильных пункта', 'процентильных пунктов')} "
            f"относительно других школ (у школ со сходными условиями — "
            f"{number(100 * row['group_dev'], 0)}); {people(row['n'])}{top}; {z}")


def evidence(org_year: pd.DataFrame, signs: pd.DataFrame, settings: AnalyticsSettings,
             area: str) -> str:
    """A Russian sentence for one school-year: each procedure at risk and its signs."""
    by_procedure = {procedure: own for (_, _, procedure), own in present_signs(signs).items()}
    return evidence_text(org_year["procedure"].tolist(), org_year["year"].tolist(), by_procedure,
                         settings, area)


def present_signs(signs: pd.DataFrame) -> dict[tuple[str, int, str], list[dict]]:
    """The present signs as dicts per (org, year, procedure), strongest first.

    One sort and one conversion for all schools at once: filtering each school's frame and
    iterrows were the slow part of writing the evidence.
    """
    present = signs[signs["present"].astype(bool)].sort_values("z", ascending=False, kind="stable")
    grouped: dict[tuple[str, int, str], list[dict]] = {}
    for sign in present.to_dict("records"):
        grouped.setdefault((sign["org_id"], int(sign["year"]), sign["procedure"]), []).append(sign)
    return grouped


def evidence_text(procedures: list[str], years: list[int], by_procedure: dict[str, list[dict]],
                  settings: AnalyticsSettings, area: str) -> str:
    """:func:`evidence` from one school-year's at-risk procedures and its present signs."""
    later_of = {link.procedure: (link.later_procedure, link.lag) for link in settings.cohort_links}
    parts = []
    for procedure, year in zip(procedures, years, strict=True):
        own = by_procedure.get(procedure, [])
        clauses = [
            f"{i}) " + _sign_clause(sign, area, later_of, settings)
            for i, sign in enumerate(own, start=1)
        ]
        students = int(pd.Series([sign["procedure_students"] for sign in own], dtype=float).max()
                       ) if own else 0
        caution = (f" Оценка ориентировочная: участников меньше "
                   f"{settings.min_participants_informative}."
                   if students < settings.min_participants_informative else "")
        parts.append(
            f"Признаки необъективности результатов {procedure_ru(procedure)} "
            f"{year}{NBSP}г. ({people(students)}): " + "; ".join(clauses) + "." + caution
        )
    parts.append("Рекомендуется перепроверка работ муниципальной комиссией и контроль "
                 "объективности при проведении и проверке.")
    return " ".join(parts)
