"""Fields that are text keep the characters the contributor wrote, whatever YAML makes of them.

YAML 1.1 reads `rating: false` and a tag `NO` as booleans, `claimant: 2025` as a number and
`title: 1.50` as 1.5. Where the schema says a value is text, it becomes the text that was written
(the reader records it: ``Document.written``), before the schema checks it. Only such values are
visited, so a file of text costs nothing here. Numbers stay numbers where the schema wants a number,
and null stays null: `claimant:`, `~` and `null` mean "no value", and are reported as empty. A value
brought in by an alias or a `<<` merge is as if written in its place: a collection read at two
places is copied before it changes, so a list that is text in one field stays numbers in another.

A value is text when the schema allows text and nothing else: ``"type": "string"`` or an ``enum``
of texts. A value typed ``["string", "integer"]`` keeps what YAML made of it: there the number is
a meaning the schema allows, so the spelling cannot tell which was meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urldefrag

from factsite.input.schema import schema
from factsite.input.yaml_reader import Document

_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}
# Keywords whose meaning depends on the value itself: under them nothing is taken as text, and the
# test of this module's own schema fails, to make whoever adds one decide what they mean for text.
_CONDITIONAL = ("anyOf", "oneOf", "not", "if", "then", "else", "dependencies", "contains")


class _Shape:
    """What a set of subschemas (all of which apply to one value) says about it and the values inside.

    ``text``: the value may only be text. ``child`` gives the shape of a value inside, or None when
    the schema says nothing about it (an unknown key, reported by the schema).
    """

    def __init__(self, schemas: tuple[Any, ...], registry: _Shapes) -> None:
        self.schemas = schemas
        self.registry = registry
        self.text = _only_text(schemas)
        self.children: dict[str | int, _Shape | None] = {}

    def child(self, key: str | int) -> _Shape | None:
        if key not in self.children:
            self.children[key] = self.registry.shape(
                tuple(sub for schema in self.schemas for sub in _child_schemas(schema, key))
            )
        return self.children[key]


class _Shapes:
    """The shapes of one schema document, resolving its ``$ref``s and ``allOf``s, made once each."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.made: dict[tuple[int, ...], _Shape | None] = {}

    def shape(self, schemas: tuple[Any, ...]) -> _Shape | None:
        flat = tuple(self.expand(schemas))
        key = tuple(map(id, flat))
        if key not in self.made:
            conditional = any(isinstance(s, dict) and any(k in s for k in _CONDITIONAL) for s in flat)
            self.made[key] = None if not flat or conditional else _Shape(flat, self)
        return self.made[key]

    def expand(self, schemas: tuple[Any, ...]) -> Iterator[Any]:
        """The schemas, each ``$ref`` replaced by what it names and each ``allOf`` by its parts."""
        for schema_ in schemas:
            if isinstance(schema_, dict) and "$ref" in schema_:  # draft-07: what is beside $ref is ignored
                yield from self.expand((self.resolve(schema_["$ref"]),))
                continue
            yield schema_
            if isinstance(schema_, dict) and "allOf" in schema_:
                yield from self.expand(tuple(schema_["allOf"]))

    def resolve(self, ref: str) -> Any:
        # "#/definitions/x", or the same made absolute with the schema's $id (as fastjsonschema,
        # which compiles this very dict, rewrites it).
        document, pointer = urldefrag(ref)
        if document not in ("", urldefrag(self.root.get("$id", ""))[0]):
            raise ValueError(f"only references inside the schema are supported, not {ref!r}")
        node: Any = self.root
        for part in filter(None, pointer.split("/")):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node


def _types(schema_: Any) -> frozenset[str] | None:
    """The JSON types one schema allows a value to have, or None when it does not restrict them."""
    if schema_ is True or not isinstance(schema_, dict):
        return None if schema_ is not False else frozenset()
    allowed: frozenset[str] | None = None
    declared = schema_.get("type")
    if declared is not None:
        allowed = frozenset([declared] if isinstance(declared, str) else declared)
        if "number" in allowed:
            allowed |= {"integer"}
    for listed in ([schema_["enum"]] if "enum" in schema_ else []) + (
        [[schema_["const"]]] if "const" in schema_ else []
    ):
        kinds = frozenset(_TYPES.get(type(value), "other") for value in listed)
        allowed = kinds if allowed is None else allowed & kinds
    return allowed


