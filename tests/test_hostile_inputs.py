"""Inputs as a hostile user or a careless collaborator gives them: each is refused in one sentence, or
made harmless, never a traceback (issue 24's trials on the data side)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import paths, preflight
from helpers.files import DataError, refuse_links_out
from helpers.params import ParameterError
from helpers.publish import pipeline, site

from conftest import data_copy


def linked_out(tmp_path: Path, name: str = "raw/SOURCE.md") -> Path:
    """A data folder whose ``name`` is a link to a file outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not to be published", encoding="utf-8")
    folder = data_copy(tmp_path)
    (folder / name).unlink()
    (folder / name).symlink_to(secret)
    return folder


def test_a_link_out_of_the_data_folder_is_refused_by_the_preflight_naming_it(tmp_path):
    folder = linked_out(tmp_path)
    with pytest.raises(DataError) as info:
        preflight.check(folder, paths.article_path(folder))
    message = str(info.value)
    assert "data/raw/SOURCE.md is a link to" in message and "outside the data folder" in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence


def test_the_site_never_copies_a_file_from_outside_the_data_folder(tmp_path):
    folder = linked_out(tmp_path, "context/huzhou.csv")
    target = tmp_path / "site"
    with pytest.raises(DataError, match="context/huzhou.csv is a link to"):
        site.copy_data(site.Inputs({}, folder), target)
    assert not (target / "data" / "context" / "huzhou.csv").exists()


def test_the_runner_refuses_it_before_reading_anything(tmp_path):
    folder = linked_out(tmp_path, "raw/article_ocr.txt")
    with pytest.raises(ParameterError, match="raw/article_ocr.txt is a link to"):
        pipeline.run(["en"], {"data_dir": str(folder)}, [], 1)


def test_links_that_stay_inside_the_data_folder_and_folders_outside_it_are_told_apart(tmp_path):
    folder = data_copy(tmp_path)
    (folder / "notes.md").write_text("provenance", encoding="utf-8")
    (folder / "raw" / "SOURCE.md").unlink()
    (folder / "raw" / "SOURCE.md").symlink_to(Path("..") / "notes.md")
    refuse_links_out(folder)  # inside: fine
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "context" / "more").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataError, match="context/more is a link to"):
        refuse_links_out(folder)
