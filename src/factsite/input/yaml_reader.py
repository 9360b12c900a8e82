"""Reading YAML as plain data while keeping where every key and value was written.

``yaml.safe_load`` loses positions and silently keeps the last of two equal keys. Here the parser's
events (libyaml's when available) are turned into plain data in a single pass, without composing
nodes, so every value has its ``line:column`` and a duplicate key is a problem, not a silent
overwrite. Timestamps stay the text the contributor wrote: dates are checked later, with a message
that can name the field.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from factsite.input.problems import Problem
from factsite.input.seeds import LineIndex

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"

MAX_DEPTH = 100  # levels of nesting; a real factchecks.yaml needs fewer than ten
# Values brought in through *aliases. Aliases can make a small file expand into billions of values
# ("billion laughs"); real files reuse a few mappings with `<<: *defaults`.
MAX_ALIAS_EXPANSIONS = 100_000

KeyPath = tuple[Any, ...]  # keys and indexes from the document root


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """Plain data plus the position of each value (``marks``) and each mapping key (``key_marks``).

    The value of an *alias has the alias's position; the values inside it are recorded only where
    the anchor was written, so ``mark`` finds the alias for them. ``marks`` may also hold paths
    through placeholder keys (values read but not kept): no path into ``data`` goes through those.
    """

    data: Any
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    # Values that could not be read: already reported, and ``None`` in ``data``.
    unreadable: set[KeyPath] = field(default_factory=set)

    def mark(self, path: KeyPath) -> Mark:
        """Where the value at ``path`` is, or the closest enclosing value that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def key_mark(self, path: KeyPath) -> Mark:
        return self.key_marks.get(path) or self.mark(path)


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


# libyaml's parser, or PyYAML's pure-Python one: both produce the same events.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The loader's implicit resolvers by the first character of a plain scalar ("" for the empty one),
# each list followed by the resolvers for any first character, as ``BaseResolver.resolve`` tries
# them. Most text starts with a character no resolver claims: it is a string without a regex run.
_Resolvers = list[tuple[str, re.Pattern[str]]]
_ANY_FIRST: _Resolvers = _Loader.yaml_implicit_resolvers.get(None, [])
_BY_FIRST: dict[str, _Resolvers] = {
    first: resolvers + _ANY_FIRST for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None
}


class _AnyText:
    def __contains__(self, item: object) -> bool:
        return True


_MAY_RESOLVE: Any = _AnyText() if _ANY_FIRST else frozenset(_BY_FIRST)  # first characters worth resolving


def _plain_tag(value: str) -> str:
    """The tag of an untagged plain scalar: ``resolve(ScalarNode, value, (True, False))``."""
    for tag, regexp in _BY_FIRST.get(value[:1], _ANY_FIRST):
        if regexp.match(value):
            return tag
    return _STR


def _tag(event: yaml.ScalarEvent) -> str:
    """A scalar's tag, resolved as PyYAML's composer does when none (or `!`) is written."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        return _plain_tag(event.value) if event.implicit[0] else _STR
    return tag


# A parser's mark: yaml.Mark, or libyaml's own class (the stubs also make every event's mark optional).
_YamlMark = Any


def _mark(mark: _YamlMark) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


class _Key:
    """A placeholder key, never a contributor's: no mapping in ``data`` holds one once it is complete."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


class _MergeKey(_Key):
    """Stands for one `<<` of a mapping: its value is kept under it until merged, at the mapping's end."""


# Where values that are read but not kept wait for their mapping to end: the value of a duplicate
# key, a key that is a list or mapping, and that key's value. Nothing on a path through it is
# reported: the key is, once.
_IGNORED = _Key("ignored")
_EMPTY = _Key("empty")  # what ``_Reader.read`` returns for a document with nothing in it
_UNBUILT = _Key("unbuilt")  # the value of an anchored mapping key: converted when an alias needs it


