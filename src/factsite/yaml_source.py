"""Reading YAML as plain data while keeping where every key and value was written.

``yaml.safe_load`` loses positions and silently keeps the last of two equal keys. Here the file is
composed into nodes (libyaml when available) and converted by hand, so every value has its
``line:column`` and a duplicate key is a problem, not a silent overwrite. Timestamps stay the text
the contributor wrote: dates are checked later, with a message that can name the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from factsite.problems import Problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"
# Stands in for a collection nested too deeply to be composed; never written by contributors.
_TOO_DEEP = "tag:factsite.invalid,2025:too-deep"

MAX_DEPTH = 100  # levels of nesting; a real factchecks.yaml needs fewer than ten
# Values converted again through an *alias. Aliases can make a small file expand into billions of
# values ("billion laughs"); real files reuse a few mappings with `<<: *defaults`.
MAX_ALIAS_EXPANSIONS = 100_000

Path = tuple[Any, ...]  # keys and indexes from the document root


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """Plain data plus the position of each value (``marks``) and each mapping key (``key_marks``)."""

    data: Any
    marks: dict[Path, Mark] = field(default_factory=dict)
    key_marks: dict[Path, Mark] = field(default_factory=dict)
    # Values that could not be read: already reported, and ``None`` in ``data``.
    unreadable: set[Path] = field(default_factory=set)

    def mark(self, path: Path) -> Mark:
        """Where the value at ``path`` is, or the closest enclosing value that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def key_mark(self, path: Path) -> Mark:
        return self.key_marks.get(path) or self.mark(path)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_TABS = "indent with spaces, not tabs"
_INDENTATION = "check the indentation: items of one list or mapping line up"
# libyaml and pure-Python PyYAML word some errors differently: both wordings are listed.
_SYNTAX_FIXES = {
    "mapping values are not allowed": "put the value in quotes: it contains ': '",
    "found character '\\t'": _TABS,
    "found a tab character": _TABS,
    "could not find expected ':'": "each key needs a ':' after it; quote values that span lines",
    "expected <block end>": _INDENTATION,
    "did not find expected key": _INDENTATION,
    "did not find expected '-' indicator": _INDENTATION,
    "found undefined alias": "define the &anchor before using *alias, or quote the '*'",
    "expected a single document": "remove the '---' separator: the file holds one document",
    "found unexpected end of stream": "close the quote or bracket that was opened",
    "found unknown escape character": "in double quotes write a backslash as \\\\, or use single quotes",
}


