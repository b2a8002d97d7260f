"""The few chart shapes the notebooks use, drawn the same way everywhere.

Each function returns a matplotlib Figure; ``R.figure`` (``notebook.Notebook.figure``) adds the source
line, saves and shows it. Labels come in already translated. External values
are drawn hollow (and say so in the legend) so they never pass for the
article's own figures.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .theme import PALETTE

ARTICLE_COLOR, EXTERNAL_COLOR, BOUND_COLOR = PALETTE[0], PALETTE[1], PALETTE[5]
TITLE_WIDTH = 60  # characters; a Chinese character counts as two
LABEL_WIDTH = 34  # characters of a bar's label per line


def _wrap(text: str, width: int) -> str:
    """Wrap a label; Chinese characters count double."""
    return textwrap.fill(text, width if text.isascii() else width // 2)


def _rows(labels: Sequence[str], width: int) -> tuple[list[str], np.ndarray, float]:
    """Labels wrapped to ``width``, their y positions top to bottom (a row of several lines gets more
    room, so that neighbours never touch) and the height the rows need, in inches."""
    wrapped = [_wrap(label, width) for label in labels]
    steps = [1 + 0.45 * label.count("\n") for label in wrapped]
    tops = np.cumsum([0, *steps[:-1]]) + np.array(steps) / 2
    return wrapped, tops.max() + steps[-1] / 2 - tops if wrapped else np.array([]), 0.5 * sum(steps)


def set_title(ax: plt.Axes, title: str, pad: float = 6) -> None:
    """A left-aligned title, wrapped so that it never runs off the figure."""
    ax.set_title(_wrap(title, TITLE_WIDTH), pad=pad)


def hbar(labels: Sequence[str], values: Sequence[float], annotations: Sequence[str], title: str,
         xlabel: str, colors: Sequence[str] | None = None,
         legend: Sequence[tuple[str, str]] = ()) -> plt.Figure:
    """Horizontal bars, top to bottom in the given order, each with its annotation."""
    wrapped, y, rows_height = _rows(labels, LABEL_WIDTH)
    fig, ax = plt.subplots(figsize=(8, max(2.6, 1.1 * rows_height + 1.4)))
    bars = ax.barh(y, values, color=list(colors) if colors else ARTICLE_COLOR, height=0.6)
    ax.set_yticks(y, wrapped)
    ax.set_xlabel(xlabel)
    set_title(ax, title, pad=26 if legend else 6)
    top = max(values) if len(values) else 1
    longest = max((len(a) for a in annotations), default=0)  # room for the longest annotation after its bar
    ax.set_xlim(0, top * max(1.35, 1.05 + 0.028 * longest) if top > 0 else 1)
    for bar, text in zip(bars, annotations):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, text,
                va="center", fontsize=9)
    if legend:
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c, _ in legend]
        ax.legend(handles, [t for _, t in legend], loc="lower left", bbox_to_anchor=(0.0, 1.0),
                  ncol=len(legend), fontsize=8, frameon=False, borderaxespad=0.2)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def slope(left: str, right: str, v0: float, v1: float, labels: tuple[str, str], title: str,
          ylabel: str) -> plt.Figure:
    """Two values joined by a line: a change between two dates."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot([0, 1], [v0, v1], color=ARTICLE_COLOR, marker="o", markersize=9, linewidth=2.5)
    for x, v, text in ((0, v0, labels[0]), (1, v1, labels[1])):
        ax.annotate(text, (x, v), xytext=(0, 10), textcoords="offset points", ha="center",
                    fontsize=11)
    ax.set_xticks([0, 1], [left, right])
    ax.set_xlim(-0.4, 1.4)
    span = abs(v1 - v0) or 1
    ax.set_ylim(min(v0, v1) - span, max(v0, v1) + span)
    ax.set_ylabel(ylabel)
    set_title(ax, title)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


