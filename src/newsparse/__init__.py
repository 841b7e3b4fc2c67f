"""newsparse: stream raw news-article dumps into structured, tagged records.

The library is the core; the `newsparse` command is a thin layer over it::

    from newsparse import parse_file
    for article in parse_file("dump.txt"):
        print(article.date, article.headline)
"""

from newsparse.errors import (
    ConfigError,
    InputError,
    NewsparseError,
    OutputError,
    UsageError,
)
from newsparse.model import Article, Byline, ExtraLine, Finding, Severity, Source, TrendingItem
from newsparse.parser import parse, parse_file

__version__ = "0.1.0"

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