def _syntax_fix(problem: str) -> str:
    for needle, fix in _SYNTAX_FIXES.items():
        if needle in problem:
            return fix
    return "check the quoting and indentation at this point"


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(yaml.composer.Composer, _BaseLoader):  # type: ignore[misc]
    """libyaml's parser (when available) with PyYAML's composer, stopped at ``MAX_DEPTH``.

    libyaml's own composer recurses in C: tens of thousands of ``[`` crash the interpreter (a
    segfault, sooner in threads with small stacks). Collections nested deeper than ``MAX_DEPTH``
    are skipped event by event and replaced by a ``_TOO_DEEP`` placeholder for the converter to
    report, so the rest of the file is still checked.
    """

    def __init__(self, stream: str) -> None:
        _BaseLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        level = 1 if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent) else 0
        if level and self._depth >= MAX_DEPTH:
            return self._skip_collection()
        self._depth += level
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= level

    def _skip_collection(self) -> yaml.Node:
        start = end = self.get_event()
        open_collections = 1
        while open_collections:
            end = self.get_event()
            if isinstance(end, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections += 1
            elif isinstance(end, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections -= 1
        node = yaml.ScalarNode(_TOO_DEEP, "", start.start_mark, end.end_mark)
        if start.anchor is not None:
            self.anchors[start.anchor] = node
        return node


class _Converter:
    def __init__(self, filename: str):
        self.filename = filename
        self.doc = Document(None)
        self.problems: list[Problem] = []
        self._reported: set[Problem] = set()
        self._constructor = yaml.constructor.SafeConstructor()
        self._active: set[int] = set()  # collections being converted: an alias to one is a cycle
        self._visited: set[int] = set()
        self._expansions = 0

    def problem(self, kind: str, mark: Mark, message: str, fix: str) -> None:
        problem = Problem(kind, self.filename, mark.line, mark.column, message, fix)
        # A value reached through several aliases would otherwise repeat its problem.
        if problem not in self._reported:
            self._reported.add(problem)
            self.problems.append(problem)

    def _unreadable(self, node: yaml.Node, path: Path, message: str, fix: str) -> None:
        """Report a value that cannot be used; it becomes ``None``, which the schema must not report again."""
        self.doc.unreadable.add(path)
        self.problem("yaml-syntax", _mark(node), message, fix)

    def _within_budget(self, node: yaml.Node) -> bool:
        """Count a visit of ``node``; ``False`` once aliases have expanded into too many values."""
        if id(node) in self._visited:
            self._expansions += 1
            if self._expansions == MAX_ALIAS_EXPANSIONS + 1:
                self.problem(
                    "yaml-syntax",
                    _mark(node),
                    f"*aliases expand into more than {MAX_ALIAS_EXPANSIONS:,} values",
                    "write the values out instead of nesting aliases of aliases",
                )
        self._visited.add(id(node))
        return self._expansions <= MAX_ALIAS_EXPANSIONS

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.doc.marks[path] = _mark(node)
        if not self._within_budget(node):
            self.doc.unreadable.add(path)  # reported once, by _within_budget
            return None
        if id(node) in self._active:
            self._unreadable(node, path, "an alias refers to itself", "remove the recursive alias")
            return None
        # Aliases can nest deeper than the composer's limit, and conversion recurses per level.
        if node.tag == _TOO_DEEP or len(path) > MAX_DEPTH:
            self._unreadable(
                node, path, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the structure"
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value
        try:
            return self._constructor.construct_object(node)
        except yaml.YAMLError as err:
            reason = str(getattr(err, "problem", err))
        except (ValueError, KeyError):  # e.g. `!!int abc`, `!!bool maybe`
            reason = f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}"
        self._unreadable(
            node,
            path,
            f"cannot read this value: {reason}",
            "write plain text, numbers or dates; custom !tags are not supported",
        )
        return None

    def _pairs(self, node: yaml.MappingNode, depth: int = 0) -> list[tuple[yaml.Node, yaml.Node]]:
        """Key/value node pairs with ``<<: *anchor`` merges expanded.

        As the YAML merge key specifies, explicit keys win, then earlier merged mappings over later ones.
        """
        explicit = [(k, v) for k, v in node.value if k.tag != _MERGE]
        taken = {k.value for k, _ in explicit if isinstance(k, yaml.ScalarNode)}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            if key.tag != _MERGE:
                continue
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.problem(
                        "wrong-type", _mark(source), "'<<' can only merge a mapping", "merge an &anchor of a mapping"
                    )
                    continue
                if id(source) in self._active:
                    self.problem(
                        "yaml-syntax", _mark(source), "'<<' merges a mapping into itself", "remove the recursive merge"
                    )
                    continue
                if depth >= MAX_DEPTH:  # each merge of a merge recurses
                    self.problem(
                        "yaml-syntax",
                        _mark(source),
                        f"'<<' merges are chained more than {MAX_DEPTH} deep",
                        "merge the shared mapping directly",
                    )
                    continue
                if not self._within_budget(source):
                    return explicit
                self._active.add(id(source))
                try:
                    source_pairs = self._pairs(source, depth + 1)
                finally:
                    self._active.discard(id(source))
                for k, v in source_pairs:
                    if not isinstance(k, yaml.ScalarNode):
                        merged.append((k, v))  # reported by _mapping
                    elif k.value not in taken:
                        taken.add(k.value)
                        merged.append((k, v))
        return explicit + merged

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("wrong-type", _mark(key_node), "a key must be plain text", "write the key as a word")
                continue
            key = str(key_node.value)
            if key in first_seen:
                first = first_seen[key]
                self.problem(
                    "duplicate-key",
                    _mark(key_node),
                    f"duplicate key '{key}' (first at line {first.line}); YAML would silently keep only one",
                    f"remove one of the two '{key}' entries",
                )
                continue
            first_seen[key] = _mark(key_node)
            self.doc.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.convert(value_node, (*path, key))
        return result


def read_yaml(text: str, filename: str) -> tuple[Document, list[Problem]]:
    """Parse ``text``; on a syntax error, or when there is no content, the document's data is ``None``."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and mark and mark.index >= len(text):
            # The input ended inside something left open (a quote, a bracket): where that
            # began is the place to fix, not the end of the file.
            mark = err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or "invalid YAML"
        if err.context:
            problem = f"{problem} ({err.context})"
        return Document(None), [
            Problem("yaml-syntax", filename, line, column, f"YAML syntax error: {problem}", _syntax_fix(problem))
        ]
    except yaml.YAMLError as err:  # errors without a position, e.g. from the reader
        return Document(None), [
            Problem("yaml-syntax", filename, 1, 1, f"YAML error: {err}", "save the file as plain UTF-8 YAML")
        ]
    # Comments only, or a lone `---`, `~` or `null`: there is nothing to check.
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
        return Document(None), [
            Problem("empty-file", filename, 1, 1, "the file has no content", "add `sources:` and `checks:`")
        ]
    converter = _Converter(filename)
    converter.doc.data = converter.convert(node, ())
    return converter.doc, converter.problems
