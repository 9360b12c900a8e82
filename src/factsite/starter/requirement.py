"""Which factsite a new desk installs: the one that ran ``factsite init``, wherever it came from.

A desk pins factsite in one line of its requirements.txt, so its workflows build with the version
its files were written for. Read from how this factsite was installed (PEP 610's direct_url.json):
a git URL pins its commit; a checkout of a repository published over http(s) pins that repository
at the checkout's commit; an installed package pins its version; anything else falls back to this
repository's release tag, and says so.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

# This repository's address, the fallback when the running factsite does not say where it came from.
FACTSITE_REPOSITORY = "https://github.com/OWNER/factsite"


@dataclass(frozen=True)
class Requirement:
    line: str  # as written in requirements.txt
    guessed: bool  # True when nothing said where this factsite came from: the desk should check it


def _git(checkout: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(checkout), *args], capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _published_checkout(url: str) -> str | None:
    """``git+https://…@commit`` for a local checkout whose origin is published over http(s)."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    checkout = Path(unquote(parts.path))
    origin, commit = _git(checkout, "remote", "get-url", "origin"), _git(checkout, "rev-parse", "HEAD")
    if not origin or not commit or urlsplit(origin).scheme not in ("http", "https"):
        return None
    return f"git+{origin}@{commit}"


def default_requirement() -> Requirement:
    installed = metadata.distribution("factsite")
    version = installed.version
    fallback = Requirement(f"factsite @ git+{FACTSITE_REPOSITORY}@v{version}", guessed=True)
    try:
        direct = json.loads(installed.read_text("direct_url.json") or "null")
    except (ValueError, OSError):
        return fallback
    if direct is None:  # from a package index
        return Requirement(f"factsite=={version}", guessed=False)
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return Requirement(f"factsite @ git+{url}@{vcs['commit_id']}", guessed=False)
    published = _published_checkout(url)
    return Requirement(f"factsite @ {published}", guessed=False) if published else fallback