class _Anchor:
    """A value with an ``&anchor``; *aliases reuse ``value`` rather than converting it again."""

    __slots__ = ("done", "height", "path", "scalar", "size", "start_mark", "unreadable", "value")

    def __init__(self, value: Any, path: KeyPath, start_mark: _YamlMark, scalar: yaml.ScalarEvent | None = None):
        self.value = value
        self.path = path  # where it was read: the marks of the values in it are under this path
        self.start_mark = start_mark
        self.scalar = scalar  # a scalar's event: its text and tag serve an alias used as a key
        self.done = True  # False while a collection is being read: an alias to it then is a cycle
        self.size = 1  # values in it, each alias in it counting as the size of its anchor
        self.height = 0  # levels of collections in it: 0 for a scalar, 1 for [1, 2]
        self.unreadable: list[KeyPath] = []  # unreadable values in it, relative to ``path``


class _Extra:
    """What few collections need: an anchor to complete, merges to apply, ignored values to drop."""

    __slots__ = ("anchor", "ignored", "merges", "outer_deepest", "unreadable_before", "values_before")

    def __init__(self) -> None:
        self.anchor: _Anchor | None = None
        self.outer_deepest = 0  # the enclosing ``deepest`` while the anchor measures its own height
        self.values_before = 0  # values recorded and brought in by aliases before the anchor
        self.unreadable_before = 0  # unreadable values recorded before the anchor
        self.merges: list[tuple[_MergeKey, KeyPath]] = []
        self.ignored = False  # the mapping holds an _IGNORED value


# A collection left for a nested one: container, path, is_map, extra, and the key and value path it
# waits for once the nested one ends (None: the next key).
_Frame = tuple[Any, KeyPath, bool, "_Extra | None", Any, KeyPath]

_new_tuple = tuple.__new__  # Mark(line, column) without the Python-level ``Mark.__new__``


