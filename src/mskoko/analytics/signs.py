"""Signs of non-objective results, each measured against the other schools and the school's
comparison group, with sampling error and the usual spread between schools accounted for.

For every sign and unit (school × year × procedure × subject × grade) we get an observed
statistic ``x``, the same statistic ``ref`` of all *other* schools on the same test, and
the sampling variance ``v`` of ``x``. Units are then pooled per school × year × procedure
and turned into a z-score against the spread between schools (robust, so the inflated
schools themselves do not widen it), centred on what is usual for schools of the same
independently confirmed level or of similar conditions (see GROUP_CENTRED, LEVEL_CENTRED).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from mskoko.analytics.aggregates import TEST, UNIT
from mskoko.analytics.context import group_median
from mskoko.analytics.settings import AnalyticsSettings

# Signs are combined only across independent sources of evidence: school marks (mark_gap),
# the shape of the score distribution (cut_heaping) and the school's standing. The three
# standing signs — against the same students later, against the school in ОГЭ/ЕГЭ, against
# last year — share this year's standing, so a chance good year moves them together.
SIGN_FAMILY = {"cohort_not_confirmed": "standing", "level_not_confirmed": "standing",
               "leap": "standing"}
MAD_TO_SD = 1.4826
MIN_GROUP = 3  # fewer judged neighbours than this: centre on all schools instead
MIN_FIT = 8  # schools of known level needed to fit the line against the level
# Which reference each sign is centred on besides all other schools:
#   mark_gap, cohort_not_confirmed, level_not_confirmed — schools of the same level in the
#       independent procedures: journal marking is partly relative (strong schools honestly
#       show procedure marks above the journal), and a shorter, less reliable test squeezes
#       every school's standing towards the middle (weak schools honestly stand higher in ВПР
#       than in ОГЭ); without a known level, schools with similar conditions;
#   leap — schools with similar conditions (a leap "unlike the comparison group");
#   cut_heaping — none: the band around a cut already compares like with like.
GROUP_CENTRED = {"mark_gap", "leap", "cohort_not_confirmed", "level_not_confirmed"}
LEVEL_CENTRED = {"mark_gap", "cohort_not_confirmed", "level_not_confirmed"}


def _others(frame: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Totals of ``columns`` over all organisations minus the row's own (leave one out)."""
    totals = frame.groupby(keys)[columns].transform("sum")
    return totals - frame[columns]


def mark_gap(units: pd.DataFrame) -> pd.DataFrame:
    """Procedure marks above school marks: (raised − lowered) per pair, against other schools."""
    u = units[units["n_pairs"] > 0].copy()
    ref = _others(u, TEST, ["n_raised", "n_lowered", "n_pairs"])
    ref_n = ref["n_pairs"].where(ref["n_pairs"] > 0)
    p_r, p_l = ref["n_raised"] / ref_n, ref["n_lowered"] / ref_n
    per_student_var = (p_r + p_l - (p_r - p_l) ** 2).clip(lower=0.05)
    return pd.DataFrame({
        **{k: u[k] for k in UNIT},
        "sign": "mark_gap",
        "n": u["n_pairs"],
        "x": (u["n_raised"] - u["n_lowered"]) / u["n_pairs"],
        "ref": p_r - p_l,
        "v": per_student_var / u["n_pairs"],
        "shown": u["n_raised"] / u["n_pairs"],
        "shown_ref": p_r,
        "shown_extra": u["n_lowered"] / u["n_pairs"],
        "shown_extra_ref": p_l,
    }).dropna(subset=["ref"])


