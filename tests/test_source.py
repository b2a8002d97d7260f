import hashlib

import pytest

from helpers import paths
from helpers.source import ArticleError, clean, load_article, raw_lines, read_text, segment

PAGE_SHA256 = "1af98b2430b6b630f69d58a8f470563eb0379e810af0d20ff85b58d28e4bfb10"


def test_raw_page_is_the_unedited_copy():
    data = (paths.DATA / "raw" / "article_ocr.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == PAGE_SHA256


def test_lines_broken_mid_sentence_are_joined_without_spaces():
    raw = "湖州的新兴产业链规\n上营收占比达到\n\n36.9%，位居前\n列。\n\n下一段开始了。\n"
    result = clean(raw)
    assert [p.text for p in result.paragraphs] == ["湖州的新兴产业链规上营收占比达到36.9%，位居前列。",
                                                   "下一段开始了。"]


def test_blank_line_after_a_finished_sentence_ends_the_paragraph():
    result = clean("第一句话。\n\n第二句话。")
    assert len(result.paragraphs) == 2


def test_doubled_caption_is_kept_once():
    result = clean("正文一句。\n\n 优质项目赋能升级优质项目赋能升级\n")
    assert result.paragraphs[-1].text == "优质项目赋能升级"
    assert result.paragraphs[-1].kind == "caption"
    assert result.dropped_captions == ["优质项目赋能升级优质项目赋能升级"]


def test_heading_is_detected_and_continuation_is_not():
    result = clean("上一段结束。\n\n“三箭齐发”谱写华章\n\n作为领军企业，业绩上升。\n\n"
                   "“天工鼎”犹如一座巍峨\n\n的丰碑，镌刻着精度。")
    kinds = [(p.kind, p.text[:6]) for p in result.paragraphs]
    assert kinds == [("body", "上一段结束。"), ("heading", "“三箭齐发”"), ("body", "作为领军企业"),
                     ("body", "“天工鼎”犹")]


def test_full_width_digits_and_stray_spaces_are_normalised():
    result = clean("培育未来工厂 １０ 家、智能工厂（数字化车间） 103家，占比３０．５％。")
    assert result.text == "培育未来工厂10家、智能工厂（数字化车间）103家，占比30.5%。"


def test_cleaned_offsets_map_back_to_raw_lines():
    result = clean("第一行文字\n第二行文字。\n\n第三段。")
    assert result.raw_line(0) == 1
    assert result.raw_line(result.text.index("第二行")) == 2
    assert result.raw_line(result.text.index("第三段")) == 4


def test_windows_line_endings_read_the_same(tmp_path):
    text = "第一行文字\n第二行文字。\n\n第三段。\n"
    unix, dos = tmp_path / "u.txt", tmp_path / "d.txt"
    unix.write_text(text, encoding="utf-8")
    dos.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert clean(read_text(unix)).text == clean(read_text(dos)).text


def test_gb18030_falls_back(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes("湖州三夺天工鼎，占比36.9%。".encode("gb18030"))
    assert read_text(path) == "湖州三夺天工鼎，占比36.9%。"


@pytest.mark.parametrize(("content", "words"), [
    (b"", ["empty"]),
    (b"  \n \n", ["empty"]),
    (bytes(range(256)) * 4, ["not text", "UTF-8 or GB18030"]),
])
def test_unreadable_files_name_the_file(tmp_path, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        read_text(path)
    assert path.name in str(info.value) and all(w in str(info.value) for w in words)
    assert str(path.parent) not in str(info.value)  # no machine's absolute path in a message a page may show


def test_big5_is_refused_not_read_as_garbage(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes((paths.DATA / "raw" / "article_ocr.txt").read_text(encoding="utf-8")[:2000]
                     .encode("big5", errors="ignore"))
    with pytest.raises(ArticleError, match="neither UTF-8 nor GB18030 Chinese"):
        read_text(path)


def test_an_article_over_the_size_limit_is_refused_up_front(tmp_path):
    from helpers.source import MAX_ARTICLE_BYTES

    path = tmp_path / "huge.txt"
    path.write_bytes("湖州。".encode() * (MAX_ARTICLE_BYTES // 9 + 1))
    with pytest.raises(ArticleError, match="the limit is"):
        read_text(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ArticleError, match="nope.txt"):
        read_text(tmp_path / "nope.txt")


def test_the_article_is_segmented_in_article_order(article):
    names = [s.name for s in article.sections]
    assert names == ["title", "award", "industry", "innovation", "green_digital", "captions"]
    assert article.title == "湖州何以三夺“天工鼎”？"
    by_name = {s.name: s for s in article.sections}
    assert by_name["industry"].heading == "“三箭齐发”谱写现代化产业华章"
    assert by_name["innovation"].heading == ""  # missing from the OCR, not invented
    assert by_name["industry"].paragraphs[-1].text.startswith("作为国内异型铜材")
    assert by_name["industry"].paragraphs[0].text.startswith("评价一座城市")
    assert by_name["green_digital"].paragraphs[-1].text.startswith("截至去年")
    assert len(by_name["captions"].paragraphs) == 2


def test_without_a_map_headings_start_sections():
    result = clean("导语一句。\n\n第一部分标题\n\n第一部分正文。\n\n第二部分标题\n\n第二部分正文。")
    sections = segment(result, None)
    assert [(s.name, s.heading) for s in sections] == [
        ("intro", ""), ("section_1", "第一部分标题"), ("section_2", "第二部分标题")]


def test_a_map_that_does_not_fit_is_not_used(tmp_path):
    page = tmp_path / "other.txt"
    page.write_text("另一篇文章的导语。\n\n小标题\n\n正文有3个数字。", encoding="utf-8")
    other = load_article(page, paths.DATA / "raw" / "sections.csv")
    assert not other.structure_used
    assert [s.name for s in other.sections] == ["intro", "section_1"]


def test_raw_lines_are_counted_as_an_editor_counts_them():
    assert raw_lines("一\n二\n") == ["一", "二"] == raw_lines("一\r\n二") and raw_lines("") == []
    assert raw_lines("一\n\n") == ["一", ""]  # a blank last line is a line; the final newline is not
    page = (paths.DATA / "raw" / "article_ocr.txt").read_bytes()
    assert len(raw_lines(page.decode("utf-8"))) == page.count(b"\n")  # the page ends with a newline
