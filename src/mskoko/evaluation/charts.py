"""Pictures of the scoring: the region heatmap and one municipality's profile.

Matplotlib's object API (``Figure``) is used, not pyplot: no global state, no display.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from mskoko.evaluation.region import system_columns
from mskoko.evaluation.summary import MunicipalityScore

CMAP = "RdYlGn"  # red = low index, green = high; a common reading in Russian reports too
DPI = 120


def render_heatmap(table: pd.DataFrame, path: Path | str, *, title: str | None = None) -> Path:
    """Municipalities × systems, index in % annotated in each cell; the last column is the
    overall index. Missing values are grey with a dash."""
    path = Path(path)
    systems = system_columns(table)
    columns = [*systems, "index"]
    values = table[columns].to_numpy(dtype=float) if len(table) else np.zeros((0, len(columns)))
    labels_x = [_wrap(f"{sid} {_short(name)}" if name != sid else sid, 15, 4)
                for sid, name in systems.items()] + ["Итоговый\nиндекс"]
    labels_y = [_wrap(str(m), 32) for m in table["municipality"]]

    width = max(6.0, 3.0 + 1.35 * len(columns))
    height = max(3.0, 1.9 + 0.42 * max(1, len(table)))
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    cmap = _cmap()
    masked = np.ma.masked_invalid(values)
    image = ax.imshow(masked, cmap=cmap, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(columns)), labels_x, fontsize=7.5)
    ax.set_yticks(range(len(table)), labels_y, fontsize=8)
    ax.tick_params(top=True, bottom=False, labeltop=True, labelbottom=False)
    # A white line separates the overall index from the systems.
    if systems:
        ax.axvline(len(systems) - 0.5, color="white", linewidth=3)
    for row in range(values.shape[0]):
        for col in range(values.shape[1]):
            value = values[row, col]
            if math.isnan(value):
                ax.text(col, row, "—", ha="center", va="center", fontsize=9, color="#555555")
                continue
            ax.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=9,
                    color=_text_colour(cmap(value / 100)),
                    fontweight="bold" if col == len(columns) - 1 else "normal")
    colourbar = fig.colorbar(image, ax=ax, shrink=0.8)
    colourbar.set_label("Индекс, %")
    year = table.attrs.get("year")
    ax.set_title(title or ("Индекс муниципалитетов по системам, %"
                           + (f", {year} год" if year else "")), fontsize=11)
    ax.set_xlabel("Система (направление)")
    ax.set_ylabel("Муниципалитет")
    fig.savefig(path)
    return path


def render_profile(score: MunicipalityScore, path: Path | str) -> Path:
    """A horizontal bar per system with its index in %, the overall index as a dashed line."""
    path = Path(path)
    systems = [s for s in score.systems if s.maximum > 0]
    labels = [_wrap(f"{s.system_id} {s.title}", 45, 4) for s in systems]
    values = [float(s.index or 0) for s in systems]
    fig = Figure(figsize=(8.5, max(2.5, 1.2 + 0.6 * len(systems))), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    cmap = _cmap()
    bars = ax.barh(range(len(systems)), values, color=[cmap(v / 100) for v in values],
                   edgecolor="#333333", linewidth=0.5)
    ax.set_yticks(range(len(systems)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    ax.set_xlabel("Индекс, %")
    for bar, s in zip(bars, systems, strict=True):
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2,
                f"{s.index} % ({_num(s.total)}/{_num(s.maximum)})", va="center", fontsize=8,
                zorder=3, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8,
                                "pad": 1})
    if score.index is not None:
        ax.axvline(score.index, color="#1f3b73", linestyle="--", linewidth=1.2, zorder=2,
                   label=f"Итоговый индекс {score.index} %")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_title(f"Профиль: {score.label}, {score.year} год — "
                 f"{_num(score.total)}/{_num(score.maximum)}", fontsize=11)
    fig.savefig(path)
    return path


def _cmap():  # type: ignore[no-untyped-def]
    from matplotlib import colormaps

    return colormaps[CMAP].with_extremes(bad="#d9d9d9")


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    r, g, b, _ = to_rgba(rgba)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.45 else "white"


def _wrap(text: str, width: int, lines: int = 3) -> str:
    parts = textwrap.wrap(text, width=width, break_long_words=False)
    if len(parts) > lines:
        parts = [*parts[:lines - 1], parts[lines - 1] + "…"]
    return "\n".join(parts) or text


def _short(title: str) -> str:
    # Every system title starts with «Система»: the word only takes room in a narrow column.
    return title.removeprefix("Система ").removeprefix("система ")


def _num(value: float) -> str:
    return f"{value:g}"
