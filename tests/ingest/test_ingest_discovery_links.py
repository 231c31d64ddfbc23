"""A link to nothing, inside a folder or named, is an error naming the link (never skipped)."""
import os

import pytest

from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths
from metrics.ingest.files import discover
from tests.ingest.ingest_helpers import copy_base, fingerprint


def test_dangling_link_in_a_folder_is_an_error(base_copy, tmp_path):
    folder = copy_base(tmp_path / "files", only=["institutions"])
    link = folder / "entregas.csv"
    os.symlink(tmp_path / "nonexistent.csv", link)
    os.symlink(tmp_path / "gone", folder / ".#lock")           # hidden: skipped as before
    found, notes = discover([folder])
    assert [name for name, _ in found] == ["institutions.csv"]
    problem = f"a link to {tmp_path / 'nonexistent.csv'}, which does not exist (moved or deleted?)"
    assert notes == [("error", str(link), problem)]
    before = fingerprint(base_copy)
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], base_copy)
    frame = info.value.problems
    assert frame[["severity", "file", "problem", "code"]].values.tolist() == [
        ["error", str(link), problem, "no_file"]]
    assert fingerprint(base_copy) == before


def test_dangling_link_named_directly_says_it_is_a_link(tmp_path):
    link = tmp_path / "entregas.csv"
    os.symlink("/nonexistent", link)
    assert discover([link]) == ([], [("error", str(link), "a link to /nonexistent, which does "
                                      "not exist (moved or deleted?)")])
