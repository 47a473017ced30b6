"""Dashboard charts as SVG, drawn on the server with matplotlib.

Each chart says in its title what it shows and in what units, labels its bars with the
values, and names the number of participants, so it reads without explanation. Levels,
never averages: shares of students below the basic level and at the high level.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator, PercentFormatter

BELOW = "#d1453b"
BASIC = "#c9d3e0"
HIGH = "#1d4f91"
TEXT = "#1c2433"
MUTED = "#5b6577"
GRID = "#e6eaf0"
LINE_COLOURS = ["#1d4f91", "#d1453b", "#17794a", "#b7791f", "#6b46c1", "#0e7490", "#9d174d",
                "#4b5563"]

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Liberation Sans"],
    "font.size": 10,
    "axes.edgecolor": GRID,
    "axes.labelcolor": MUTED,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlecolor": TEXT,
    "axes.titlelocation": "left",
    "axes.titlepad": 12,
    "xtick.color": MUTED,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text: searchable, crisp, Cyrillic from system fonts
    "figure.dpi": 100,
}


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _percent_axis(axis, top: float) -> None:  # type: ignore[no-untyped-def]
    """Whole-percent ticks at a round step (1, 2, 5, 10, 20 %) for a 0..top share axis."""
    step = next((s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25) if top / s <= 7), 0.25)
    axis.set_major_locator(MultipleLocator(step))
    axis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def message_chart(text: str, *, width: float = 8.0) -> bytes:
    """A chart-sized panel with a message (no data for this chart yet)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, 1.6))
        ax.axis("off")
        ax.text(0.5, 0.5, textwrap.fill(text, 80), ha="center", va="center", color=MUTED,
                fontsize=11, transform=ax.transAxes)
        return _svg(fig)


def levels_chart(levels: pd.DataFrame, title: str) -> bytes:
    """100 % bars per subject: below basic, basic, high level.

    ``levels`` has columns label, n_level, share_below_basic, share_high.
    """
    if levels.empty:
        return message_chart("Нет результатов для этого года и процедуры.")
    rows = levels.iloc[::-1].reset_index(drop=True)  # first row on top
    height = 1.5 + 0.4 * len(rows)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9.5, height))
        below = rows["share_below_basic"].fillna(0)
        high = rows["share_high"].fillna(0)
        basic = (1 - below - high).clip(lower=0)
        y = range(len(rows))
        ax.barh(y, below, color=BELOW, label="ниже базового", height=0.62)
        ax.barh(y, basic, left=below, color=BASIC, label="базовый", height=0.62)
        ax.barh(y, high, left=below + basic, color=HIGH, label="высокий", height=0.62)
        for i in y:
            for start, share, colour in ((0, below[i], "white"), (below[i], basic[i], TEXT),
                                         (below[i] + basic[i], high[i], "white")):
                if share >= 0.07:
                    ax.text(start + share / 2, i, _pct(share), ha="center", va="center",
                            fontsize=9, color=colour)
        ax.set_yticks(list(y), [f"{r.label}  (n={int(r.n_level)})" for r in rows.itertuples()])
        ax.set_xlim(0, 1)
        _percent_axis(ax.xaxis, 1.0)
        ax.set_title(title, loc="left")
        ax.tick_params(axis="y", length=0)
        # Below the axis: the title's line belongs to the title alone.
        ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.55 / (height * 0.77)),
                  frameon=False, fontsize=9.5)
        ax.grid(axis="x", color=GRID)
        ax.set_axisbelow(True)
        return _svg(fig)


def _spread(values: list[float], gap: float) -> list[float]:
    """Label positions near ``values`` but at least ``gap`` apart (order kept)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    last = None
    for i in order:
        y = values[i] if last is None else max(values[i], last + gap)
        placed[i] = y
        last = y
    return placed


def dynamics_chart(series: pd.DataFrame, title: str) -> bytes:
    """Share below the basic level by year, one line per subject, the last value labelled.

    ``series`` has columns label, year, share_below_basic, n_level.
    """
    if series.empty or series["year"].nunique() < 2:
        return message_chart("Для динамики нужны результаты хотя бы за два года.", width=6.5)
    years = sorted(series["year"].unique())
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.0, 4.2))
        ends = []
        for colour, (label, group) in zip(LINE_COLOURS, series.groupby("label", sort=False),
                                          strict=False):
            group = group.sort_values("year")
            ax.plot(group["year"], group["share_below_basic"], marker="o", color=colour,
                    linewidth=2.2, label=label)
            last = group.iloc[-1]
            ends.append((float(last["share_below_basic"]), int(last["year"]), colour, label))
        top = max(float(series["share_below_basic"].max()), 0.05) * 1.15
        ax.set_ylim(0, top)
        _percent_axis(ax.yaxis, top)
        positions = _spread([e[0] for e in ends], top * 0.06)
        for (value, year, colour, label), y in zip(ends, positions, strict=True):
            ax.annotate(f"{_pct(value)} {label}", (year, value), xytext=(year + 0.08, y),
                        va="center", fontsize=8.5, color=colour)
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.2, years[-1] + 0.9)
        ax.set_title(title, loc="left")
        ax.grid(axis="y", color=GRID)
        ax.set_axisbelow(True)
        return _svg(fig)


def groups_chart(groups: pd.DataFrame, title: str) -> bytes:
    """Below-basic and high-level shares per contextual group (not a ranking of schools).

    ``groups`` has columns group, schools, n_level, share_below_basic, share_high.
    """
    if groups.empty:
        return message_chart("Нет сведений об условиях школ (тип поселения, социальный индекс).",
                             width=6.5)
    rows = groups.iloc[::-1].reset_index(drop=True)
    with plt.rc_context(STYLE):
        height = 1.6 + 0.75 * len(rows)
        fig, ax = plt.subplots(figsize=(6.0, height))
        y = pd.Series(range(len(rows)), dtype=float)
        ax.barh(y + 0.18, rows["share_below_basic"], height=0.34, color=BELOW,
                label="ниже базового")
        ax.barh(y - 0.18, rows["share_high"], height=0.34, color=HIGH, label="высокий уровень")
        for i, r in rows.iterrows():
            ax.text(r["share_below_basic"] + 0.005, y[i] + 0.18, _pct(r["share_below_basic"]),
                    va="center", fontsize=9.5, color=BELOW)
            ax.text(r["share_high"] + 0.005, y[i] - 0.18, _pct(r["share_high"]), va="center",
                    fontsize=9.5, color=HIGH)
        labels = [f"{textwrap.fill(str(r.group), 24)}\n{int(r.schools)} шк., n={int(r.n_level)}"
                  for r in rows.itertuples()]
        ax.set_yticks(list(y), labels, fontsize=9.5)
        top = float(max(rows["share_below_basic"].max(), rows["share_high"].max(), 0.1))
        ax.set_xlim(0, min(1.0, top * 1.25))
        _percent_axis(ax.xaxis, min(1.0, top * 1.25))
        ax.set_title(title, loc="left")
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color=GRID)
        ax.set_axisbelow(True)
        ax.legend(ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.5 / (height * 0.77)),
                  frameon=False, fontsize=10)
        return _svg(fig)
