import pytest

from helpers.params import DEFAULTS, ParameterError, validate


def test_defaults_are_valid():
    assert validate({}) == DEFAULTS


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"lang": "fr"}, ["'lang'", "'fr'", "'zh' or 'en'"]),
        ({"fig_format": "gif"}, ["'fig_format'", "'gif'", "'png' or 'svg'"]),
        ({"colour": "red"}, ["Unknown parameter 'colour'", "lang, data_dir"]),
        ({"data_dir": "/no/such/folder"}, ["'data_dir'", "not a folder"]),
        ({"data_dir": "/"}, ["'data_dir' is '/'", "not a data folder", "glossary.csv"]),
        ({"out_dir": "data"}, ["'out_dir' is 'data'", "inside the project's own data/"]),
        ({"article_path": "/no/such/file.txt"}, ["'article_path'", "not a file"]),
        ({"lang": 3}, ["'lang'", "must be text"]),
    ],
)
def test_bad_parameters_get_one_sentence(values, words):
    with pytest.raises(ParameterError) as info:
        validate(values)
    message = str(info.value)
    assert all(w in message for w in words), message
    assert message.count(". ") == 0 and message.endswith(".")


def test_existing_paths_are_accepted(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    (tmp_path / "glossary.csv").write_text("key,zh,en,note\n", encoding="utf-8")  # a data folder's layout
    full = validate({"data_dir": str(tmp_path), "article_path": str(article), "lang": "en"})
    assert full["lang"] == "en" and full["article_path"] == str(article)
