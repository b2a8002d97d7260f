"""The figures' theme: seaborn style, the bundled CJK font, source lines and deterministic saving.

The Simplified Chinese font ships with the package (``fonts/``, OFL 1.1) and
is registered with matplotlib here, so no figure depends on system fonts.
Saving is deterministic: no creation date or software version in PNG or SVG
metadata, a fixed SVG id salt, and an atomic write (temporary file, rename).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager

from . import paths
from .files import atomic_write

FONT_FILE = paths.FONTS / "NotoSansCJKsc-Regular-GB2312.otf"
FONT_NAME = "Noto Sans SC Subset"  # the bundled file's own family name (see fonts/FONT.md)
PALETTE = ["#1f5f8b", "#d98c1f", "#3c9d5d", "#b03a48", "#7a5ea8", "#6b6b6b"]
SOURCE_WIDTH = 150  # characters per source line on an 8-inch-wide figure
SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


def register_font() -> str:
    """Register the bundled font with matplotlib (once) and return its family name."""
    if FONT_NAME not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_FILE))
    return FONT_NAME


def keep_cjk_fallback() -> None:
    """Keep the bundled font as the last fallback of ``font.family``, whoever sets it later.

    A theme call of one's own (``sns.set_theme()``, ``plt.style.use(...)``,
    ``matplotlib.rcdefaults()``) replaces the font settings, and Chinese labels
    would turn into boxes. matplotlib draws each character with the first
    family of ``font.family`` that has it, so the bundled family is appended to
    every value that ``font.family`` is given (through its rcParams validator):
    Latin text keeps the theme's font, Chinese comes from the bundled one.
    """
    validate = matplotlib.RcParams.validate
    original = validate["font.family"]
    if getattr(original, "keeps_cjk_fallback", False):
        return

    def with_fallback(value: object) -> list[str]:
        families = original(value)
        return families if FONT_NAME in families else [*families, FONT_NAME]

    with_fallback.keeps_cjk_fallback = True  # type: ignore[attr-defined]
    validate["font.family"] = with_fallback
    matplotlib.rcParams["font.family"] = matplotlib.rcParams["font.family"]


def use_theme(lang: str = "zh") -> None:
    """Apply the project's seaborn theme with the CJK font (which stays a fallback after any other theme).

    Chinese figures draw everything with the bundled font; English ones draw
    Latin text, digits and quotes with DejaVu Sans and only Chinese with the
    bundled font (whose quotes are full-width).
    """
    family = register_font()
    keep_cjk_fallback()
    sns.set_theme(
        style="whitegrid",
        palette=PALETTE,
        rc={
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"] if lang == "zh" else ["DejaVu Sans", family],
            "axes.unicode_minus": True,
            "svg.hashsalt": paths.PROJECT,
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "figure.figsize": (8, 4.5),
            "axes.titleweight": "normal",  # the bundled font has one weight
            "axes.titlesize": 14,
            "axes.titlelocation": "left",
        },
    )


def add_source(fig: plt.Figure, source: str) -> plt.Text:
    """Put the source line ("来源/Source: …") under the figure, below everything else.

    It hangs below the lowest thing drawn (axis labels included); saving with
    ``bbox_inches="tight"`` (as ``save_figure`` and the notebook display do) takes it in.
    """
    width = SOURCE_WIDTH * fig.get_figwidth() / 8 * (1 if source.isascii() else 0.6)
    below = fig.get_tightbbox(fig.canvas.get_renderer()).y0 / fig.get_figheight()  # under the axis labels
    return fig.text(0.01, min(below, 0) - 0.01, textwrap.fill(source, int(width)), ha="left", va="top",
                    fontsize=8, color="#555555")


def png_bytes(fig: plt.Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes for a page (no metadata that changes from run to run)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata=SAVE_METADATA["png"], bbox_inches="tight")
    return buffer.getvalue()


def save_figure(fig: plt.Figure, out_dir: Path, name: str, fig_format: str = "png") -> Path:
    """Save ``fig`` as ``<out_dir>/figures/<name>.<format>``, atomically and deterministically."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fig_format, metadata=SAVE_METADATA[fig_format], bbox_inches="tight")
    return atomic_write(Path(out_dir) / "figures" / f"{name}.{fig_format}", buffer.getvalue())
