"""The JSON Schema (2020-12) of one exported record: the published contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsparse import __version__

_NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_STAMP: dict[str, Any] = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+05:30)?$",
    "description": "ISO 8601 in IST (+05:30); the date alone when the byline gives no time",
}


def record_schema(fields: Sequence[str] = ()) -> dict[str, Any]:
    """The schema every record `export` writes validates against.

    With `fields` (names as `export --fields` takes them), the schema of the records
    `export --fields` writes: exactly those keys, in that order, each required.
    """
    schema = _full_schema()
    if fields:
        properties = schema["properties"]
        schema["required"] = list(dict.fromkeys(fields))
        schema["properties"] = {name: properties[name] for name in fields}
        schema["additionalProperties"] = False
    return schema


def _full_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://newsparse.invalid/schema/record-{__version__}.json",
        "title": "newsparse article record",
        "type": "object",
        "required": [
            "date",
            "headline",
            "summary",
            "byline",
            "countries",
            "body",
            "credit",
            "tags",
            "also_read",
            "trending",
            "extra",
            "source",
        ],
        "properties": {
            "date": {
                "type": ["string", "null"],
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
                "description": "from the date line, else the byline's Created/Updated day",
            },
            "headline": _NULLABLE_STRING,
            "summary": _NULLABLE_STRING,
            "byline": {
                "type": ["object", "null"],
                "required": ["author", "place", "updated", "created"],
                "additionalProperties": False,
                "properties": {
                    "author": _NULLABLE_STRING,
                    "place": _NULLABLE_STRING,
                    "updated": _STAMP,
                    "created": _STAMP,
                },
            },
            "countries": _STRINGS,
            "body": _STRINGS,
            "credit": _NULLABLE_STRING,
            "tags": _STRINGS,
            "also_read": _STRINGS,
            "trending": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "region"],
                    "additionalProperties": False,
                    "properties": {"title": {"type": "string"}, "region": _NULLABLE_STRING},
                },
            },
            "extra": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["line", "text"],
                    "additionalProperties": False,
                    "properties": {
                        "line": {"type": "integer", "minimum": 1},
                        "text": {"type": "string", "minLength": 1},
                    },
                },
            },
            "source": {
                "type": "object",
                "required": ["path", "line", "end_line", "index"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "end_line": {"type": "integer", "minimum": 1},
                    "index": {"type": "integer", "minimum": 0},
                },
            },
            "normalized_tags": {
                **_STRINGS,
                "description": "derived: tags cleaned, aliased, deduplicated (export --tags)",
            },
            "country_codes": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[A-Z]{2}$"},
                "description": "derived: ISO 3166-1 alpha-2 codes of countries (export --tags)",
            },
            "mentioned_countries": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[A-Z]{2}$"},
                "description": "derived: codes of countries named in the text, most first",
            },
            "auto_tags": {
                "type": "array",
                "description": "derived: taxonomy tags that matched (export --taxonomy FILE)",
                "items": {
                    "type": "object",
                    "required": ["tag", "count", "matches"],
                    "properties": {
                        "tag": {"type": "string"},
                        "count": {"type": "integer", "minimum": 1},
                        "matches": {"type": "array", "items": {"type": "object"}},
                    },
                },
            },
            "findings": {
                "type": "array",
                "description": "problems the parser noticed; `newsparse rules` explains each",
                "items": {
                    "type": "object",
                    "required": ["rule", "severity", "message", "path", "line", "column"],
                    "properties": {
                        "rule": {"type": "string", "pattern": r"^NP\d{3}$"},
                        "severity": {"enum": ["info", "warning", "error"]},
                        "message": {"type": "string"},
                        "path": {"type": "string"},
                        "line": {"type": "integer", "minimum": 1},
                        "column": {"type": ["integer", "null"], "minimum": 1},
                    },
                },
            },
        },
    }
