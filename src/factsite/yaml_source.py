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

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"

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

    def mark(self, path: Path) -> Mark:
        """Where the value at ``path`` is, or the closest enclosing value that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def key_mark(self, path: Path) -> Mark:
        return self.key_marks.get(path) or self.mark(path)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_SYNTAX_FIXES = {
    "mapping values are not allowed": "put the value in quotes: it contains ': '",
    "found character '\\t'": "indent with spaces, not tabs",
    "could not find expected ':'": "each key needs a ':' after it; quote values that span lines",
    "expected <block end>": "check the indentation: items of one list or mapping line up",
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


class _Converter:
    def __init__(self, filename: str):
        self.filename = filename
        self.doc = Document(None)
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self._active: set[int] = set()

    def problem(self, kind: str, mark: Mark, message: str, fix: str) -> None:
        self.problems.append(Problem(kind, self.filename, mark.line, mark.column, message, fix))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self.doc.marks[path] = _mark(node)
        if id(node) in self._active:
            self.problem("yaml-syntax", _mark(node), "an alias refers to itself", "remove the recursive alias")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value
        try:
            return self._constructor.construct_object(node)
        except yaml.YAMLError as err:
            self.problem(
                "yaml-syntax",
                _mark(node),
                f"cannot read this value: {getattr(err, 'problem', err)}",
                "write plain text, numbers or dates; custom !tags are not supported",
            )
            return None

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """Key/value node pairs, with ``<<: *anchor`` merges expanded (explicit keys win)."""
        explicit = [(k, v) for k, v in node.value if k.tag != _MERGE]
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            if key.tag != _MERGE:
                continue
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(self._pairs(source))
                else:
                    self.problem(
                        "wrong-type", _mark(source), "'<<' can only merge a mapping", "merge an &anchor of a mapping"
                    )
        names = {k.value for k, _ in explicit if isinstance(k, yaml.ScalarNode)}
        return explicit + [(k, v) for k, v in merged if k.value not in names]

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
    """Parse ``text``; on a syntax error the document's data is ``None``."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
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
    if node is None:
        return Document(None), [
            Problem("empty-file", filename, 1, 1, "the file is empty", "add `sources:` and `checks:`")
        ]
    converter = _Converter(filename)
    converter.doc.data = converter.convert(node, ())
    return converter.doc, converter.problems
