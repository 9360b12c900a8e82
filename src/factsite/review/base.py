"""The base a change is compared with: another ``factchecks.yaml``, or the one in a git commit.

A git base is read with ``git`` itself (argument lists, never a shell): the commit's
``factchecks.yaml`` and every file of its seeds folder are written to a temporary folder and loaded
from there like any project. Paths are taken relative to the repository's root, so the command works
from any folder of the repository.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factsite.input.invisible import escape_for_log

DEFAULT_REMOTE_BRANCH = "origin/main"
_GIT_TIMEOUT = 120  # seconds; reading a commit is local work


class BaseError(Exception):
    """The base cannot be found or read: a usage error, with what to do instead."""


@dataclass(frozen=True)
class Base:
    """The base's files on disk, and how to name the base to people."""

    name: str  # what was asked for: "origin/main", "HEAD~1", "../main/factchecks.yaml"
    description: str  # e.g. "origin/main (merge base 1a2b3c4d5e6f)"
    data: Path  # its factchecks.yaml (in a temporary folder for a commit)
    seeds: Path
    commit: str | None = None  # the full commit id, for a git base
    # Where the data and the seeds are in the commit, from the repository's root.
    data_path: str | None = None
    seeds_path: str | None = None
    missing: bool = False  # the commit has no such file: nothing was published yet

    def shown_path(self, path: str) -> str:
        """A problem's file, named as people know it: ``REF:seeds/x.txt``, not a temporary path."""
        if self.commit is None or self.data_path is None or self.seeds_path is None:
            return path
        if path == _display(self.data):
            return f"{self.name}:{self.data_path}"
        seeds = _display(self.seeds)
        if path.startswith(seeds + os.sep):
            return f"{self.name}:{self.seeds_path}/{Path(path).relative_to(seeds).as_posix()}"
        return path


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _git(args: list[str], cwd: Path, *, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise BaseError("git is not installed: give the base as a path to another factchecks.yaml") from None


def _out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "surrogateescape").strip()


def _err(result: subprocess.CompletedProcess[bytes]) -> str:
    return escape_for_log(result.stderr.decode("utf-8", "replace").strip())


def check_ref(ref: str) -> str:
    """``ref`` when it can only be read as a revision (never as an option of git), else BaseError."""
    if not ref or ref.strip() != ref:
        raise BaseError(f"'{escape_for_log(ref)}' is not a git revision")
    if ref.startswith("-"):
        raise BaseError(f"'{escape_for_log(ref)}' starts with '-': a git revision never does")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in ref):
        raise BaseError(f"'{escape_for_log(ref)}' holds a space or control character: not a git revision")
    return ref


def repository_root(folder: Path) -> Path:
    result = _git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        raise BaseError(
            f"{_display(folder)} is not in a git repository: give the base as a path to another"
            " factchecks.yaml"
        )
    return Path(_out(result))


def resolve_commit(root: Path, ref: str) -> str:
    revision = f"{check_ref(ref)}^{{commit}}"
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision], root)
    if result.returncode != 0:
        raise BaseError(
            f"'{escape_for_log(ref)}' is neither a file nor a commit of this repository"
            " (fetch it first, e.g. `git fetch origin main`)"
        )
    return _out(result)


def default_base(root: Path) -> tuple[str, str]:
    """The merge base of HEAD and origin/main: (commit, description), or BaseError saying to pass BASE."""
    remote = _git(["rev-parse", "--verify", "--quiet", f"refs/remotes/{DEFAULT_REMOTE_BRANCH}"], root)
    if remote.returncode != 0:
        raise BaseError(
            f"no BASE given and this repository has no {DEFAULT_REMOTE_BRANCH}: pass the base to compare"
            " with, e.g. `factsite diff main` or `factsite diff path/to/factchecks.yaml`"
        )
    result = _git(["merge-base", "HEAD", f"refs/remotes/{DEFAULT_REMOTE_BRANCH}"], root)
    if result.returncode != 0:
        raise BaseError(
            f"HEAD and {DEFAULT_REMOTE_BRANCH} have no common commit here ({_err(result) or 'none found'});"
            " in a shallow clone fetch the history (`git fetch --unshallow`), or pass BASE"
        )
    commit = _out(result)
    return commit, f"{DEFAULT_REMOTE_BRANCH} (merge base {commit[:12]})"


def _inside(path: Path, root: Path, what: str) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        raise BaseError(f"{what} {_display(path)} is outside the git repository {_display(root)}") from None


def _read_tree(root: Path, commit: str, folder: PurePosixPath, into: Path) -> None:
    """Every regular file under ``folder`` in ``commit``, written below ``into``."""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{folder}/"], root)
    if listing.returncode != 0:
        raise BaseError(f"cannot list {folder}/ in {commit[:12]}: {_err(listing)}")
    blobs: list[tuple[str, PurePosixPath]] = []
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        # Regular files only: a symlink or submodule in seeds/ has no text of its own to compare.
        if kind == "blob" and mode in ("100644", "100755"):
            blobs.append((sha, PurePosixPath(raw_name.decode("utf-8", "surrogateescape"))))
    if not blobs:
        return
    batch = _git(["cat-file", "--batch"], root, stdin="".join(f"{sha}\n" for sha, _ in blobs).encode())
    if batch.returncode != 0:
        raise BaseError(f"cannot read {folder}/ in {commit[:12]}: {_err(batch)}")
    data, offset = batch.stdout, 0
    for _, name in blobs:
        header_end = data.index(b"\n", offset)
        size = int(data[offset:header_end].split()[2])
        content = data[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the content ends with a line feed of the batch's own
        target = into.joinpath(*name.relative_to(folder).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


@contextmanager
def open_base(base: str | None, data: Path, seeds: Path) -> Iterator[Base]:
    """The base to compare ``data`` (with ``seeds``) with, on disk while the block runs.

    ``base`` is a path to a ``factchecks.yaml`` (or a folder holding one, seeds beside it), else a
    git revision of the repository ``data`` is in; None means the merge base of HEAD and
    origin/main. BaseError when there is no such base.
    """
    if base:
        path = Path(base)
        if path.is_dir() and (path / "factchecks.yaml").is_file():
            path = path / "factchecks.yaml"
        if path.is_file():
            yield Base(base, _display(path), path, path.parent / "seeds")
            return
    root = repository_root(data.resolve().parent)
    if base is None:
        commit, description = default_base(root)
        name = DEFAULT_REMOTE_BRANCH
    else:
        commit = resolve_commit(root, base)
        name, description = base, f"{base} ({commit[:12]})"
    data_path = _inside(data, root, "the data file")
    seeds_path = _inside(seeds, root, "the seeds folder")
    with tempfile.TemporaryDirectory(prefix="factsite-base-") as tmp:
        local_data = Path(tmp) / "factchecks.yaml"
        local_seeds = Path(tmp) / "seeds"
        local_seeds.mkdir()
        found = _git(["cat-file", "-e", f"{commit}:{data_path}"], root)
        # Read as stored (`git show REF:path` without any textconv filter of the repository's).
        content = _git(["cat-file", "blob", f"{commit}:{data_path}"], root) if found.returncode == 0 else None
        if content is not None and content.returncode != 0:
            raise BaseError(f"cannot read {data_path} in {description}: {_err(content)}")
        if content is not None:
            local_data.write_bytes(content.stdout)
            _read_tree(root, commit, seeds_path, local_seeds)
        yield Base(
            name, description, local_data, local_seeds, commit, str(data_path), str(seeds_path),
            missing=content is None,
        )
