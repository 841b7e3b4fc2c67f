"""The records newsparse makes: frozen, slotted dataclasses.

`Article` is the contract of FORMAT.md section 3. Its field names and their order are
what `to_dict()` and every export emit; add fields, never rename them.

Sequences are tuples so that records are immutable and hashable-by-value; exports
turn them into JSON arrays.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, TypeVar

_Record = TypeVar("_Record")


def _slot_init(cls: type[_Record]) -> type[_Record]:
    """Give a frozen, slotted dataclass an `__init__` that fills its slots directly.

    A frozen dataclass's own `__init__` calls `object.__setattr__` for every field (a
    plain assignment would raise); the parser makes several records an article, and
    that was 3-5 % of parsing. Setting each slot through its descriptor skips the
    attribute lookup and does the same: 320 -> 200 ns for an `ExtraLine`. Assignment
    after `__init__` still raises `FrozenInstanceError`; keywords and defaults work.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    # What the generated __init__ does beyond setting its arguments is not copied:
    # refuse it rather than build records that differ from the dataclass's.
    if hasattr(cls, "__post_init__") or any(
        not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING
        for item in fields
    ):
        raise TypeError(f"_slot_init: {cls.__name__} needs the dataclass's own __init__")
    names = [item.name for item in fields]
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    lines = "".join(f"\n    _set_{name}(self, {name})" for name in names)
    exec(f"def __init__(self, {', '.join(names)}):{lines}", setters)
    init = setters["__init__"]
    init.__defaults__ = cls.__init__.__defaults__
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


class Severity(enum.StrEnum):
    """How bad a finding is; ordered so that `>=` compares badness."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@_slot_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: a rule id, its severity and a one-line message.

    `line` and `column` are 1-based; `column` is None where a column would not help.
    """

    rule: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
        }


@_slot_init
@dataclass(frozen=True, slots=True)
class Byline:
    """`AUTHOR | PLACE | Updated: ... | Created: ...`; stamps are ISO 8601 with +05:30."""

    author: str | None
    place: str | None
    updated: str | None
    created: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "place": self.place,
            "updated": self.updated,
            "created": self.created,
        }


@_slot_init
@dataclass(frozen=True, slots=True)
class TrendingItem:
    title: str
    region: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "region": self.region}


@_slot_init
@dataclass(frozen=True, slots=True)
class ExtraLine:
    """A non-blank input line that went into no field: kept so nothing is lost."""

    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@_slot_init
@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from: `path` as given (`-` for stdin), 1-based lines."""

    path: str
    line: int
    end_line: int
    index: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line,
            "index": self.index,
        }


@_slot_init
@dataclass(frozen=True, slots=True)
class Article:
    """One article of a dump. `findings` are the problems the parser noticed."""

    date: str | None
    headline: str | None
    summary: str | None
    byline: Byline | None
    countries: tuple[str, ...]
    body: tuple[str, ...]
    credit: str | None
    tags: tuple[str, ...]
    also_read: tuple[str, ...]
    trending: tuple[TrendingItem, ...]
    extra: tuple[ExtraLine, ...]
    source: Source
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "headline": self.headline,
            "summary": self.summary,
            "byline": self.byline.to_dict() if self.byline else None,
            "countries": list(self.countries),
            "body": list(self.body),
            "credit": self.credit,
            "tags": list(self.tags),
            "also_read": list(self.also_read),
            "trending": [item.to_dict() for item in self.trending],
            "extra": [item.to_dict() for item in self.extra],
            "source": self.source.to_dict(),
            "findings": [finding.to_dict() for finding in self.findings],
        }


#: The record's field names in output order (FORMAT.md section 3, plus `findings`).
ARTICLE_FIELDS: tuple[str, ...] = tuple(item.name for item in dataclasses.fields(Article))
