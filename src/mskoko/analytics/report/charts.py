"""Charts of the analytical report (matplotlib, PNG): levels, dynamics, groups, schools."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

LEVEL_COLOURS = ["#c0392b", "#f0b27a", "#7fb3d5", "#1f618d"]
PROCEDURE_COLOURS = {"VPR": "#1f618d", "OGE": "#b9770e", "EGE": "#196f3d"}


def _figure(figsize: tuple[float, float]) -> Figure:
    # Figures without pyplot: no display, no global figure registry to close, and pyplot's
    # import (~0.3 s) is avoided; savefig renders PNG with Agg.
    return Figure(figsize=figsize)


def _png(fig: Figure) -> bytes:
    buffer = BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def level_bars(frame: pd.DataFrame, labels: list[str], legend: list[str]) -> bytes:
    """Stacked horizontal bars: shares of the four levels per row of ``frame`` (columns l0..l3)."""
    height = max(2.2, 0.38 * len(frame) + 1.2)
    fig = _figure((7.5, height))
    ax = fig.subplots()
    left = np.zeros(len(frame))
    y = np.arange(len(frame))
    for i, (name, colour) in enumerate(zip(legend, LEVEL_COLOURS, strict=False)):
        values = frame[f"l{i}"].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, label=name, edgecolor="white", linewidth=0.5)
        for yy, value, start in zip(y, values, left, strict=True):
            if value >= 0.07:
                ax.text(start + value / 2, yy, f"{100 * value:.0f}\u00a0%", ha="center",
                        va="center", fontsize=7, color="white" if i in (0, 3) else "black")
        left += values
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(legend), fontsize=8,
              frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def dynamics(frame: pd.DataFrame) -> bytes:
    """Lines: shares below basic and at high level per procedure over the years."""
    fig = _figure((8, 3.2))
    axes = fig.subplots(1, 2, sharex=True)
    for procedure, part in frame.groupby("procedure"):
        part = part.sort_values("year")
        colour = PROCEDURE_COLOURS.get(procedure)
        label = part["label"].iloc[0]
        axes[0].plot(part["year"], part["share_below_basic"], marker="o", color=colour, label=label)
        axes[1].plot(part["year"], part["share_high"], marker="o", color=colour, label=label)
    for ax, title in zip(axes, ("Ниже базового уровня", "Высокий уровень"), strict=True):
        ax.set_title(title, fontsize=10)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xticks(sorted(frame["year"].unique()))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=8, frameon=False)
    return _png(fig)


def groups(frame: pd.DataFrame) -> bytes:
    """Grouped bars: share below basic per contextual group and procedure (latest year)."""
    pivot = frame.pivot_table(index="group", columns="label", values="share_below_basic")
    fig = _figure((8, max(2.5, 0.5 * len(pivot) + 1.2)))
    ax = fig.subplots()
    width = 0.8 / max(len(pivot.columns), 1)
    y = np.arange(len(pivot))
    for i, column in enumerate(pivot.columns):
        ax.barh(y + i * width, pivot[column].to_numpy(), height=width, label=column)
    ax.set_yticks(y + width * (len(pivot.columns) - 1) / 2, pivot.index, fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Доля обучающихся ниже базового уровня", fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def objectivity_map(frame: pd.DataFrame, support: float, combined: float) -> bytes:
    """Schools by two independent sources of signs: marks vs journal and standing."""
    fig = _figure((7.5, 5))
    ax = fig.subplots()
    calm = frame[~frame["flagged"]]
    risky = frame[frame["flagged"]]
    size = lambda f: 12 + 60 * np.sqrt(f["students"].fillna(0) / max(frame["students"].max(), 1))  # noqa: E731
    ax.scatter(calm["gap_z"], calm["standing_z"], s=size(calm), color="#95a5a6", alpha=0.7,
               label="признаки не выражены")
    ax.scatter(risky["gap_z"], risky["standing_z"], s=size(risky), color="#c0392b", alpha=0.85,
               label="признаки необъективности")
    heaped = frame[frame["heaping_z"].fillna(0) >= support]
    ax.scatter(heaped["gap_z"], heaped["standing_z"], marker="x", s=40, color="black",
               linewidths=0.9, label="выражено скопление баллов у границ")
    for row in risky.itertuples():
        ax.annotate(str(row.number), (row.gap_z, row.standing_z), fontsize=7,
                    xytext=(3, 3), textcoords="offset points")
    limit = max(4.0, float(np.nanmax(np.abs(frame[["gap_z", "standing_z"]].to_numpy()))) + 0.5)
    x = np.linspace(-limit, limit, 50)
    ax.plot(x, np.sqrt(2) * combined - x, color="#c0392b", linestyle="--", linewidth=0.8,
            label="порог совокупности двух признаков")
    ax.axvline(support, color="#7f8c8d", linewidth=0.6, linestyle=":")
    ax.axhline(support, color="#7f8c8d", linewidth=0.6, linestyle=":")
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_xlabel("Отметки за процедуру выше школьных (z)", fontsize=9)
    ax.set_ylabel("Позиция не подтверждена / скачок (z)", fontsize=9)
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def low_results_map(frame: pd.DataFrame, threshold: float) -> bytes:
    """Schools by social index and the (small-sample corrected) share below basic."""
    fig = _figure((7.5, 4.5))
    ax = fig.subplots()
    styles = [
        ("other", "#95a5a6", "прочие школы"),
        ("adverse", "#e67e22", "неблагоприятные условия, результаты по условиям"),
        ("low", "#c0392b", "низкие результаты"),
    ]
    for kind, colour, label in styles:
        part = frame[frame["kind"] == kind]
        if len(part):
            ax.scatter(part["social_index"], part["shrunk_share"], color=colour, s=28, alpha=0.85,
                       label=label)
    for row in frame[frame["kind"] == "low"].itertuples():
        ax.annotate(str(row.number), (row.social_index, row.shrunk_share), fontsize=7,
                    xytext=(3, 3), textcoords="offset points")
    ax.axhline(threshold, color="#7f8c8d", linestyle="--", linewidth=0.8)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Социальный индекс (выше — менее благоприятные условия)", fontsize=9)
    ax.set_ylabel("Доля ниже базового уровня", fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