def timeline(frame: pd.DataFrame, title: str, ylabel: str, article_label: str,
             external_label: str) -> plt.Figure:
    """Points over time by series; external values hollow, the article's filled.

    ``frame`` columns: series, x (a year, may be fractional), value, external
    (bool), label (text shown beside the point).
    """
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, (series, part) in enumerate(frame.groupby("series", sort=False)):
        color = PALETTE[i % len(PALETTE)]
        part = part.sort_values("x")
        ax.plot(part["x"], part["value"], color=color, linewidth=1.5, alpha=0.6, label=series)
        for _, point in part.iterrows():
            ax.scatter(point["x"], point["value"], s=70, zorder=3, color=color,
                       facecolors="white" if point["external"] else color, linewidths=2)
            ax.annotate(point["label"], (point["x"], point["value"]), xytext=(6, 6),
                        textcoords="offset points", fontsize=9)
    ax.scatter([], [], s=70, color="#444444", label=article_label)
    ax.scatter([], [], s=70, facecolors="white", edgecolors="#444444", linewidths=2,
               label=external_label)
    years = sorted(set(int(np.floor(x)) for x in frame["x"]))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(min(years) - 0.5, max(years) + 1)
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * 0.08)  # room for the labels above the highest points
    ax.set_ylabel(ylabel)
    set_title(ax, title)
    ax.legend(fontsize=8, frameon=False, loc="best")
    fig.tight_layout()
    return fig


def rank_dots(frame: pd.DataFrame, title: str, xlabel: str, exact_label: str, top_label: str,
              max_rank: int = 5) -> plt.Figure:
    """Provincial ranks on one axis, one row per indicator, grouped by section.

    ``frame`` columns: label, group (section label), rank, rank_kind. Exact
    ranks are dots; "top n" ranks are bars from 1 to n (the rank lies somewhere
    in that range).
    """
    wrapped, y_positions, rows_height = _rows(list(frame["label"]), 2 * LABEL_WIDTH)
    fig, ax = plt.subplots(figsize=(11, max(3, rows_height + 1.6)))
    groups = list(dict.fromkeys(frame["group"]))
    for y, (_, row) in zip(y_positions, frame.iterrows()):
        color = PALETTE[groups.index(row["group"]) % len(PALETTE)]
        if row["rank_kind"] == "top_n":
            ax.plot([1, row["rank"]], [y, y], color=color, linewidth=7, alpha=0.35,
                    solid_capstyle="round")
        else:
            ax.scatter(row["rank"], y, s=90, color=color, zorder=3)
    ax.set_yticks(y_positions, wrapped, fontsize=9)
    ax.set_xticks(range(1, max_rank + 1))
    ax.set_xlim(0.5, max_rank + 0.5)
    ax.invert_xaxis()
    ax.set_xlabel(xlabel)
    set_title(ax, title)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color="#444444", markersize=8),
               plt.Line2D([], [], color="#444444", linewidth=7, alpha=0.35)]
    handles += [plt.Line2D([], [], marker="s", linestyle="", markersize=8,
                           color=PALETTE[i % len(PALETTE)]) for i in range(len(groups))]
    ax.legend(handles, [exact_label, top_label, *groups], fontsize=8, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


TICK_CHARS_PER_ROW = 60  # x labels longer than this in all (a CJK character counts twice) are slanted


def grouped_counts(frame: pd.DataFrame, title: str, ylabel: str) -> plt.Figure:
    """Stacked bars: rows are groups (x), columns are categories (stack)."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bottom = np.zeros(len(frame))
    for i, column in enumerate(frame.columns):
        ax.bar(frame.index, frame[column], bottom=bottom, label=column,
               color=PALETTE[i % len(PALETTE)], width=0.6)
        bottom += frame[column].to_numpy(dtype=float)
    labels = [_wrap(str(label), 18) for label in frame.index]
    crowded = sum(sum(2 if ord(ch) > 0x2E80 else 1 for ch in label) for label in labels) > TICK_CHARS_PER_ROW
    ax.set_xticks(range(len(frame.index)), labels, rotation=30 if crowded else 0, ha="right" if crowded else "center")
    ax.set_ylabel(ylabel)
    set_title(ax, title)
    ax.legend(fontsize=8, frameon=True, facecolor="white", edgecolor="none", framealpha=1)  # over the gridlines
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig
