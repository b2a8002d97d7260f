"""The few chart shapes the notebooks use, drawn the same way everywhere.

Each function returns a matplotlib Figure drawn for a ``theme.Layout``: ``DESKTOP`` (the saved file and
wide screens) or ``PHONE`` (a narrow figure whose text stays legible on a 390 px screen: each row's label
above its bar or dots, legends above the plot). ``R.figure`` (``notebook.Notebook.figure``) adds the source
line, saves and shows it. Labels come in already translated. External values are drawn hollow (and say so
in the legend) so they never pass for the article's own figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory, offset_copy

from .theme import DESKTOP, PALETTE, Layout

ARTICLE_COLOR, EXTERNAL_COLOR, BOUND_COLOR = PALETTE[0], PALETTE[1], PALETTE[5]
TITLE_WIDTH = 60  # characters; a Chinese character counts as two
LABEL_WIDTH = 34  # characters of a bar's label per line

# Marks that stay with the text they open or close: a line never starts with a closing one or ends with an
# opening one.
_OPENING = "（(“‘《〈「『【["
_CLOSING = "）)”’》〉」』】]，,。、：:；;！!？?%％"
_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+/'’-]*|.")


def _width(text: str) -> int:
    """Width in Latin characters: a Chinese character (or full-width sign) counts two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """What a line may break between, each with whether a space stands before it: Latin words and numbers
    whole, Chinese characters one by one, an opening mark with what follows it, a closing mark with what
    precedes it."""
    pieces: list[tuple[str, bool]] = []
    for w, word in enumerate(text.split()):
        start = len(pieces)
        for piece in _PIECE.findall(word):
            if len(pieces) > start and (piece[0] in _CLOSING or pieces[-1][0][-1] in _OPENING):
                pieces[-1] = (pieces[-1][0] + piece, pieces[-1][1])
            else:
                pieces.append((piece, w > 0 and len(pieces) == start))
    return pieces


def _fill(pieces: list[tuple[str, bool]], limit: int) -> list[str]:
    """Pieces filled into lines of at most ``limit`` (a piece longer than that on a line of its own)."""
    lines: list[str] = []
    line, used = "", 0
    for piece, space in pieces:
        gap = " " if space and line else ""
        if line and used + _width(gap + piece) > limit:
            lines.append(line)
            line, used = piece, _width(piece)
        else:
            line, used = line + gap + piece, used + _width(gap + piece)
    return [*lines, line] if line else lines


def _good_breaks(lines: list[str]) -> int:
    """How many line ends fall where a reader expects a break: after punctuation or a word, before a bracket."""
    return sum(a[-1] in _CLOSING or a[-1].isascii() and b[0].isascii() or b[0] in _OPENING
               for a, b in zip(lines, lines[1:]))


def wrap_label(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` characters (a Chinese character counts two), as few lines as
    fit: of even length, broken after punctuation or before a bracket where one is at hand, never leaving a
    lone character or word on a line; brackets and punctuation stay with the words they belong to. A label
    that fits stays on one line."""
    text = " ".join(text.split())
    pieces = _pieces(text)
    total = _width(text)
    if total <= width:
        return text
    for count in range(math.ceil(total / width), len(pieces) + 1):
        fits = [lines for limit in range(math.ceil(total / count), width + 1)
                if len(lines := _fill(pieces, limit)) == count
                and min(_width(line.strip(_OPENING + _CLOSING)) for line in lines) > 2]  # no lone character
        if fits:
            return "\n".join(max(fits, key=_good_breaks))  # the first (most even) of the best
    return "\n".join(_fill(pieces, width))


def _rows(labels: Sequence[str], width: int) -> tuple[list[str], np.ndarray, float]:
    """Labels wrapped to ``width``, their y positions top to bottom (a row of several lines gets more
    room, so that neighbours never touch) and the height the rows need, in inches."""
    wrapped = [wrap_label(label, width) for label in labels]
    steps = [1 + 0.45 * label.count("\n") for label in wrapped]
    tops = np.cumsum([0, *steps[:-1]]) + np.array(steps) / 2
    return wrapped, tops.max() + steps[-1] / 2 - tops if wrapped else np.array([]), 0.5 * sum(steps)


def _labelled_rows(labels: Sequence[str], layout: Layout, mark: float,
                   head: int = 0) -> tuple[plt.Figure, plt.Axes, np.ndarray]:
    """A phone figure of rows, each its label (across the full width) above a mark ``mark`` inches high:
    the figure, its axes (y in inches, top row first) and each row's mark centre. ``head`` lines of text
    (a legend) are left room for above the rows."""
    wrapped = [wrap_label(label, layout.chars) for label in labels]
    line = layout.text * 1.25 / 72
    heights = [line * (label.count("\n") + 1) + mark + 0.12 for label in wrapped]
    total = sum(heights)
    top = 0.45 + head * line * 1.3
    fig = plt.figure(figsize=(layout.width, total + top + 0.6))
    ax = fig.add_axes((0.02, 0.6 / (total + top + 0.6), 0.96, total / (total + top + 0.6)))
    ax.set_ylim(total, 0)
    ends = np.cumsum(heights)
    centres = ends - 0.06 - mark / 2
    at_left = blended_transform_factory(ax.transAxes, ax.transData)
    for label, centre in zip(wrapped, centres):
        ax.text(0.005, centre - mark / 2 - 0.02, label, transform=at_left, ha="left", va="bottom",
                fontsize=layout.text, linespacing=1.1)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    return fig, ax, centres


def _sizes(ax: plt.Axes, layout: Layout) -> None:
    """Ticks and axis labels in the layout's text size."""
    ax.tick_params(labelsize=layout.text)
    ax.xaxis.label.set_size(layout.text)
    ax.yaxis.label.set_size(layout.text)


def set_title(ax: plt.Axes, title: str, pad: float = 6, layout: Layout = DESKTOP) -> None:
    """A left-aligned title, wrapped so that it never runs off the figure."""
    width = TITLE_WIDTH if not layout.phone else int(layout.chars * layout.text / layout.title)
    ax.set_title(wrap_label(title, width), pad=pad, fontsize=layout.title)


def _legend_above(ax: plt.Axes, handles: Sequence, labels: Sequence[str], layout: Layout, ncol: int,
                  above: float = 0) -> float:
    """A legend ``above`` points over the plot, left-aligned; returns the title's pad (points) that leaves
    room for it."""
    anchor = offset_copy(ax.transAxes, fig=ax.figure, y=above, units="points")
    labels = [wrap_label(label, layout.chars // ncol - 6) for label in labels]  # never wider than the figure
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.0), bbox_transform=anchor, ncol=ncol,
              fontsize=layout.text, frameon=False, borderaxespad=0.2, handletextpad=0.4, columnspacing=1.0)
    lines = sum(max(label.count("\n") + 1 for label in labels[i:i + ncol]) for i in range(0, len(labels), ncol))
    return above + 10 + lines * layout.text * 1.6


def hbar(labels: Sequence[str], values: Sequence[float], annotations: Sequence[str], title: str,
         xlabel: str, colors: Sequence[str] | None = None,
         legend: Sequence[tuple[str, str]] = (), layout: Layout = DESKTOP) -> plt.Figure:
    """Horizontal bars, top to bottom in the given order, each with its annotation."""
    color = list(colors) if colors else ARTICLE_COLOR
    if layout.phone:
        fig, ax, y = _labelled_rows(labels, layout, mark=0.24, head=len(legend))
        bars = ax.barh(y, values, color=color, height=0.24)
    else:
        wrapped, y, rows_height = _rows(labels, LABEL_WIDTH)
        fig, ax = plt.subplots(figsize=(layout.width, max(2.6, 1.1 * rows_height + 1.4)))
        bars = ax.barh(y, values, color=color, height=0.6)
        ax.set_yticks(y, wrapped)
    ax.set_xlabel(xlabel)
    top = max(values) if len(values) else 1
    # room for the longest annotation after its bar: its share of the plot's width
    room = 0.6 * layout.text / 72 * max((_width(a) for a in annotations), default=0) / (layout.width * 0.8)
    ax.set_xlim(0, top * max(1.25, 1.05 / (1 - min(room, 0.6))) if top > 0 else 1)
    for bar, text in zip(bars, annotations):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, text,
                va="center", fontsize=layout.text)
    pad = 6
    if legend:
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c, _ in legend]
        pad = _legend_above(ax, handles, [t for _, t in legend], layout, 1 if layout.phone else len(legend))
    set_title(ax, title, pad=pad, layout=layout)
    _sizes(ax, layout)
    ax.grid(axis="y", visible=False)
    if not layout.phone:
        fig.tight_layout()
    return fig


def _cut_axis(ax: plt.Axes, note: str, layout: Layout) -> None:
    """A value axis that does not start at zero says so: a free band at the bottom of the plot holds
    ``note`` and two slanted strokes across the axis, the sign of a broken scale. An axis that would nearly
    reach zero starts at zero instead."""
    low, high = ax.get_ylim()
    if not note or low <= 0:
        return
    low -= (high - low) * 0.22
    if low <= (high - low) * 0.25:
        ax.set_ylim(0, high)
        return
    ax.set_ylim(low, high)
    ax.text(0.04, 0.02, note, transform=ax.transAxes, ha="left", va="bottom", fontsize=layout.text,
            color="#555555", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    for dy in (0.0, 0.025):
        ax.plot([-0.015, 0.015], [0.03 + dy, 0.05 + dy], transform=ax.transAxes, color="#555555",
                clip_on=False, linewidth=1.2)


def slope(left: str, right: str, v0: float, v1: float, labels: tuple[str, str], title: str,
          ylabel: str, baseline_note: str = "", layout: Layout = DESKTOP) -> plt.Figure:
    """Two values joined by a line: a change between two dates. The value axis is cut to show the change;
    ``baseline_note`` (e.g. 'the axis does not start at 0') is written in the plot's corner and a break mark
    drawn on the axis."""
    fig, ax = plt.subplots(figsize=(min(6, layout.width), 4.5 if not layout.phone else 3.6))
    ax.plot([0, 1], [v0, v1], color=ARTICLE_COLOR, marker="o", markersize=9, linewidth=2.5)
    for x, v, text in ((0, v0, labels[0]), (1, v1, labels[1])):
        ax.annotate(text, (x, v), xytext=(0, 10), textcoords="offset points", ha="center",
                    fontsize=max(11, layout.text))
    ax.set_xticks([0, 1], [left, right])
    ax.set_xlim(-0.4, 1.4)
    span = abs(v1 - v0) or 1
    ax.set_ylim(min(v0, v1) - span, max(v0, v1) + span)
    _cut_axis(ax, baseline_note, layout)
    ax.set_ylabel(ylabel)
    set_title(ax, title, layout=layout)
    _sizes(ax, layout)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


def timeline(frame: pd.DataFrame, title: str, ylabel: str, article_label: str,
             external_label: str, baseline_note: str = "", layout: Layout = DESKTOP) -> plt.Figure:
    """Points over time by series; external values hollow, the article's filled.

    ``frame`` columns: series, x (a year, may be fractional), value, external
    (bool), label (text shown beside the point). A series of one point shows as
    a point in the legend, one of several as a line with points. A value axis
    that does not start at zero says so (``baseline_note``).
    """
    series = frame["series"].nunique()
    fig, ax = plt.subplots(figsize=(layout.width, 4.5 if not layout.phone else 2.8 + 0.25 * (series + 2)))
    handles, names = [], []
    for i, (series, part) in enumerate(frame.groupby("series", sort=False)):
        color = PALETTE[i % len(PALETTE)]
        part = part.sort_values("x")
        joined = len(part) > 1
        if joined:
            ax.plot(part["x"], part["value"], color=color, linewidth=1.5, alpha=0.6)
        for _, point in part.iterrows():
            ax.scatter(point["x"], point["value"], s=70, zorder=3, color=color,
                       facecolors="white" if point["external"] else color, linewidths=2)
            ax.annotate(point["label"], (point["x"], point["value"]), xytext=(6, 6),
                        textcoords="offset points", fontsize=layout.text - (1 if not layout.phone else 0))
        handles.append(Line2D([], [], color=color, marker="o", markersize=7, linewidth=1.5,
                              linestyle="-" if joined else ""))
        names.append(series)
    handles += [Line2D([], [], marker="o", linestyle="", markersize=8, color="#444444"),
                Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="white",
                       markeredgecolor="#444444", markeredgewidth=2)]
    names += [article_label, external_label]
    years = sorted(set(int(np.floor(x)) for x in frame["x"]))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(min(years) - 0.5, max(years) + (1 if not layout.phone else 1.4))
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + (high - low) * 0.08)  # room for the labels above the highest points
    _cut_axis(ax, baseline_note, layout)
    ax.set_ylabel(ylabel)
    if layout.phone:
        pad = _legend_above(ax, handles, names, layout, 1)
    else:
        ax.legend(handles, names, fontsize=layout.text - 2, frameon=False, loc="best")
        pad = 6
    set_title(ax, title, pad=pad, layout=layout)
    _sizes(ax, layout)
    fig.tight_layout()
    return fig


def rank_dots(frame: pd.DataFrame, title: str, xlabel: str, exact_label: str, top_label: str,
              max_rank: int = 5, layout: Layout = DESKTOP) -> plt.Figure:
    """Provincial ranks on one axis, one row per indicator, grouped by section.

    ``frame`` columns: label, group (section label), rank, rank_kind. Exact
    ranks are dots; "top n" ranks are bars from 1 to n (the rank lies somewhere
    in that range).
    """
    groups = list(dict.fromkeys(frame["group"]))
    if layout.phone:
        fig, ax, y_positions = _labelled_rows(list(frame["label"]), layout, mark=0.2, head=len(groups) + 2)
        ax.tick_params(labeltop=True)
    else:
        wrapped, y_positions, rows_height = _rows(list(frame["label"]), 2 * LABEL_WIDTH)
        fig, ax = plt.subplots(figsize=(layout.wide, max(3, rows_height + 1.6)))
        ax.set_yticks(y_positions, wrapped)
    for y, (_, row) in zip(y_positions, frame.iterrows()):
        color = PALETTE[groups.index(row["group"]) % len(PALETTE)]
        if row["rank_kind"] == "top_n":
            ax.plot([1, row["rank"]], [y, y], color=color, linewidth=7, alpha=0.35,
                    solid_capstyle="round")
        else:
            ax.scatter(row["rank"], y, s=90, color=color, zorder=3)
    ax.set_xticks(range(1, max_rank + 1))
    ax.set_xlim(0.5, max_rank + 0.5)
    ax.invert_xaxis()
    ax.set_xlabel(xlabel)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color="#444444", markersize=8),
               plt.Line2D([], [], color="#444444", linewidth=7, alpha=0.35, solid_capstyle="butt")]
    handles += [plt.Line2D([], [], marker="s", linestyle="", markersize=8,
                           color=PALETTE[i % len(PALETTE)]) for i in range(len(groups))]
    names = [exact_label, top_label, *groups]
    if layout.phone:
        pad = _legend_above(ax, handles, names, layout, 1, above=layout.text * 1.8)  # over the ticks on top
    else:
        ax.legend(handles, names, fontsize=layout.text - 2, frameon=False, loc="upper left",
                  bbox_to_anchor=(1.01, 1))
        pad = 6
    set_title(ax, title, pad=pad, layout=layout)
    _sizes(ax, layout)
    if not layout.phone:
        ax.tick_params(axis="y", labelsize=layout.text - 1)
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    return fig


TICK_CHARS_PER_ROW = 60  # x labels longer than this in all (a CJK character counts twice) are slanted


def grouped_counts(frame: pd.DataFrame, title: str, ylabel: str, layout: Layout = DESKTOP) -> plt.Figure:
    """Stacked bars: rows are groups (x), columns are categories (stack). On a phone the bars lie down, one
    row per group with its label above, so that no label is slanted or squeezed."""
    if layout.phone:
        fig, ax, y = _labelled_rows([str(label) for label in frame.index], layout, mark=0.22,
                                    head=len(frame.columns))
        left = np.zeros(len(frame))
        for i, column in enumerate(frame.columns):
            ax.barh(y, frame[column], left=left, label=column, color=PALETTE[i % len(PALETTE)], height=0.22)
            left += frame[column].to_numpy(dtype=float)
        ax.set_xlabel(ylabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
        pad = _legend_above(ax, *ax.get_legend_handles_labels(), layout, 1)
        set_title(ax, title, pad=pad, layout=layout)
        _sizes(ax, layout)
        return fig
    fig, ax = plt.subplots(figsize=(layout.width, 4.5))
    bottom = np.zeros(len(frame))
    for i, column in enumerate(frame.columns):
        ax.bar(frame.index, frame[column], bottom=bottom, label=column,
               color=PALETTE[i % len(PALETTE)], width=0.6)
        bottom += frame[column].to_numpy(dtype=float)
    labels = [wrap_label(str(label), 18) for label in frame.index]
    crowded = sum(_width(label) for label in labels) > TICK_CHARS_PER_ROW
    ax.set_xticks(range(len(frame.index)), labels, rotation=30 if crowded else 0, ha="right" if crowded else "center")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=layout.text - 2, frameon=True, facecolor="white", edgecolor="none", framealpha=1)  # over the gridlines
    set_title(ax, title, layout=layout)
    _sizes(ax, layout)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig
