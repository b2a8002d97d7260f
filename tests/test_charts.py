"""The chart shapes: labels wrapped where a reader expects, a phone rendering whose text stays legible,
honest axes and legends."""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from helpers import charts, paths, theme  # noqa: E402
from helpers.charts import wrap_label  # noqa: E402

from conftest import shown_text_px  # noqa: E402

PHONE_IMAGE_WIDTH = 330  # CSS px an image gets on a 390 px screen (the browser test measures the real one)


def labels() -> list[str]:
    ledger = pd.read_csv(paths.DATA / "indicators.csv", dtype=str, keep_default_na=False)
    glossary = pd.read_csv(paths.DATA / "glossary.csv", dtype=str, keep_default_na=False)
    titles = glossary[glossary["key"].str.startswith(("fig.", "bar."))]
    return [*ledger["metric_zh"], *ledger["metric_en"], *titles["zh"], *titles["en"]]


@pytest.mark.parametrize("width", [16, 24, 34, 46, 60])
def test_no_label_line_is_a_lone_character_or_bracket(width):
    closing, opening = "）)”》」，。、：；", "（(“《「"
    for label in labels():
        lines = wrap_label(label, width).split("\n")
        assert "".join(lines).replace(" ", "") == label.replace(" ", ""), label
        for line in lines:
            assert charts._width(line) <= width or " " not in line and len(lines) > 1, (label, lines)
        if len(lines) > 1:
            assert all(charts._width(line.strip(closing + opening)) > 2 for line in lines), (label, width, lines)
            assert not any(line[0] in closing or line[-1] in opening for line in lines), (label, width, lines)


def test_labels_break_after_punctuation_and_evenly():
    assert wrap_label("省级工业互联网平台（建成）", 24) == "省级工业互联网平台\n（建成）"
    assert wrap_label("高新技术产业增加值占比：湖州与浙江（假定分母相同）", 34) == \
        "高新技术产业增加值占比：湖州与浙江\n（假定分母相同）"
    assert wrap_label("National green industrial-product design demonstration enterprises", 46) == \
        "National green industrial-product\ndesign demonstration enterprises"
    assert wrap_label("国家级绿色工厂", 24) == "国家级绿色工厂"


def figures(layout: theme.Layout) -> dict[str, plt.Figure]:
    """Every chart shape with Chinese labels long enough to wrap."""
    theme.use_theme("zh")
    long = "入选浙江省重点节能降碳项目名单的项目（近3年；入选数每年均居全省第一）"
    ranks = pd.DataFrame({"label": [long, "国家级绿色工厂", "规上工业新产品产值率"],
                          "group": ["“五位一体”：绿色与数字", "“五位一体”：绿色与数字", "“两新融合”：创新"],
                          "rank": [1, 2, 3], "rank_kind": ["exact", "top_n", "exact"]})
    points = pd.DataFrame({"series": ["湖州", "湖州", "浙江", "National green supply-chain management enterprises"],
                           "x": [2020, 2024, 2023, 2022], "value": [59.7, 69.3, 67.1, 62.0],
                           "external": [True, False, True, True], "label": ["59.7%", "69.3%", "67.1%", "62.0%"]})
    counts = pd.DataFrame({"设区市": [1, 1, 0], "县（市、区）": [3, 1, 2]}, index=["宁波", "杭州", "衢州"])
    return {
        "hbar": charts.hbar([long, "国家级绿色工厂"], [40, 76], ["40家 · 全省第1", "76家 · 全省第2"], "国家级绿色制造体系",
                            "数量", legend=[(charts.ARTICLE_COLOR, "文章"), (charts.EXTERNAL_COLOR, "外部来源")],
                            layout=layout),
        "slope": charts.slope("2022", "2024", 32.2, 36.9, ("32.2%", "36.9%"), "新兴产业链规上营收占比", "占比（%）",
                              baseline_note="纵轴不从 0 开始", layout=layout),
        "timeline": charts.timeline(points, "高新技术产业增加值占比", "占比（%）", "文章", "外部来源",
                                    baseline_note="纵轴不从 0 开始", layout=layout),
        "rank_dots": charts.rank_dots(ranks, "各指标的全省名次", "全省名次（1 为最好）", "确切名次", "前 n 名（范围）",
                                      layout=layout),
        "grouped_counts": charts.grouped_counts(counts, "首批天工鼎（金鼎）：按设区市（外部来源）", "地方（个）",
                                                layout=layout),
    }


def test_every_chart_drawn_for_a_phone_shows_its_text_at_10_css_px_or_more():
    for name, fig in figures(theme.PHONE).items():
        png = theme.png_bytes(fig, theme.PHONE.dpi)
        plt.close(fig)
        assert theme.smallest_text(fig) >= theme.PHONE.text, name
        assert shown_text_px(png, PHONE_IMAGE_WIDTH) >= 10, (name, shown_text_px(png, PHONE_IMAGE_WIDTH))
        image = Image.open(io.BytesIO(png))  # nothing (a long legend, a label) widens the figure or squeezes the plot
        inches = image.width / image.info["dpi"][0] - 2 * plt.rcParams["savefig.pad_inches"]
        assert inches <= theme.PHONE.width + 0.05, (name, inches)
        assert fig.axes[0].get_position().width * fig.get_figwidth() >= 0.6 * inches, name


def test_the_desktop_drawing_would_be_too_small_on_a_phone():
    """The measure can fail: the desktop rendering squeezed into a phone's width shows text below 10 px."""
    for name, fig in figures(theme.DESKTOP).items():
        png = theme.png_bytes(fig)
        plt.close(fig)
        assert shown_text_px(png, PHONE_IMAGE_WIDTH) < 10, name


def test_a_page_image_is_the_same_bytes_every_time():
    first, second = (theme.png_bytes(figures(theme.PHONE)["rank_dots"], theme.PHONE.dpi) for _ in range(2))
    plt.close("all")
    assert first == second


def test_a_single_point_is_a_point_in_the_legend_and_a_series_a_line():
    fig = figures(theme.DESKTOP)["timeline"]
    handles = {text.get_text(): handle for text, handle in
               zip(fig.axes[0].get_legend().get_texts(), fig.axes[0].get_legend().legend_handles)}
    plt.close("all")
    assert handles["浙江"].get_linestyle() == "None" and handles["浙江"].get_marker() == "o"
    assert handles["湖州"].get_linestyle() == "-"


def test_a_value_axis_cut_above_zero_says_so():
    for layout in (theme.DESKTOP, theme.PHONE):
        figs = figures(layout)
        for name in ("slope", "timeline"):
            ax = figs[name].axes[0]
            assert ax.get_ylim()[0] > 0
            assert "纵轴不从 0 开始" in [t.get_text() for t in ax.texts], name
    plt.close("all")
    near_zero = charts.slope("2022", "2024", 2.0, 3.0, ("2", "3"), "t", "y", baseline_note="纵轴不从 0 开始")
    ax = near_zero.axes[0]
    plt.close(near_zero)
    assert ax.get_ylim()[0] == 0 and "纵轴不从 0 开始" not in [t.get_text() for t in ax.texts]
