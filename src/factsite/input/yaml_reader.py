"""Reading YAML as plain data while keeping where every key and value was written.

``yaml.safe_load`` loses positions and silently keeps the last of two equal keys. Here the parser's
events (libyaml's when available) are read by recursive descent straight into plain data, so every
value has its ``line:column`` and a duplicate key is a problem, not a silent overwrite. Timestamps
stay the text the contributor wrote: dates are checked later, with a message that can name the field.
Booleans and numbers are read as YAML 1.1 reads them (`no` is false, `1.50` is 1.5), and the text
written for each is kept beside the data (``Document.written``), for the fields that are text.

Events rather than composed nodes: an alias composes into the very node it names, which loses where
the alias was written, and libyaml's composer recurses in C, where deep nesting overflows the stack.
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
from factsite.model import LineIndex

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
    the named value (``&name``) was written, so ``mark`` finds the alias for them. ``marks`` may also
    hold paths through placeholder keys (values read but not kept): no path into ``data`` goes
    through those.
    """

    data: Any
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    # Values that could not be read: already reported, and ``None`` in ``data``.
    unreadable: set[KeyPath] = field(default_factory=set)
    # The text written for each plain scalar that was read as a boolean or a number (`no`, `2025`,
    # `1.50`), in nested dicts keyed like ``data``: ``written["checks"][0]["rating"] == "false"``.
    # A value brought in by an alias or a merge has the text of where it was written, and is
    # the same node there: ``written_shared`` holds the ids of such nodes, whose data is shared too.
    written: dict[Any, Any] = field(default_factory=dict)
    written_shared: set[int] = field(default_factory=set)

    def mark(self, path: KeyPath) -> Mark:
        """Where the value at ``path`` is, or the closest enclosing value that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def key_mark(self, path: KeyPath) -> Mark:
        return self.key_marks.get(path) or self.mark(path)

    def written_text(self, path: KeyPath) -> str | None:
        """The text written for the boolean or number at ``path``, or None when it is not one."""
        node: Any = self.written
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node if isinstance(node, str) else None


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
_ScalarEvent, _AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
_MappingStart, _MappingEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_StreamEnd = yaml.StreamEndEvent

# The loader's implicit resolvers by the first character of a plain scalar ("" for the empty one),
# each list followed by the resolvers for any first character, as ``BaseResolver.resolve`` tries
# them. Most text starts with a character no resolver claims: it is a string without a regex run.
_Resolvers = list[tuple[str, re.Pattern[str]]]
_ANY_FIRST: _Resolvers = _Loader.yaml_implicit_resolvers.get(None, [])
_BY_FIRST: dict[str, _Resolvers] = {
    first: resolvers + _ANY_FIRST
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
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


def _is_plain(event: yaml.ScalarEvent) -> bool:
    """Whether a scalar's tag is resolved from its text: plain, with no tag (or `!`)."""
    return bool(event.implicit[0]) and event.tag in (None, "!")


def _tag(event: yaml.ScalarEvent) -> str:
    """A scalar's tag, resolved as PyYAML's composer does when none (or `!`) is written."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        return _plain_tag(event.value) if event.implicit[0] else _STR
    return tag


# A parser's mark: yaml.Mark, or libyaml's own class (the stubs also make every event's mark optional).
_YamlMark = Any
_Collection = dict[str, Any] | list[Any]
_new_tuple = tuple.__new__  # Mark(line, column) without the Python-level ``Mark.__new__``


def _mark(mark: _YamlMark) -> Mark:
    return _new_tuple(Mark, (mark.line + 1, mark.column + 1))


class _Placeholder:
    """A path element for a value read but not kept under a key of its own; never in ``data``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


# Where a value read but not kept is recorded: the value of a duplicate key, a key that is a list or
# mapping, and that key's value. Nothing on a path through it is reported: the key is, once.
_DROPPED = _Placeholder("dropped")