class _Reader:
    """One pass over the parser's events, building ``Document.data`` and its marks as it goes.

    A collection is stored, empty, in its parent when it starts, and filled by the events that
    follow; a scalar is converted and stored where it arrives. The common events (an untagged,
    unanchored scalar, a collection's start or end) are handled inline in ``collections``, where the
    time goes; everything rarer is a method.
    """

    def __init__(self, text: str, filename: str) -> None:
        self.loader = _Loader(text)
        self.filename = filename
        self.doc = Document(None)
        self.problems: list[Problem] = []
        self._reported: set[Problem] = set()
        self._constructor = yaml.constructor.SafeConstructor()
        self._anchors: dict[str, _Anchor] = {}
        self._aliased: dict[KeyPath, _Anchor] = {}  # path of an alias's value -> its anchor
        self._unreadable: list[KeyPath] = []  # doc.unreadable in the order found, for _Anchor.unreadable
        self._expansions = 0  # values brought in by aliases so far
        self._over_budget = False  # the expansion problem was reported

    # -- problems -------------------------------------------------------------------------------

    def problem(self, path: KeyPath, kind: str, mark: Mark, message: str, fix: str) -> None:
        if _IGNORED in path:  # inside a value that is not kept: its key is what gets reported
            return
        problem = Problem(kind, self.filename, mark.line, mark.column, message, fix)
        # An anchored key converted for several aliases would otherwise repeat its problem.
        if problem not in self._reported:
            self._reported.add(problem)
            self.problems.append(problem)

    def set_unreadable(self, path: KeyPath) -> None:
        if _IGNORED not in path and path not in self.doc.unreadable:
            self.doc.unreadable.add(path)
            self._unreadable.append(path)

    def unreadable(self, path: KeyPath, mark: Mark, message: str, fix: str) -> None:
        """Report a value that cannot be used; it becomes ``None``, which the schema must not report again."""
        self.set_unreadable(path)
        self.problem(path, "yaml-syntax", mark, message, fix)

    def too_deep(self, path: KeyPath, mark: Mark) -> None:
        self.unreadable(path, mark, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the structure")

    # -- the document ---------------------------------------------------------------------------

    def read(self) -> Any:
        """The document's data, or ``_EMPTY``; marks and problems go to ``doc`` and ``problems``.

        Raises ``yaml.MarkedYAMLError`` on a syntax error, including the ones PyYAML's composer
        raised: a second document, an undefined alias, an anchor defined twice.
        """
        loader = self.loader
        loader.get_event()  # STREAM-START
        if loader.check_event(yaml.StreamEndEvent):
            return _EMPTY  # comments only
        loader.get_event()  # DOCUMENT-START
        event = loader.peek_event()
        root_mark = event.start_mark
        holder: dict[Any, Any] = {}
        root = _Key("root")
        if isinstance(event, yaml.ScalarEvent):
            loader.get_event()
            # A lone `---`, `~` or `null`: there is nothing to check.
            holder[root] = _EMPTY if _tag(event) == _NULL else self.scalar(event, ())
            self.doc.marks[()] = _mark(root_mark)
        elif isinstance(event, yaml.AliasEvent):
            self.anchor(loader.get_event())  # undefined: nothing is anchored yet
        else:
            self.collections(holder, root)
        loader.get_event()  # DOCUMENT-END
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", root_mark, "but found another document", event.start_mark
            )
        loader.get_event()  # STREAM-END
        return holder[root]

    def collections(self, holder: dict[Any, Any], root: _Key) -> None:
        """Read the root collection and everything in it, from its start event to its end event."""
        ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
        MappingStartEvent, MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
        SequenceStartEvent, SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent
        get_event = self.loader.get_event
        marks = self.doc.marks
        key_marks = self.doc.key_marks
        may_resolve = _MAY_RESOLVE
        new_tuple = _new_tuple

        stack: list[_Frame] = []
        # The collection being read; the root one is read as the value of `root` in `holder`.
        container: Any = holder
        path: KeyPath = ()
        is_map = True
        extra: _Extra | None = None
        key: Any = root  # in a mapping: the key whose value comes next; None when a key comes next
        kpath: KeyPath = ()  # the path of that value
        depth = 0  # collections open
        deepest = 0  # the most collections open at once since the innermost open anchor began

        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                value = event.value
                if is_map:
                    if key is None:  # a key
                        if event.tag is None and event.anchor is None and value != "<<" and value not in container:
                            kpath = path + (value,)
                            start = event.start_mark
                            key_marks[kpath] = new_tuple(Mark, (start.line + 1, start.column + 1))
                            key = value
                        else:
                            key, kpath, extra = self.odd_key(event, container, path, extra)
                        continue
                    if event.tag is None and event.anchor is None:
                        if event.implicit[0] and value[:1] in may_resolve:  # plain: maybe a number, null...
                            value = self.plain(event, kpath)
                    else:
                        value = self.scalar(event, kpath)
                    container[key] = value
                    key = None
                    start = event.start_mark
                    marks[kpath] = new_tuple(Mark, (start.line + 1, start.column + 1))
                else:  # the same, for an item of a list
                    vpath = path + (len(container),)
                    if event.tag is None and event.anchor is None:
                        if event.implicit[0] and value[:1] in may_resolve:
                            value = self.plain(event, vpath)
                    else:
                        value = self.scalar(event, vpath)
                    container.append(value)
                    start = event.start_mark
                    marks[vpath] = new_tuple(Mark, (start.line + 1, start.column + 1))

            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                resume_key: Any = None  # what this mapping waits for once the new collection ends
                resume_path: KeyPath = ()
                if is_map:
                    if key is None:  # a list or mapping as a key: reported, then read and dropped
                        extra = self.collection_key(event, path, extra)
                        key = resume_key = _IGNORED
                        kpath = resume_path = path + (_IGNORED,)
                    vpath = kpath
                else:
                    vpath = path + (len(container),)
                start = event.start_mark
                marks[vpath] = new_tuple(Mark, (start.line + 1, start.column + 1))
                value = {} if cls is MappingStartEvent else []
                if depth >= MAX_DEPTH:
                    self.skip_collection(event, vpath)
                    value = None
                if is_map:
                    container[key] = value
                    key, kpath = resume_key, resume_path
                else:
                    container.append(value)
                if value is None:
                    continue
                stack.append((container, path, is_map, extra, key, kpath))
                container, path, is_map, extra, key = value, vpath, cls is MappingStartEvent, None, None
                depth += 1
                deepest = max(deepest, depth)
                if event.anchor is not None:
                    extra = self.open_anchor(event, value, vpath, deepest)
                    deepest = depth

            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                if extra is not None:
                    deepest = self.close(container, path, extra, depth, deepest)
                depth -= 1
                if not depth:  # the root collection ended
                    return
                container, path, is_map, extra, key, kpath = stack.pop()

            elif cls is AliasEvent:
                if is_map:
                    if key is None:
                        key, kpath, extra = self.alias_key(event, container, path, extra)
                        continue
                    value, height = self.alias_value(event, kpath, depth)
                    container[key] = value
                    key = None
                else:
                    value, height = self.alias_value(event, path + (len(container),), depth)
                    container.append(value)
                deepest = max(deepest, depth + height)

    # -- scalars --------------------------------------------------------------------------------

    def plain(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        """An untagged plain scalar that an implicit resolver may claim: a number, a boolean, null..."""
        return self.convert(event, _plain_tag(event.value), path)

    def scalar(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        """Any scalar value: tagged, anchored, quoted or plain."""
        value = self.convert(event, _tag(event), path)
        if event.anchor is not None:
            anchor = _Anchor(value, path, event.start_mark, event)
            if path in self.doc.unreadable:
                anchor.unreadable.append(())
            self.add_anchor(event, anchor)
        return value

    def convert(self, event: yaml.ScalarEvent, tag: str, path: KeyPath) -> Any:
        """The scalar as ``SafeConstructor`` makes it (numbers, booleans, ``!!binary``...), or reported."""
        if tag == _STR or tag == _TIMESTAMP:
            return event.value
        if tag == _NULL:
            return None
        start: _YamlMark = event.start_mark
        end: _YamlMark = event.end_mark
        node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
        try:
            return self._constructor.construct_object(node)
        except yaml.YAMLError as err:
            reason = str(getattr(err, "problem", err))
        except (ValueError, KeyError):  # e.g. `!!int abc`, `!!bool maybe`
            reason = f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}"
        self.unreadable(
            path,
            _mark(event.start_mark),
            f"cannot read this value: {reason}",
            "write plain text, numbers or dates; custom !tags are not supported",
        )
        return None

    # -- keys -----------------------------------------------------------------------------------

    def odd_key(
        self, event: yaml.ScalarEvent, mapping: dict[Any, Any], path: KeyPath, extra: _Extra | None
    ) -> tuple[Any, KeyPath, _Extra | None]:
        """A scalar key that is tagged, anchored, `<<` or a duplicate: the key and path of its value."""
        if event.anchor is not None:
            self.add_anchor(event, _Anchor(_UNBUILT, path + (event.value,), event.start_mark, event))
        return self.key(event.value, _tag(event), _mark(event.start_mark), mapping, path, extra)

    def key(
        self, text: str, tag: str, mark: Mark, mapping: dict[Any, Any], path: KeyPath, extra: _Extra | None
    ) -> tuple[Any, KeyPath, _Extra | None]:
        """A key is the text written, whatever it resolves to: `1:` and `'1':` are the same key."""
        if tag == _MERGE:
            merge = _MergeKey("<<")
            extra = extra or _Extra()
            extra.merges.append((merge, path + (merge,)))
            return merge, path + (merge,), extra
        kpath = path + (text,)
        if text in mapping:
            first = self.doc.key_marks[kpath]
            self.problem(
                kpath,
                "duplicate-key",
                mark,
                f"duplicate key '{text}' (first at line {first.line}); YAML would silently keep only one",
                f"remove one of the two '{text}' entries",
            )
            extra = extra or _Extra()
            extra.ignored = True
            return _IGNORED, path + (_IGNORED,), extra
        self.doc.key_marks[kpath] = mark
        return text, kpath, extra

    def collection_key(self, event: yaml.Event, path: KeyPath, extra: _Extra | None) -> _Extra:
        """Report a list or mapping used as a key; it and its value are read, then dropped."""
        self.problem(path, "wrong-type", _mark(event.start_mark), "a key must be plain text", "write the key as a word")
        extra = extra or _Extra()
        extra.ignored = True
        return extra

    def alias_key(
        self, event: yaml.AliasEvent, mapping: dict[Any, Any], path: KeyPath, extra: _Extra | None
    ) -> tuple[Any, KeyPath, _Extra | None]:
        anchor = self.anchor(event)
        if anchor.scalar is None:
            return _IGNORED, path + (_IGNORED,), self.collection_key(event, path, extra)
        scalar = anchor.scalar
        return self.key(scalar.value, _tag(scalar), _mark(event.start_mark), mapping, path, extra)

    # -- anchors and aliases --------------------------------------------------------------------

    def anchor(self, event: yaml.AliasEvent) -> _Anchor:
        anchor = self._anchors.get(event.anchor or "")
        if anchor is None:
            at: _YamlMark = event.start_mark
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", at)
        return anchor

    def add_anchor(self, event: yaml.NodeEvent, anchor: _Anchor) -> None:
        name = event.anchor
        assert name is not None
        if name in self._anchors:
            at: _YamlMark = event.start_mark
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {name!r}; first occurrence", self._anchors[name].start_mark, "second occurrence", at
            )
        self._anchors[name] = anchor

    def open_anchor(self, event: yaml.NodeEvent, value: Any, path: KeyPath, deepest: int) -> _Extra:
        """Start measuring an anchored collection; ``close`` completes its anchor."""
        extra = _Extra()
        extra.anchor = _Anchor(value, path, event.start_mark)
        extra.anchor.done = False
        extra.outer_deepest = deepest
        extra.values_before = len(self.doc.marks) + self._expansions
        extra.unreadable_before = len(self._unreadable)
        self.add_anchor(event, extra.anchor)
        return extra

    def alias_value(self, event: yaml.AliasEvent, path: KeyPath, depth: int) -> tuple[Any, int]:
        """What the alias at ``path`` stands for, and the levels of collections it brings in.

        The anchor's value is shared, not copied: plain data is not changed after reading. What it
        would expand into is counted, so whatever walks the data later has bounded work.
        """
        anchor = self.anchor(event)
        mark = _mark(event.start_mark)
        self.doc.marks[path] = mark
        # The value of a `<<`, or an item of its list: a mapping to merge, whose merged keys are
        # taken care of by ``merge``.
        to_merge = isinstance(path[-1], _MergeKey) or (len(path) > 1 and isinstance(path[-2], _MergeKey))
        if not anchor.done:
            if to_merge:
                self.unreadable(path, mark, "'<<' merges a mapping into itself", "remove the recursive merge")
            else:
                self.unreadable(path, mark, "an alias refers to itself", "remove the recursive alias")
            return None, 0
        if self._expansions + anchor.size > MAX_ALIAS_EXPANSIONS:
            if self._over_budget:  # reported once; every later alias is left out too
                self.set_unreadable(path)
            else:
                self.unreadable(
                    path,
                    mark,
                    f"*aliases expand into more than {MAX_ALIAS_EXPANSIONS:,} values",
                    "write the values out instead of nesting aliases of aliases",
                )
                self._over_budget = _IGNORED not in path
            return None, 0
        if depth + anchor.height > MAX_DEPTH:
            self.too_deep(path, mark)
            return None, 0
        self._expansions += anchor.size
        self._aliased[path] = anchor
        if anchor.value is _UNBUILT:  # an anchored key, used as a value
            assert anchor.scalar is not None
            return self.convert(anchor.scalar, _tag(anchor.scalar), path), 0
        if not to_merge:
            for inside in anchor.unreadable:
                self.set_unreadable(path + inside)
        return anchor.value, anchor.height

    # -- collections ----------------------------------------------------------------------------

    def skip_collection(self, start: yaml.NodeEvent, path: KeyPath) -> None:
        """Skip a collection nested deeper than ``MAX_DEPTH``, event by event, and report it.

        Whatever walks the data later recurses per level (libyaml's own composer recursed in C:
        tens of thousands of ``[`` crashed the interpreter). Anchors inside the skipped collection
        stay undefined; the rest of the file is still read.
        """
        get_event = self.loader.get_event
        open_collections = 1
        while open_collections:
            cls = get_event().__class__
            if cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                open_collections += 1
            elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
                open_collections -= 1
        self.too_deep(path, _mark(start.start_mark))
        if start.anchor is not None:
            anchor = _Anchor(None, path, start.start_mark)
            anchor.unreadable.append(())
            self.add_anchor(start, anchor)

    def close(self, container: Any, path: KeyPath, extra: _Extra, depth: int, deepest: int) -> int:
        """Finish a collection that needs more than its events; returns the new ``deepest``."""
        if extra.ignored:
            container.pop(_IGNORED, None)
        if extra.merges:
            self.merge(container, path, extra.merges)
        anchor = extra.anchor
        if anchor is None:
            return deepest
        anchor.done = True
        anchor.size = 1 + len(self.doc.marks) + self._expansions - extra.values_before
        anchor.height = deepest - depth + 1
        n = len(path)
        found = self._unreadable[extra.unreadable_before :]
        anchor.unreadable = [p[n:] for p in found if p[:n] == path and p in self.doc.unreadable]
        return max(deepest, extra.outer_deepest)

    def merge(self, mapping: dict[Any, Any], path: KeyPath, merges: list[tuple[_MergeKey, KeyPath]]) -> None:
        """Apply the mapping's `<<` keys as YAML specifies: explicit keys win, then earlier merged
        mappings over later ones. Merged mappings are complete: their own merges are applied."""
        doc = self.doc
        for merge, merge_path in merges:
            value = mapping.pop(merge, None)
            if type(value) is list:  # `<<: [*a, *b]`
                aliased = self._aliased.get(merge_path)
                origin = merge_path if aliased is None else aliased.path
                sources = [(item, origin + (i,)) for i, item in enumerate(value)]
            else:
                sources = [(value, merge_path)]
            for source, source_path in sources:
                if source_path in doc.unreadable:  # reported already: merging nothing is no new mistake
                    if source_path[: len(merge_path)] == merge_path:
                        doc.unreadable.discard(source_path)
                    continue
                if type(source) is not dict:
                    self.problem(
                        path,
                        "wrong-type",
                        doc.mark(source_path),
                        "'<<' can only merge a mapping",
                        "merge an &anchor of a mapping",
                    )
                    continue
                merged = [key for key in source if key not in mapping]
                for key in merged:
                    mapping[key] = source[key]
                self.merged_marks(source_path, path, merged)

    def merged_marks(self, source_path: KeyPath, path: KeyPath, keys: list[str]) -> None:
        """Record the merged ``keys`` of the mapping at ``source_path`` as read at ``path`` too.

        Only one level: deeper values fall back to these marks, as for an alias.
        """
        doc = self.doc
        anchor = self._aliased.get(source_path)
        origin = source_path if anchor is None else anchor.path
        for marks in (doc.marks, doc.key_marks):
            for key in keys:
                mark = marks.get(origin + (key,))
                if mark is not None:
                    marks[path + (key,)] = mark
        if anchor is not None:
            wanted = set(keys)
            for inside in anchor.unreadable:
                if inside and inside[0] in wanted:
                    self.set_unreadable(path + inside)
        elif doc.unreadable:  # a mapping written in place: only the merged values themselves
            for key in keys:
                if origin + (key,) in doc.unreadable:
                    self.set_unreadable(path + (key,))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, which would otherwise cost a third of the reading time.

    A large file becomes about a million objects that all stay alive (data, paths, marks); the
    collector would traverse that growing heap again and again to find nothing, as reading makes
    no reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_yaml(text: str, filename: str) -> tuple[Document, list[Problem]]:
    """Parse ``text``; on a syntax error, or when there is no content, the document's data is ``None``."""
    reader = _Reader(text, filename)
    try:
        with collector_paused():
            data = reader.read()
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
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, by its index
        at = max(err.position, 0)
        if _Loader is not yaml.SafeLoader:  # libyaml counts the bytes of the UTF-8 text
            at = len(text.encode("utf-8", "surrogatepass")[:at].decode("utf-8", "ignore"))
        line, column = LineIndex(text).line_col(min(at, len(text)))
        code = int(err.character)  # both readers report the code point
        return Document(None), [
            Problem(
                "yaml-syntax", filename, line, column,
                f"the invisible control character U+{code:04X} is not allowed in YAML",
                "delete it: retype the text around this column (most editors do not show the character)",
            )
        ]
    except yaml.YAMLError as err:  # errors without a position
        return Document(None), [
            Problem("yaml-syntax", filename, 1, 1, f"YAML error: {err}", "save the file as plain UTF-8 YAML")
        ]
    if data is _EMPTY:
        return Document(None), [
            Problem("empty-file", filename, 1, 1, "the file has no content", "add `sources:` and `checks:`")
        ]
    reader.doc.data = data
    return reader.doc, reader.problems