def cut_heaping(units: pd.DataFrame) -> pd.DataFrame:
    """Scores exactly at a cut within the band of a few points around it, against other schools.

    Lifting works just below a cut, so heaping shows as a cut holding more of its band and
    the points just below holding less (``shown_extra``: the share just below).
    """
    u = units[(units["n_cut_tests"] > 0)].copy()
    u["window"] = u["n_at_cut"] + u["n_just_below"] + u["n_just_above"]
    u = u[u["window"] > 0]
    ref = _others(u, TEST, ["n_at_cut", "n_just_below", "window"])
    p = (ref["n_at_cut"] / ref["window"].where(ref["window"] > 0)).clip(0.02, 0.98)
    return pd.DataFrame({
        **{k: u[k] for k in UNIT},
        "sign": "cut_heaping",
        "n": u["window"],
        "x": u["n_at_cut"] / u["window"],
        "ref": p,
        "v": p * (1 - p) / u["window"],
        "shown": u["n_at_cut"] / u["window"],
        "shown_ref": p,
        "shown_extra": u["n_just_below"] / u["window"],
        "shown_extra_ref": ref["n_just_below"] / ref["window"].where(ref["window"] > 0),
    }).dropna(subset=["ref"])


def cohort_not_confirmed(cohorts: pd.DataFrame) -> pd.DataFrame:
    """Standing of a cohort in this procedure minus its standing later in an independent one."""
    if cohorts.empty:
        return pd.DataFrame()
    c = cohorts[cohorts["n_linked"] > 0].copy()
    keys = [*TEST, "later_procedure"]
    c["diff_sum"] = c["from_sum"] - c["to_sum"]
    ref = _others(c, keys, ["diff_sum", "diff_sq_sum", "n_linked", "from_sum", "to_sum"])
    ref_n = ref["n_linked"].where(ref["n_linked"] > 0)
    ref_mean = ref["diff_sum"] / ref_n
    per_student_var = (ref["diff_sq_sum"] / ref_n - ref_mean**2).clip(lower=0.005)
    return pd.DataFrame({
        **{k: c[k] for k in UNIT},
        "sign": "cohort_not_confirmed",
        "later_procedure": c["later_procedure"],
        "n": c["n_linked"],
        "x": c["diff_sum"] / c["n_linked"],
        "ref": ref_mean,
        "v": per_student_var / c["n_linked"],
        "shown": c["from_sum"] / c["n_linked"],
        "shown_ref": ref["from_sum"] / ref_n,
        "shown_extra": c["to_sum"] / c["n_linked"],
        "shown_extra_ref": ref["to_sum"] / ref_n,
    }).dropna(subset=["ref"])


def leap(units: pd.DataFrame) -> pd.DataFrame:
    """The change of a school's standing (mean percentile) in the same test since last year."""
    u = units[units["participants"] > 0].copy()
    ref = _others(u, TEST, ["pct_sum", "participants"])
    u["standing"] = u["pct_sum"] / u["participants"]
    u["ref_standing"] = ref["pct_sum"] / ref["participants"].where(ref["participants"] > 0)
    spread = (u["pct_sq_sum"] / u["participants"] - u["standing"] ** 2).clip(lower=1 / 48)
    u["v_one"] = spread / u["participants"]
    key = ["org_id", "procedure", "subject", "grade"]
    prev = u[[*key, "year", "standing", "ref_standing", "v_one", "participants"]].assign(
        year=u["year"] + 1)
    j = u.merge(prev, on=[*key, "year"], suffixes=("", "_prev"))
    return pd.DataFrame({
        **{k: j[k] for k in UNIT},
        "sign": "leap",
        "n": np.minimum(j["participants"], j["participants_prev"]),
        "x": j["standing"] - j["standing_prev"],
        "ref": j["ref_standing"] - j["ref_standing_prev"],
        "v": j["v_one"] + j["v_one_prev"],
        "shown": j["standing"],
        "shown_ref": j["standing_prev"],
        "shown_extra": np.nan,
        "shown_extra_ref": np.nan,
    }).dropna(subset=["ref"])


