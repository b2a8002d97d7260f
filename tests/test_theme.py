import re
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import theme  # noqa: E402


def chinese_figure():
    theme.use_theme()
    fig, ax = plt.subplots()
    ax.bar(["湖州", "浙江", "全国"], [69.3, 67.1, -2.5])
    ax.set_title("高新技术产业增加值占比（%）与“天工鼎”")
    ax.set_xlabel("地区 / place")
    theme.add_source(fig, "来源 / Source: 《湖州何以三夺“天工鼎”？》")
    return fig


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = chinese_figure()
        theme.save_figure(fig, tmp_path, "zh", "png")
        plt.close(fig)
    glyph = [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert glyph == []
    assert (tmp_path / "figures" / "zh.png").stat().st_size > 5000


def test_the_bundled_font_is_the_one_used():
    theme.use_theme()
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found.endswith("NotoSansCJKsc-Regular-GB2312.otf")
    assert (theme.paths.FONTS / "LICENSE-OFL.txt").read_text().startswith("Copyright")


def test_saving_is_deterministic(tmp_path):
    outputs = []
    for i in range(2):
        for fmt in ("png", "svg"):
            fig = chinese_figure()
            path = theme.save_figure(fig, tmp_path / str(i), "same", fmt)
            plt.close(fig)
            outputs.append(path.read_bytes())
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    svg = outputs[1].decode()
    assert "<dc:date>" not in svg and not re.search(r"20\d\d-\d\d-\d\dT", svg)
    assert b"Software" not in outputs[0][:2000]
    assert list((tmp_path / "0" / "figures").glob(".*")) == []


def test_the_bundled_font_covers_every_label_a_figure_may_draw():
    """Glossary labels, ledger and context names and the derived figures' signs: no missing-glyph box."""
    import pandas as pd
    from fontTools.ttLib import TTFont

    from helpers.context import load_all
    from helpers.lexicon import MODAL_MARKS

    cmap = TTFont(theme.FONT_FILE).getBestCmap()
    glossary = pd.read_csv(theme.paths.DATA / "glossary.csv", dtype=str, keep_default_na=False)
    ledger = pd.read_csv(theme.paths.DATA / "indicators.csv", dtype=str, keep_default_na=False)
    figures, tables = load_all()
    texts = [*glossary["zh"], *glossary["en"], *ledger["metric_zh"], *ledger["metric_en"],
             *figures["indicator_zh"], *figures["indicator_en"], *tables["gold_list_2025"]["place_zh"],
             "≤≥≈≲≳→×÷−", *MODAL_MARKS.values()]
    missing = sorted({ch for text in texts for ch in text if ord(ch) not in cmap and not ch.isspace()})
    assert missing == []


@pytest.mark.parametrize("reset", ["seaborn", "style", "defaults"])
def test_chinese_keeps_its_glyphs_after_a_theme_call_of_ones_own(reset):
    import seaborn as sns

    theme.use_theme()
    {"seaborn": lambda: sns.set_theme(style="darkgrid"), "style": lambda: plt.style.use("ggplot"),
     "defaults": matplotlib.rcdefaults}[reset]()
    fig, ax = plt.subplots()
    ax.set_title("湖州 Huzhou")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    theme.use_theme()
