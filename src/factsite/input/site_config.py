"""Where a site keeps its files, read from its ``mkdocs.yml`` without MkDocs: the ``data`` and
``seeds`` options of the factsite plugin (``plugins: - factsite: {...}``, or ``extra.factsite`` on a
site that runs factsite as a hook) and ``docs_dir``, each relative to the folder of ``mkdocs.yml``.

``factsite check`` without a FILE reads them, so it checks what the build will build. MkDocs' own
YAML tags are taken without running anything: ``!ENV`` gives its variable's value or its default,
as MkDocs does; any other tag (``!relative``, ``!!python/name:...``) gives an unknown value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")  # the names MkDocs looks for, in its order
DEFAULTS = {"data": "factchecks.yaml", "seeds": "seeds", "docs_dir": "docs"}
# Options that are a whole number of at least one, checked here as the plugin checks them, so that
# `factsite check` passes no mkdocs.yml the build refuses.
COUNTS = ("feed_size", "page_size")


@dataclass(frozen=True)
class SiteFiles:
    """The site's configuration file, and where it says the fact checks, seeds and pages are."""

    config: Path
    data: Path
    seeds: Path
    docs: Path


class SiteConfigError(Exception):
    """``mkdocs.yml`` cannot be read, or says something about the files that is not a path."""


class _Tagged:
    """A value written with a tag only MkDocs can run."""

    def __init__(self, tag: str):
        self.tag = tag


class _TolerantLoader(yaml.SafeLoader):
    """The safe loader, plus MkDocs' tags: ``!ENV`` resolved, every other tag kept as unknown."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable that is set (its text
    read as YAML reads a plain value), else the default (else nothing), as MkDocs resolves it."""
    default: Any = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
        if len(children) > 1:
            default = loader.construct_object(children.pop())
        names = [loader.construct_scalar(child) for child in children if isinstance(child, yaml.ScalarNode)]
    else:
        return _Tagged("!ENV")
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node.tag)


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", _unknown)


def find_site_config(folder: Path) -> Path | None:
    """``folder``'s ``mkdocs.yml`` (or ``mkdocs.yaml``), if it has one."""
    for name in CONFIG_NAMES:
        path = folder / name
        if path.is_file():
            return path
    return None


def load_config_text(text: str) -> Any:
    """The YAML ``text`` of a ``mkdocs.yml``, its MkDocs tags tolerated (see the module's docstring)."""
    return yaml.load(text, Loader=_TolerantLoader)  # a SafeLoader subclass: constructs no objects


def _plugin_options(config: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The factsite options, and where they are written (for messages)."""
    plugins = config.get("plugins")
    entries: dict[str, Any] = {}
    if isinstance(plugins, list):
        for item in plugins:
            if isinstance(item, str):
                entries.setdefault(item, None)
            elif isinstance(item, dict) and len(item) == 1:
                name, options = next(iter(item.items()))
                entries.setdefault(name, options)
    elif isinstance(plugins, dict):
        entries = plugins
    if "factsite" in entries:
        options, where = entries["factsite"], "the factsite plugin's options (`plugins: - factsite:`)"
    else:
        extra = config.get("extra")
        options = extra.get("factsite") if isinstance(extra, dict) else None
        where = "`extra.factsite`"
    if options is None:
        return {}, where
    if not isinstance(options, dict):
        raise SiteConfigError(f"{where} must be a mapping of `option: value` lines")
    return options, where


def read_site_config(path: Path) -> SiteFiles:
    """Where the site at ``path`` (its ``mkdocs.yml``) keeps its data, seeds and pages."""
    name = path.name
    try:
        config = load_config_text(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise SiteConfigError(f"{name} cannot be read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise SiteConfigError(f"{name} is not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "it is not valid YAML"
        raise SiteConfigError(f"{name} cannot be read{where}: {problem}") from None
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise SiteConfigError(f"{name} must be a mapping of `setting: value` lines")
    options, where = _plugin_options(config)
    for key in COUNTS:
        count = options.get(key, 1)
        if isinstance(count, _Tagged):
            continue  # only MkDocs can read it; the build checks it
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise SiteConfigError(
                f"{name}: `{key}` of {where} must be a whole number of at least 1, not {count!r}"
            )
    values = {"docs_dir": config.get("docs_dir", DEFAULTS["docs_dir"])}
    values.update({key: options.get(key, DEFAULTS[key]) for key in ("data", "seeds")})
    folder = path.parent
    paths: dict[str, Path] = {}
    for key, value in values.items():
        setting = f"`{key}` of {where}" if key != "docs_dir" else "`docs_dir`"
        if isinstance(value, _Tagged):
            raise SiteConfigError(
                f"{name} sets {setting} with the tag {value.tag}, which only MkDocs can read"
            )
        if value is None:
            value = DEFAULTS[key]
        if not isinstance(value, str) or not value.strip():
            raise SiteConfigError(f"{name}: {setting} must be a path, not {value!r}")
        paths[key] = folder / value
    return SiteFiles(config=path, data=paths["data"], seeds=paths["seeds"], docs=paths["docs_dir"])
