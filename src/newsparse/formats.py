"""The output formats `export` and `validate` offer, by name.

They live apart from the writers so that building the command line (`--help`,
`--version`) does not import orjson, the renderer and the reporters.
"""

from __future__ import annotations

import enum


class ExportFormat(enum.StrEnum):
    """What `export` writes (newsparse.export)."""

    JSONL = "jsonl"
    JSON = "json"
    DUMP = "dump"  # list-layout dump text (newsparse.dump.render)


class ReportFormat(enum.StrEnum):
    """How `validate` reports findings (newsparse.report)."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"
