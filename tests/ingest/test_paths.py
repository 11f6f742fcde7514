"""Path expansion: folders (sorted, recursive, hidden skipped), globs, stdin, duplicates."""

from __future__ import annotations

import io
from pathlib import Path

from wirewatch.ingest import iter_paths, read_paths
from wirewatch.records import Rejected
from wirewatch.settings import Options

from .helpers import ARTICLE, document, reason


def make_tree(root: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "c.txt", ".hidden.txt", ".git/x.txt", "a/.y"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")


def relative(root: Path, items: list[str | Rejected]) -> list[str]:
    return [str(Path(str(item)).relative_to(root)) for item in items]


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(iter_paths([str(tmp_path)]))
    assert relative(tmp_path, items) == ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert list(iter_paths([str(tmp_path / ".hidden.txt")])) == [str(tmp_path / ".hidden.txt")]


def test_glob_recursive(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(iter_paths([str(tmp_path / "**" / "c.txt")]))
    assert relative(tmp_path, items) == ["a/b/c.txt", "c.txt"]


def test_glob_matching_a_folder_expands_it(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(iter_paths([str(tmp_path / "[a]")]))
    assert relative(tmp_path, items) == ["a/b/c.txt", "a/z.txt"]


def test_each_file_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(iter_paths([str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "b.txt")]))
    assert relative(tmp_path, items) == ["b.txt", "a/b/c.txt", "a/z.txt", "c.txt"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty" / ".cache").mkdir(parents=True)
    [item] = list(iter_paths([str(tmp_path / "empty")]))
    assert reason(item) == "folder has no files (hidden files are skipped)"


def test_stdin_mixed_with_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    stdin = io.BytesIO(b"The regatta was moved to June.")
    results = list(read_paths([str(tmp_path / "a.txt"), "-"], Options(), stdin=stdin))
    assert [document(r).source for r in results] == [str(tmp_path / "a.txt"), "-"]
