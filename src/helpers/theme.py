"""The figures' theme: seaborn style, the bundled CJK font, source lines and deterministic saving.

The Simplified Chinese font ships with the package (``fonts/``, OFL 1.1) and
is registered with matplotlib here, so no figure depends on system fonts.
Saving is deterministic: no creation date or software version in PNG or SVG
metadata, a fixed SVG id salt, and an atomic write (temporary file, rename).
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager
from matplotlib.text import Text

from . import paths
from .files import atomic_write

FONT_FILE = paths.FONTS / "NotoSansCJKsc-Regular-GB2312.otf"
FONT_NAME = "Noto Sans SC Subset"  # the bundled file's own family name (see fonts/FONT.md)
PALETTE = ["#1f5f8b", "#d98c1f", "#3c9d5d", "#b03a48", "#7a5ea8", "#6b6b6b"]
SOURCE_WIDTH = 150  # characters per source line on an 8-inch-wide figure
SMALLEST_TEXT = "Smallest text"  # PNG text key: the size of the smallest text drawn, in points ("10.0 pt")
SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


@dataclass(frozen=True)
class Layout:
    """How large a chart is drawn for a page: its width, its text, the resolution of the page's image.

    A page has each chart twice: ``DESKTOP`` from 801 CSS px up and in print, ``PHONE`` on narrower screens
    (``PHONE_MEDIA``). On a phone an image is about 330 CSS px wide, so a chart drawn ``width`` inches wide
    shows its ``text`` at ``text × 330 / (width × 72)`` CSS px: 11 px for the phone's 10 pt on 4.2 inches,
    where the desktop's 8 inches would give 6 px. The phone layout also puts each row's label above its bar or dots (the full
    width for the words) and legends above the plot.
    """

    phone: bool
    width: float  # inches, of a chart of the usual shape
    wide: float  # inches, of a chart with long row labels beside it (the rank scorecard)
    text: float  # points: ticks, axis labels, legends, annotations, row labels
    title: float  # points
    dpi: int  # of the image a page shows

    @property
    def chars(self) -> int:
        """Characters of ``text`` size per line across the figure's width (a Chinese character counts two)."""
        return int(self.width * 72 / (self.text * 0.55))


DESKTOP = Layout(phone=False, width=8, wide=11, text=10, title=14, dpi=100)
PHONE = Layout(phone=True, width=4.2, wide=4.2, text=10, title=11, dpi=160)  # 672 px: twice the shown width
PHONE_MEDIA = "(max-width: 800px), print"  # where a page shows the phone rendering: a phone, and paper (its larger text reads at print size)


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


def smallest_text(fig: plt.Figure) -> float:
    """The size in points of the smallest text the figure draws (ticks, labels, legends, annotations)."""
    fig.draw_without_rendering()  # ticks are made when drawn
    sizes = [t.get_fontsize() for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t.get_figure() is not None]
    return float(min(sizes, default=0.0))


def png_bytes(fig: plt.Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes for a page (no metadata that changes from run to run). The image carries its
    resolution (``pHYs``) and the size of its smallest text (``SMALLEST_TEXT``), so that the size that text
    shows at on a screen can be worked out from the image alone: points × dpi / 72 × shown / natural width."""
    buffer = io.BytesIO()
    metadata = {**SAVE_METADATA["png"], SMALLEST_TEXT: f"{smallest_text(fig):.1f} pt"}
    fig.savefig(buffer, format="png", dpi=dpi, metadata=metadata, bbox_inches="tight")
    return buffer.getvalue()


def save_figure(fig: plt.Figure, out_dir: Path, name: str, fig_format: str = "png") -> Path:
    """Save ``fig`` as ``<out_dir>/figures/<name>.<format>``, atomically and deterministically."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fig_format, metadata=SAVE_METADATA[fig_format], bbox_inches="tight")
    return atomic_write(Path(out_dir) / "figures" / f"{name}.{fig_format}", buffer.getvalue())