def level_not_confirmed(units: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """A test's standing against the school's standing in the independent procedures.

    The school-level form of "not confirmed": the same school, not the same students, so it
    covers every grade of ВПР; the independent standing is pooled over all years. Only for
    procedures that are not themselves independent (those are checked by cohort links).
    """
    u = units[units["participants"] > 0].copy()
    independent = u[u["procedure"].isin(settings.independent_procedures)]
    u = u[~u["procedure"].isin(settings.independent_procedures)]
    total = independent.groupby("org_id")[["pct_sum", "pct_sq_sum", "participants"]].sum()
    level = total.reindex(u["org_id"]).fillna(0).to_numpy()
    n_level = np.where(level[:, 2] > 0, level[:, 2], np.nan)
    u = u.assign(level_n=level[:, 2], level=level[:, 0] / n_level, level_sq=level[:, 1] / n_level)
    u = u[u["level_n"] >= settings.min_participants_judgement]
    if u.empty:
        return pd.DataFrame()
    u["standing"] = u["pct_sum"] / u["participants"]
    u["x"] = u["standing"] - u["level"]
    u["x_sum"] = u["x"] * u["participants"]
    ref = _others(u, TEST, ["x_sum", "participants"])
    spread = (u["pct_sq_sum"] / u["participants"] - u["standing"] ** 2).clip(lower=1 / 48)
    level_spread = (u["level_sq"] - u["level"] ** 2).clip(lower=1 / 48)
    return pd.DataFrame({
        **{k: u[k] for k in UNIT},
        "sign": "level_not_confirmed",
        "n": u["participants"],
        "x": u["x"],
        "ref": ref["x_sum"] / ref["participants"].where(ref["participants"] > 0),
        "v": spread / u["participants"],
        "v_common": level_spread / u["level_n"],
        "shown": u["standing"],
        "shown_ref": np.nan,
        "shown_extra": u["level"],
        "shown_extra_ref": np.nan,
    }).dropna(subset=["ref"])


def observations(units: pd.DataFrame, cohorts: pd.DataFrame, settings: AnalyticsSettings
                 ) -> pd.DataFrame:
    """Every sign's per-unit observations in one long frame."""
    frames = [mark_gap(units), cut_heaping(units), cohort_not_confirmed(cohorts),
              level_not_confirmed(units, settings), leap(units)]
    columns = [*UNIT, "sign", "n", "x", "ref", "v", "v_common", "shown", "shown_ref",
               "shown_extra", "shown_extra_ref"]
    frames = [f for f in frames if not f.empty]
    obs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    obs["dev"] = obs["x"] - obs["ref"]
    obs["v_common"] = obs["v_common"].fillna(0.0) if "v_common" in obs else 0.0
    return obs


def _robust_tau2(dev: pd.Series, var: pd.Series) -> float:
    """Between-school variance of a deviation, robust to the outlying schools themselves.

    The τ² at which the median standardised deviation |d| / √(v + τ²) equals that of a
    standard normal (0.6745): a median form of the Paule–Mandel estimator, which copes with
    schools of very different sizes. Only the more precise half of the schools is used:
    in small schools sampling noise hides the spread between schools.
    """
    d = np.abs(np.asarray(dev, dtype=float))
    v = np.asarray(var, dtype=float)
    keep = np.isfinite(d) & np.isfinite(v)
    d, v = d[keep], v[keep]
    if len(d) < 5:
        return 0.0
    precise = v <= np.median(v)
    if precise.sum() >= 5:
        d, v = d[precise], v[precise]
    target = 1 / MAD_TO_SD

    def median_z(tau2: float) -> float:
        return float(np.median(d / np.sqrt(v + tau2)))

    if median_z(0.0) <= target:
        return 0.0
    low, high = 0.0, float(np.max(d) ** 2) + 1e-12
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if median_z(mid) > target else (low, mid)
    return high


def sidak_z(z_max: np.ndarray, tests: np.ndarray) -> np.ndarray:
    """The z-score of the largest of ``tests`` z-scores, corrected for having looked at all."""
    # The normal tail and its inverse straight from scipy.special (what scipy.stats.norm.sf
    # and .isf compute), without importing scipy.stats (~0.5 s).
    p = ndtr(-np.asarray(z_max, dtype=float))
    adjusted = -np.expm1(tests * np.log1p(-np.clip(p, 0, 1 - 1e-16)))
    return -ndtri(np.clip(adjusted, 1e-300, 1.0)) + 0.0


def theil_sen(y: pd.Series, x: pd.Series) -> tuple[float, float]:
    """Slope and intercept of the Theil–Sen line: scipy.stats.theilslopes (its default
    'separate' intercept) without the confidence interval, which is not used here."""
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    if np.isnan(x).any() or np.isnan(y).any():
        return np.nan, np.nan  # as theilslopes propagates NaN
    deltax = x[:, np.newaxis] - x
    deltay = y[:, np.newaxis] - y
    rising = deltax > 0
    slope = float(np.median(deltay[rising] / deltax[rising]))
    return slope, float(np.median(y) - slope * np.median(x))


def independent_level(units: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """Each school's standing (mean percentile) in independent procedures over all years."""
    u = units[units["procedure"].isin(settings.independent_procedures)]
    level = u.groupby("org_id").agg(pct_sum=("pct_sum", "sum"), n=("participants", "sum"))
    level["level"] = level["pct_sum"] / level["n"]
    return level[level["n"] >= settings.min_participants_judgement][["level", "n"]]


# Where a manipulation may sit: one subject across grades (a subject team) or one grade
# across subjects (a class teacher); a single test shows in both. Each is scanned and the
# best is corrected for the number looked at.
SCOPES: dict[str, list[str]] = {"subject": ["subject"], "grade": ["grade"]}
KEY = ["org_id", "year", "procedure", "sign"]
SIGNS_COLUMNS = [
    *KEY, "n", "dev", "var", "shown", "shown_ref", "extra", "extra_ref", "procedure_students",
    "judged", "group_dev", "centre", "level", "anchor", "tau2", "pooled_z", "focused_z",
    "top_scope", "top_subject", "top_grade", "top_n", "top_shown", "top_shown_ref", "top_extra",
    "top_extra_ref", "top_rest_shown", "top_rest_extra", "z",
]


POOLED_SUMS = ["n", "w_dev", "w2_v", "w_vc", "w_shown", "w_shown_ref", "w_extra", "w_extra_ref"]


def _pool_sums(obs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per ``keys`` (sorted): the student-weighted sums of :func:`_pool` and the unit count."""
    n = obs["n"].to_numpy()
    # One multi-column sum over one grouping: the same per-group (compensated) sums as
    # separate named aggregations, without re-grouping for every column.
    w = pd.DataFrame({
        "n": n, "w_dev": n * obs["dev"].to_numpy(), "w2_v": n ** 2 * obs["v"].to_numpy(),
        "w_vc": n * obs["v_common"].to_numpy(), "w_shown": n * obs["shown"].to_numpy(),
        "w_shown_ref": n * obs["shown_ref"].to_numpy(),
        "w_extra": n * obs["shown_extra"].to_numpy(),
        "w_extra_ref": n * obs["shown_extra_ref"].to_numpy(),
    })
    grouped = w.groupby([obs[k].to_numpy() for k in keys], sort=True)
    sums = grouped.sum()
    sums.insert(1, "units", grouped.size().to_numpy())
    sums.index.names = keys
    return sums.reset_index()


def _pool_finish(pooled: pd.DataFrame, same_students: bool | np.ndarray) -> pd.DataFrame:
    """Turn :func:`_pool_sums` into deviation, variance and shown values (in place)."""
    pooled["dev"] = pooled.pop("w_dev") / pooled["n"]
    var = pooled.pop("w2_v") / pooled["n"] ** 2
    if np.ndim(same_students):
        var = var.where(~same_students, var * pooled["units"])
    elif same_students:
        var *= pooled["units"]
    pooled["var"] = var + pooled.pop("w_vc") / pooled["n"]
    for column in ("shown", "shown_ref", "extra", "extra_ref"):
        pooled[column] = pooled.pop(f"w_{column}") / pooled["n"]
    return pooled


def _pool(obs: pd.DataFrame, keys: list[str], same_students: bool = True) -> pd.DataFrame:
    """Student-weighted deviation, its sampling variance and the shown values per ``keys``.

    When the pooled tests were sat by the same students (subjects of one grade), their
    errors move together: the variance is taken as if they were fully correlated (the
    design effect is the number of results per student), which is the cautious choice for
    small schools. ``v_common`` is an error shared by every unit (the school's own level).
    """
    return _pool_finish(_pool_sums(obs, keys), same_students)


def _z(frame: pd.DataFrame, by: list[str], judged: pd.Series) -> pd.Series:
    """(dev − centre) over sampling noise plus the robust between-school spread per ``by``."""
    tau2 = pd.Series(0.0, index=frame.index)
    for _, part in frame[judged].groupby(by):
        tau2.loc[part.index] = _robust_tau2(part["dev"] - part["centre"], part["var"])
    frame["tau2"] = tau2
    return (frame["dev"] - frame["centre"]) / np.sqrt(frame["var"] + tau2)


def _focus(obs: pd.DataFrame, pooled: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """The strongest subject or grade per school-year-procedure-sign.

    A subject (grade) is compared with the same school's other subjects (grades) that year:
    the school's own marking habits and level cancel out, what one team did stands out.
    Heaping is compared with all other schools, as its measure needs no baseline.
    """
    candidates = []
    for scope, extra in SCOPES.items():
        # A grade's subjects were sat by the same students; heaping counts scores, not students.
        # Sign first: rows in the order of pooling each sign on its own, then concatenating.
        sums = _pool_sums(obs, ["sign", *(k for k in KEY if k != "sign"), *extra])
        sums = sums[[*KEY, *extra, *sums.columns[len(KEY) + len(extra):]]]
        same = (sums["sign"] != "cut_heaping").to_numpy() & (scope == "grade")
        c = _pool_finish(sums, same)
        weighted = ["w_dev", "w_shown", "w_extra"]
        c = c.assign(w_dev=c["n"] * c["dev"], w_shown=c["n"] * c["shown"],
                     w_extra=c["n"] * c["extra"])
        totals = c.groupby(KEY)[["n", *weighted]].transform("sum")
        rest_n = (totals["n"] - c["n"]).where(lambda r: r > 0)
        c["rest_dev"] = (totals["w_dev"] - c["w_dev"]) / rest_n
        c["rest_shown"] = (totals["w_shown"] - c["w_shown"]) / rest_n
        c["rest_extra"] = (totals["w_extra"] - c["w_extra"]) / rest_n
        c["rest_var"] = c["var"] * c["n"] / rest_n
        c = c[c["n"] >= minimum].merge(pooled[[*KEY, "centre"]], on=KEY)
        within = c["sign"] != "cut_heaping"
        c.loc[within, "centre"] = c.loc[within, "rest_dev"]
        c.loc[within, "var"] = c.loc[within, "var"] + c.loc[within, "rest_var"]
        c = c.dropna(subset=["centre", "var"])
        c["scope"] = scope
        c["z"] = _z(c, ["sign", "procedure"], pd.Series(True, index=c.index))
        candidates.append(c)
    c = pd.concat(candidates, ignore_index=True)
    for column in ("subject", "grade"):
        if column not in c:
            c[column] = np.nan
    c["tests"] = c.groupby(KEY)["z"].transform("size")
    best = c.sort_values("z", ascending=False, kind="stable").drop_duplicates(KEY)
    best = best.assign(focused_z=sidak_z(best["z"].to_numpy(), best["tests"].to_numpy()))
    return best[[*KEY, "focused_z", "scope", "subject", "grade", "n", "shown", "shown_ref",
                 "extra", "extra_ref", "rest_shown", "rest_extra"]].rename(columns={
        "scope": "top_scope", "subject": "top_subject", "grade": "top_grade", "n": "top_n",
        "shown": "top_shown", "shown_ref": "top_shown_ref", "extra": "top_extra",
        "extra_ref": "top_extra_ref", "rest_shown": "top_rest_shown",
        "rest_extra": "top_rest_extra"})


def school_signs(obs: pd.DataFrame, students: pd.DataFrame, groups: dict[int, dict[str, list[str]]],
                 level: pd.DataFrame, settings: AnalyticsSettings) -> pd.DataFrame:
    """Per school × year × procedure × sign: pooled and focused z-scores and what to show."""
    minimum = settings.min_participants_judgement
    if obs.empty:
        return pd.DataFrame(columns=SIGNS_COLUMNS)
    pooled = _pool(obs, KEY, same_students=False)
    per_procedure = students[students["procedure"] != "*"].rename(
        columns={"students": "procedure_students"})
    pooled = pooled.merge(per_procedure, on=["org_id", "year", "procedure"], how="left")
    # Results per student across the pooled tests (heaping counts scores, not students).
    deff = (pooled["n"] / pooled["procedure_students"]).clip(lower=1).fillna(1)
    shared = pooled["sign"] != "cut_heaping"
    pooled.loc[shared, "var"] = pooled.loc[shared, "var"] * deff[shared]
    pooled = pooled.drop(columns="units")
    pooled["judged"] = pooled["procedure_students"].fillna(0) >= minimum
    pooled["group_dev"] = _group_centre(pooled, groups)
    pooled["centre"] = np.where(pooled["sign"].isin(GROUP_CENTRED), pooled["group_dev"], 0.0)
    _centre_on_level(pooled, level)
    _centre_gap_on_anchor(pooled, journal_anchor(obs, settings), settings)
    pooled["pooled_z"] = _z(pooled, ["sign", "procedure"], pooled["judged"])
    pooled = pooled.merge(_focus(obs, pooled, minimum), on=KEY, how="left")
    pooled["z"] = pooled[["pooled_z", "focused_z"]].max(axis=1)
    pooled.loc[~pooled["judged"], "z"] = np.nan
    return pooled


def _centre_on_level(pooled: pd.DataFrame, level: pd.DataFrame) -> None:
    """Centre level-dependent signs on schools of the same independently confirmed level.

    A robust (Theil–Sen) line of the deviation against the school's level in independent
    procedures, fitted per sign, year and procedure, gives what is expected of a school of
    that level; inflated schools barely move a median-based line.
    """
    pooled["level"] = level["level"].reindex(pooled["org_id"]).to_numpy()
    centred = pooled["sign"].isin(LEVEL_CENTRED) & pooled["level"].notna()
    for _, part in pooled[centred].groupby(["sign", "year", "procedure"]):
        fit = part[part["judged"]]
        if len(fit) < MIN_FIT:
            continue
        slope, intercept = theil_sen(fit["dev"], fit["level"])
        pooled.loc[part.index, "centre"] = intercept + slope * part["level"]


def journal_anchor(obs: pd.DataFrame, settings: AnalyticsSettings) -> pd.Series:
    """Each school's mark gap in the independent procedures, pooled over all years.

    Marks there are set outside the school, so the gap measures the school's own journal
    marking (how softly its teachers mark), which also shifts its ВПР gap honestly.
    """
    gap = obs[(obs["sign"] == "mark_gap") & obs["procedure"].isin(settings.independent_procedures)]
    totals = gap.assign(w=gap["n"] * gap["dev"]).groupby("org_id")[["w", "n"]].sum()
    totals = totals[totals["n"] >= settings.min_participants_judgement]
    return totals["w"] / totals["n"]


def _centre_gap_on_anchor(pooled: pd.DataFrame, anchor: pd.Series,
                          settings: AnalyticsSettings) -> None:
    """Shift the ВПР mark-gap centre by what the school's own journal marking explains."""
    pooled["anchor"] = anchor.reindex(pooled["org_id"]).to_numpy()
    rows = ((pooled["sign"] == "mark_gap") & pooled["anchor"].notna()
            & ~pooled["procedure"].isin(settings.independent_procedures))
    for _, part in pooled[rows].groupby(["year", "procedure"]):
        fit = part[part["judged"]]
        if len(fit) < MIN_FIT:
            continue
        slope, intercept = theil_sen(fit["dev"] - fit["centre"], fit["anchor"])
        pooled.loc[part.index, "centre"] += intercept + slope * part["anchor"]


def _group_centre(pooled: pd.DataFrame, groups: dict[int, dict[str, list[str]]]) -> pd.Series:
    """Median deviation of the school's comparison group (same year, procedure and sign)."""
    judged = pooled[pooled["judged"]]
    return group_median(pooled, judged, groups, "dev", ["procedure", "sign"], MIN_GROUP).fillna(0.0)