class _Merge(_Placeholder):
    """Stands for one `<<` of a mapping: its value is recorded under it, and merged at the mapping's end."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("<<")


def _merging(path: KeyPath) -> bool:
    """Whether ``path`` is the value of a `<<` or one level inside it, as a mapping of a list to merge."""
    return isinstance(path[-1], _Merge) or (len(path) > 1 and isinstance(path[-2], _Merge))


class _Named:
    """A value written with ``&name``: aliases reuse ``value`` rather than reading it again."""

    __slots__ = (
        "complete",
        "height",
        "is_key",
        "path",
        "scalar",
        "size",
        "start_mark",
        "unreadable",
        "value",
    )

    def __init__(
        self,
        value: Any,
        path: KeyPath,
        start_mark: _YamlMark,
        scalar: yaml.ScalarEvent | None = None,
        is_key: bool = False,
    ) -> None:
        self.value = value  # shared, not copied, by every alias: plain data is not changed after reading
        self.path = path  # where it was read: the marks of the values inside it are under this path
        self.start_mark = start_mark  # for the error of a second ``&name``
        self.scalar = scalar  # a scalar's event: its text and tag serve an alias used as a key
        self.is_key = is_key  # a named key has no value until an alias uses it as one
        self.complete = True  # False while its collection is read: an alias to it then is a cycle
        self.size = 1  # values in it, each alias inside counting as the size of what it names
        self.height = 0  # levels of collections in it: 0 for a scalar, 1 for [1, 2]
        self.unreadable: list[KeyPath] = []  # unreadable values in it, relative to ``path``


class _Reader:
    """Reads the parser's events by recursive descent into ``Document.data``, its marks and problems.

    Each value is read by the method for its kind (``scalar``, ``alias``, ``collection``, whose
    ``mapping`` or ``sequence`` read the values inside in turn) from its first event through its
    last; ``depth`` is the number of collections around it.
    """

    def __init__(self, text: str, filename: str) -> None:
        self.loader = _Loader(text)
        self.get_event = self.loader.get_event
        self.filename = filename
        self.doc = Document(None)
        self.marks = self.doc.marks
        self.problems: list[Problem] = []
        self._reported: set[Problem] = set()
        self._constructor = yaml.constructor.SafeConstructor()
        self._named: dict[str, _Named] = {}
        self._aliased: dict[KeyPath, _Named] = {}  # path of an alias's value -> what it names
        self._unreadable: list[KeyPath] = []  # doc.unreadable in the order found, for _Named.unreadable
        self._expansions = 0  # values brought in by aliases so far
        self._expansions_reported = False
        # The most collections open at once since the innermost named collection began: its height.
        self._deepest = 0

    # -- problems -------------------------------------------------------------------------------

    def problem(self, path: KeyPath, kind: str, mark: Mark, message: str, fix: str) -> None:
        if _DROPPED in path:  # inside a value that is not kept: its key is what gets reported
            return
        problem = Problem(kind, self.filename, mark.line, mark.column, message, fix)
        # A named key converted for several aliases would otherwise repeat its problem.
        if problem not in self._reported:
            self._reported.add(problem)
            self.problems.append(problem)

    def set_unreadable(self, path: KeyPath) -> None:
        if _DROPPED not in path and path not in self.doc.unreadable:
            self.doc.unreadable.add(path)
            self._unreadable.append(path)

    def unreadable(self, path: KeyPath, mark: Mark, message: str, fix: str) -> None:
        """Report a value that cannot be used; it becomes ``None``, which the schema must not report again."""
        self.set_unreadable(path)
        self.problem(path, "yaml-syntax", mark, message, fix)

    def too_deep(self, path: KeyPath, mark: Mark) -> None:
        message = f"values are nested more than {MAX_DEPTH} levels deep"
        self.unreadable(path, mark, message, "flatten the structure")

    # -- the document ---------------------------------------------------------------------------

    def read(self) -> bool:
        """Read the document into ``doc.data``; False when there is nothing in it.

        Raises ``yaml.MarkedYAMLError`` on a syntax error, including the ones PyYAML's composer
        raises: a second document, an undefined alias, a name defined twice.
        """
        loader = self.loader
        loader.get_event()  # STREAM-START
        if loader.check_event(_StreamEnd):
            return False  # comments only
        loader.get_event()  # DOCUMENT-START
        root = loader.get_event()
        # A lone `---`, `~` or `null`: there is nothing to check.
        empty = isinstance(root, _ScalarEvent) and _tag(root) == _NULL
        if not empty:
            self.doc.data = self.value(root, (), 0)
        loader.get_event()  # DOCUMENT-END
        if not loader.check_event(_StreamEnd):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                loader.get_event().start_mark,
            )
        loader.get_event()  # STREAM-END
        return not empty

    # -- values ---------------------------------------------------------------------------------

    def value(self, event: Any, path: KeyPath, depth: int) -> Any:
        """The value that starts with ``event``, read through its last event."""
        cls = event.__class__
        if cls is _ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                return self.scalar(event, path)
            # ``scalar`` inlined for most values: untagged and unnamed.
            value = event.value
            if event.implicit[0] and value[:1] in _MAY_RESOLVE:  # plain: maybe a number, null...
                value = self.plain(event, path)
            start: _YamlMark = event.start_mark
            self.marks[path] = _new_tuple(Mark, (start.line + 1, start.column + 1))
            return value
        if cls is _AliasEvent:
            return self.alias(event, path, depth)
        return self.collection(event, path, depth)

    def scalar(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        """Any scalar value: tagged, named, quoted or plain."""
        value = self.plain(event, path) if _is_plain(event) else self.convert(event, _tag(event), path)
        if event.anchor is not None:
            named = _Named(value, path, event.start_mark, scalar=event)
            if path in self.doc.unreadable:
                named.unreadable.append(())
            self.define(event, named)
        self.marks[path] = _mark(event.start_mark)
        return value

    def plain(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        """A plain scalar as YAML 1.1 reads it: text (a date's too), null, a boolean or a number.

        The text of a boolean or a number is recorded in ``doc.written``. Text that only looks like
        a number (`0x_`, `=`, `<<`) stays text: it is what was written, and the schema judges it.
        """
        text: str = event.value
        tag = _plain_tag(text)
        if tag in (_STR, _TIMESTAMP):
            return text
        if tag == _NULL:
            return None
        try:
            value = self.construct(event, tag)
        except (yaml.YAMLError, ValueError, KeyError, IndexError):
            return text
        self.write(path, text)
        return value

    def construct(self, event: yaml.ScalarEvent, tag: str) -> Any:
        start: _YamlMark = event.start_mark
        end: _YamlMark = event.end_mark
        node = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
        return self._constructor.construct_object(node)

    def convert(self, event: yaml.ScalarEvent, tag: str, path: KeyPath) -> Any:
        """The scalar as ``SafeConstructor`` makes it (numbers, booleans, ``!!binary``...), or reported."""
        if tag in (_STR, _TIMESTAMP):
            return event.value
        if tag == _NULL:
            return None
        try:
            return self.construct(event, tag)
        except yaml.YAMLError as err:
            reason = str(getattr(err, "problem", err))
        except (ValueError, KeyError, IndexError):  # e.g. `!!int abc`, `!!bool maybe`, `!!int ''`
            reason = f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}"
        self.unreadable(
            path,
            _mark(event.start_mark),
            f"cannot read this value: {reason}",
            "write plain text, numbers or dates; custom !tags are not supported",
        )
        return None

    def collection(self, start: Any, path: KeyPath, depth: int) -> _Collection | None:
        """A mapping or a list, from its start event through its end event."""
        self.marks[path] = _mark(start.start_mark)
        if depth >= MAX_DEPTH:
            self.skip_too_deep(start, path)
            return None
        depth += 1
        if depth > self._deepest:
            self._deepest = depth
        if start.anchor is not None:
            return self.named_collection(start, path, depth)
        if start.__class__ is _MappingStart:
            return self.mapping({}, path, depth)
        return self.sequence([], path, depth)

    def sequence(self, items: list[Any], path: KeyPath, depth: int) -> list[Any]:
        """Read a list's items into ``items``, through its end event."""
        get_event = self.get_event
        value = self.value
        while (event := get_event()).__class__ is not _SequenceEnd:
            items.append(value(event, path + (len(items),), depth))
        return items

    def mapping(self, entries: dict[str, Any], path: KeyPath, depth: int) -> dict[str, Any]:
        """Read a mapping's entries into ``entries``, through its end event, then merge its `<<` values."""
        get_event = self.get_event
        marks = self.marks
        key_marks = self.doc.key_marks
        merges: list[tuple[KeyPath, Any]] = []
        key: str | None
        start: _YamlMark
        while (event := get_event()).__class__ is not _MappingEnd:
            if (
                event.__class__ is _ScalarEvent
                and event.tag is None
                and event.anchor is None
                and (key := event.value) != "<<"
                and key not in entries
            ):  # ``other_key`` inlined for most keys
                key_path = path + (key,)
                start = event.start_mark
                key_marks[key_path] = _new_tuple(Mark, (start.line + 1, start.column + 1))
            else:
                key, key_path = self.other_key(event, entries, path, depth)
            event = get_event()
            if event.__class__ is _ScalarEvent and event.tag is None and event.anchor is None:
                # ``value`` inlined for most values, as it inlines ``scalar``.
                value = event.value
                if event.implicit[0] and value[:1] in _MAY_RESOLVE:
                    value = self.plain(event, key_path)
                start = event.start_mark
                marks[key_path] = _new_tuple(Mark, (start.line + 1, start.column + 1))
            else:
                value = self.value(event, key_path, depth)
            if key is not None:
                entries[key] = value
            elif isinstance(key_path[-1], _Merge):
                merges.append((key_path, value))
        if merges:
            self.merge(entries, path, merges)
        return entries

    def skip_too_deep(self, start: Any, path: KeyPath) -> None:
        """Skip a collection nested deeper than ``MAX_DEPTH``, event by event, and report it.

        Whatever walks the data later recurses per level (libyaml's own composer recursed in C:
        tens of thousands of ``[`` crashed the interpreter). Names defined inside the skipped
        collection stay undefined; the rest of the file is still read.
        """
        open_collections = 1
        while open_collections:
            cls = self.get_event().__class__
            if cls is _SequenceStart or cls is _MappingStart:
                open_collections += 1
            elif cls is _SequenceEnd or cls is _MappingEnd:
                open_collections -= 1
        self.too_deep(path, _mark(start.start_mark))
        if start.anchor is not None:
            named = _Named(None, path, start.start_mark)
            named.unreadable.append(())
            self.define(start, named)

    # -- the text written for booleans and numbers ---------------------------------------------

    def write(self, path: KeyPath, text: str) -> None:
        """Record ``text`` as written for the boolean or number at ``path``."""
        if path and _DROPPED not in path:  # placeholder paths of dropped values may repeat
            self.place(path, text)

    def place(self, path: KeyPath, node: Any) -> None:
        """Put ``node`` at ``path`` in ``doc.written``: a text, or the dict of the texts in a collection."""
        parent = self.doc.written
        for key in path[:-1]:
            child = parent.get(key)
            if child is None:
                child = parent[key] = {}
            parent = child
        parent[path[-1]] = node
        if isinstance(node, dict):  # a node read elsewhere, now at a second place
            self.doc.written_shared.add(id(node))

    def written_node(self, path: KeyPath) -> Any:
        """The node of ``doc.written`` at ``path``: a text, a dict, or None when nothing is under it."""
        node: Any = self.doc.written
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                return None
        return node

    def graft(self, origin: KeyPath, path: KeyPath) -> None:
        """The texts written inside the value at ``origin`` hold at ``path`` too: it is the same value."""
        node = self.written_node(origin)
        if node is not None and _DROPPED not in path:
            self.place(path, node)

    # -- keys -----------------------------------------------------------------------------------

    def other_key(
        self, event: Any, entries: dict[str, Any], path: KeyPath, depth: int
    ) -> tuple[str | None, KeyPath]:
        """A key that is tagged, named, `<<`, a duplicate, an alias or a collection.

        Returns the key and the path of the value that follows. The key is ``None`` when the value
        is not kept under one: for `<<` it is merged at the mapping's end, otherwise dropped.
        """
        if isinstance(event, _ScalarEvent):
            if event.anchor is not None:
                self.define(event, _Named(None, path + (event.value,), event.start_mark, event, is_key=True))
            return self.text_key(event.value, _tag(event), _mark(event.start_mark), entries, path)
        if isinstance(event, _AliasEvent):
            scalar = self.alias_target(event).scalar
            if scalar is not None:
                return self.text_key(scalar.value, _tag(scalar), _mark(event.start_mark), entries, path)
        mark = _mark(event.start_mark)
        self.problem(path, "wrong-type", mark, "a key must be plain text", "write the key as a word")
        dropped = path + (_DROPPED,)
        if not isinstance(event, _AliasEvent):
            self.value(event, dropped, depth)  # read for its problems and names, then dropped
        return None, dropped

    def text_key(
        self, text: str, tag: str, mark: Mark, entries: dict[str, Any], path: KeyPath
    ) -> tuple[str | None, KeyPath]:
        """A key is the text written, whatever it resolves to: `1:` and `'1':` are the same key."""
        if tag == _MERGE:
            return None, path + (_Merge(),)
        key_path = path + (text,)
        if text in entries:
            first = self.doc.key_marks[key_path]
            self.problem(
                key_path,
                "duplicate-key",
                mark,
                f"duplicate key '{text}' (first at line {first.line}); YAML would silently keep only one",
                f"remove one of the two '{text}' entries",
            )
            return None, path + (_DROPPED,)
        self.doc.key_marks[key_path] = mark
        return text, key_path

    # -- named values (&name) and aliases (*name) -------------------------------------------------

    def define(self, event: yaml.NodeEvent, named: _Named) -> None:
        """Record the value ``event`` names for the aliases that follow; a name is defined once."""
        name = event.anchor
        assert name is not None
        if name in self._named:
            at: _YamlMark = event.start_mark
            first = self._named[name].start_mark
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {name!r}; first occurrence", first, "second occurrence", at
            )
        self._named[name] = named

    def alias_target(self, event: yaml.AliasEvent) -> _Named:
        """What an alias names; a name not defined (yet) is a syntax error, as in PyYAML."""
        named = self._named.get(event.anchor or "")
        if named is None:
            at: _YamlMark = event.start_mark
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", at)
        return named

    def named_collection(self, start: Any, path: KeyPath, depth: int) -> _Collection:
        """Read a named collection, and measure what an alias to it brings in (size, height, unreadable)."""
        collection: _Collection = {} if start.__class__ is _MappingStart else []
        named = _Named(collection, path, start.start_mark)
        named.complete = False
        self.define(start, named)
        outer_deepest, self._deepest = self._deepest, depth
        values_before = self.values_read()
        unreadable_before = len(self._unreadable)
        if isinstance(collection, dict):
            self.mapping(collection, path, depth)
        else:
            self.sequence(collection, path, depth)
        named.complete = True
        named.size = 1 + self.values_read() - values_before
        named.height = self._deepest - depth + 1
        named.unreadable = self.unreadable_inside(path, unreadable_before)
        self._deepest = max(self._deepest, outer_deepest)
        return collection

    def values_read(self) -> int:
        """Values read so far, each alias counting as what it names."""
        return len(self.marks) + self._expansions

    def unreadable_inside(self, path: KeyPath, since: int) -> list[KeyPath]:
        """The unreadable values under ``path`` found since the ``since``-th, relative to it."""
        n = len(path)
        found = self._unreadable[since:]
        return [p[n:] for p in found if p[:n] == path and p in self.doc.unreadable]

    def alias(self, event: yaml.AliasEvent, path: KeyPath, depth: int) -> Any:
        """The value an alias names, shared rather than copied, or ``None`` when it would be too much.

        What it would expand into is counted, so whatever walks the data later has bounded work.
        """
        named = self.alias_target(event)
        mark = _mark(event.start_mark)
        self.marks[path] = mark
        merging = _merging(path)
        if not named.complete:
            if merging:
                self.unreadable(path, mark, "'<<' merges a mapping into itself", "remove the recursive merge")
            else:
                self.unreadable(path, mark, "an alias refers to itself", "remove the recursive alias")
            return None
        if self._expansions + named.size > MAX_ALIAS_EXPANSIONS:
            self.too_many_expansions(path, mark)
            return None
        if depth + named.height > MAX_DEPTH:
            self.too_deep(path, mark)
            return None
        self._expansions += named.size
        self._deepest = max(self._deepest, depth + named.height)
        self._aliased[path] = named
        if named.is_key:
            key = named.scalar
            assert key is not None
            return self.plain(key, path) if _is_plain(key) else self.convert(key, _tag(key), path)
        if not merging:
            for inside in named.unreadable:
                self.set_unreadable(path + inside)
        self.graft(named.path, path)
        return named.value

    def too_many_expansions(self, path: KeyPath, mark: Mark) -> None:
        if self._expansions_reported:  # reported once; every later alias is left out too
            self.set_unreadable(path)
            return
        self.unreadable(
            path,
            mark,
            f"*aliases expand into more than {MAX_ALIAS_EXPANSIONS:,} values",
            "write the values out instead of nesting aliases of aliases",
        )
        self._expansions_reported = _DROPPED not in path

    # -- merges (<<) ----------------------------------------------------------------------------

    def merge(self, entries: dict[str, Any], path: KeyPath, merges: list[tuple[KeyPath, Any]]) -> None:
        """Apply a mapping's `<<` values as YAML specifies: its own keys win, then earlier merged
        mappings over later ones. Merged mappings are complete: their own merges are applied."""
        doc = self.doc
        for merge_path, value in merges:
            for source, source_path in self.merge_sources(merge_path, value):
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
                merged = [key for key in source if key not in entries]
                for key in merged:
                    entries[key] = source[key]
                self.merged_marks(source_path, path, merged)

    def merge_sources(self, merge_path: KeyPath, value: Any) -> list[tuple[Any, KeyPath]]:
        """What a `<<` merges, each with the path its marks are under: the value, or each item of a list."""
        if type(value) is not list:
            return [(value, merge_path)]
        named = self._aliased.get(merge_path)  # `<<: *list`: its items' marks are where it was written
        origin = merge_path if named is None else named.path
        return [(item, origin + (i,)) for i, item in enumerate(value)]

    def merged_marks(self, source_path: KeyPath, path: KeyPath, keys: list[str]) -> None:
        """Record the merged ``keys`` of the mapping at ``source_path`` as read at ``path`` too.

        Only one level: deeper values fall back to these marks, as for an alias.
        """
        doc = self.doc
        named = self._aliased.get(source_path)
        origin = source_path if named is None else named.path
        written = self.written_node(origin)
        if isinstance(written, dict):
            for key in keys:
                if key in written:
                    self.place(path + (key,), written[key])
        for marks in (doc.marks, doc.key_marks):
            for key in keys:
                mark = marks.get(origin + (key,))
                if mark is not None:
                    marks[path + (key,)] = mark
        if named is not None:
            wanted = set(keys)
            for inside in named.unreadable:
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
            has_content = reader.read()
    except yaml.MarkedYAMLError as err:
        return Document(None), [_syntax_problem(err, text, filename)]
    except yaml.reader.ReaderError as err:
        return Document(None), [_character_problem(err, text, filename)]
    except yaml.YAMLError as err:  # errors without a position
        return Document(None), [
            Problem("yaml-syntax", filename, 1, 1, f"YAML error: {err}", "save the file as plain UTF-8 YAML")
        ]
    if not has_content:
        return Document(None), [
            Problem("empty-file", filename, 1, 1, "the file has no content", "add `sources:` and `checks:`")
        ]
    return reader.doc, reader.problems


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, filename: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    if err.context_mark and mark and mark.index >= len(text):
        # The input ended inside something left open (a quote, a bracket): where that
        # began is the place to fix, not the end of the file.
        mark = err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "invalid YAML"
    if err.context:
        problem = f"{problem} ({err.context})"
    message = f"YAML syntax error: {problem}"
    return Problem("yaml-syntax", filename, line, column, message, _syntax_fix(problem))


def _character_problem(err: yaml.reader.ReaderError, text: str, filename: str) -> Problem:
    """A character YAML does not allow, located by its index."""
    at = max(err.position, 0)
    if _Loader is not yaml.SafeLoader:  # libyaml counts the bytes of the UTF-8 text
        at = len(text.encode("utf-8", "surrogatepass")[:at].decode("utf-8", "ignore"))
    line, column = LineIndex(text).line_col(min(at, len(text)))
    code = int(err.character)  # both readers report the code point
    return Problem(
        "yaml-syntax",
        filename,
        line,
        column,
        f"the invisible control character U+{code:04X} is not allowed in YAML",
        "delete it: retype the text around this column (most editors do not show the character)",
    )
