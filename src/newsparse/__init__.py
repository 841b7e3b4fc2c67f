"""newsparse: stream raw news-article dumps into structured, tagged records.

The library is the core; the `newsparse` command is a thin layer over it::

    from newsparse import parse_file
    for article in parse_file("dump.txt"):
        print(article.date, article.headline)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsparse.errors import (
        ConfigError,
        InputError,
        NewsparseError,
        OutputError,
        UsageError,
    )
    from newsparse.model import (
        Article,
        Byline,
        ExtraLine,
        Finding,
        Severity,
        Source,
        TrendingItem,
    )
    from newsparse.parser import parse, parse_file

__version__ = "0.1.0"

# Names are imported on first use (PEP 562), so `newsparse --version` and commands
# that never parse do not pay for the parser and the record classes.
_LAZY = {
    **dict.fromkeys(
        ("ConfigError", "InputError", "NewsparseError", "OutputError", "UsageError"),
        "newsparse.errors",
    ),
    **dict.fromkeys(
        ("Article", "Byline", "ExtraLine", "Finding", "Severity", "Source", "TrendingItem"),
        "newsparse.model",
    ),
    **dict.fromkeys(("parse", "parse_file"), "newsparse.parser"),
}

__all__ = [
    "Article",
    "Byline",
    "ConfigError",
    "ExtraLine",
    "Finding",
    "InputError",
    "NewsparseError",
    "OutputError",
    "Severity",
    "Source",
    "TrendingItem",
    "UsageError",
    "__version__",
    "parse",
    "parse_file",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsparse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