def _only_text(schemas: tuple[Any, ...]) -> bool:
    allowed: frozenset[str] | None = None
    for schema_ in schemas:
        types = _types(schema_)
        if types is not None:
            allowed = types if allowed is None else allowed & types
    return allowed == frozenset(["string"])


def _child_schemas(schema_: Any, key: str | int) -> list[Any]:
    """The subschemas that apply to the value under ``key`` of a value ``schema_`` applies to."""
    if not isinstance(schema_, dict):
        return []
    if isinstance(key, str):
        found = [schema_["properties"][key]] if key in schema_.get("properties", {}) else []
        patterns = schema_.get("patternProperties", {})
        found += [sub for pattern, sub in patterns.items() if re.search(pattern, key)]
        if not found and isinstance(schema_.get("additionalProperties"), dict):
            found.append(schema_["additionalProperties"])
        return found
    items = schema_.get("items")
    if isinstance(items, dict):
        return [items]
    if isinstance(items, list):
        if key < len(items):
            return [items[key]]
        extra = schema_.get("additionalItems")
        return [extra] if isinstance(extra, dict) else []
    return []


_NUMBERS = (bool, int, float)


def _as_written(value: Any, written: dict[Any, Any], shape: _Shape, shared: bool, doc: Document) -> Any:
    """``value`` with each boolean or number the schema wants as text replaced by the text written.

    A collection also read at another place (through an alias or a merge) is copied before it is
    changed, so that each place is as if the value had been written there.
    """
    changes: dict[Any, Any] = {}
    is_dict = type(value) is dict
    for key, node in written.items():
        if is_dict:
            if type(key) is not str or key not in value:
                continue
        elif type(value) is not list or type(key) is not int or not 0 <= key < len(value):
            continue
        inner = shape.child(key)
        if inner is None:
            continue
        item = value[key]
        if type(node) is str:
            if inner.text and type(item) in _NUMBERS:
                changes[key] = node
        elif type(node) is dict:
            new = _as_written(item, node, inner, shared or id(node) in doc.written_shared, doc)
            if new is not item:
                changes[key] = new
    if not changes:
        return value
    if shared:
        value = dict(value) if is_dict else list(value)
    for key, new in changes.items():
        value[key] = new
    return value


@cache
def _factchecks_shape() -> _Shape | None:
    """The shape of a whole factchecks.yaml, made once: its parts are made as values need them."""
    return _Shapes(schema()).shape((schema(),))


def keep_written_text(doc: Document, schema_: dict[str, Any] | None = None) -> None:
    """Make each value of ``doc`` that the schema (by default factchecks.schema.json) types as
    text the text written, where YAML read a boolean or a number. Only those values are visited."""
    if not doc.written:
        return
    shape = _factchecks_shape() if schema_ is None else _Shapes(schema_).shape((schema_,))
    if shape is not None:
        doc.data = _as_written(doc.data, doc.written, shape, False, doc)


def text_fields(schema_: dict[str, Any] | None = None) -> dict[tuple[str, ...], list[str]]:
    """The fields that are text, by where they are: ``("checks",)`` for a check's fields,
    ``("checks", "sources")`` for a cited source's. A list of texts (``tags``) is named as the field."""
    root = schema_ if schema_ is not None else schema()
    shapes = _Shapes(root)
    fields: dict[tuple[str, ...], list[str]] = {}

    def visit(schemas: tuple[Any, ...], where: tuple[str, ...]) -> None:
        if len(where) > 10:  # a schema that contains itself: its fields are named by now
            return
        for properties in [s.get("properties", {}) for s in shapes.expand(schemas) if isinstance(s, dict)]:
            for name, sub in properties.items():
                shape = shapes.shape((sub,))
                if shape is None:
                    continue
                item = shape.child(0)
                if shape.text or (item is not None and item.text):
                    fields.setdefault(where, []).append(name)
                elif item is not None:
                    visit(item.schemas, (*where, name))
                else:
                    visit(shape.schemas, (*where, name))

    visit((root,), ())
    return fields
