"""Countries mentioned in running text: `mentioned_countries` of a record.

Codes of the countries named in headline, summary and body (names, aliases,
adjectives; see `newsparse.countries.mention_names`), most mentioned first, ties in
order of first mention. Whole words only, case kept: "Niger" is not in "Nigeria",
"Oman" not in "woman", "US" not in "us". Text is split into tokens (`TOKEN`: a run of
letters/digits or one punctuation character) and spellings are found in a token trie.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from typing import Any

import regex

from newsparse.countries import mention_names

__all__ = ["TOKEN", "mention_counts", "mentioned_countries"]

#: A token: a run of letters/digits, or one punctuation character (`regex`'s Unicode
#: `\w`, which keeps combining marks inside words).
TOKEN = regex.compile(r"\w+|[^\w\s]")


@functools.cache
def _mention_trie() -> dict[str, Any]:
    """Mention spellings as token tries; the "" key of a node holds the code (or None)."""
    root: dict[str, Any] = {}
    for name, code in mention_names().items():
        node = root
        for token in TOKEN.findall(name):
            node = node.setdefault(token, {})
        node[""] = code
    return root


def mention_counts(texts: Iterable[str | None]) -> Counter[str]:
    """How often each country code is named in `texts` (in first-mention order).

    At each token the longest known spelling wins ("Guinea-Bissau" over "Guinea",
    "Latin America" over "America"), and the search goes on after it.
    """
    root = _mention_trie()
    counts: Counter[str] = Counter()
    for text in texts:
        if not text:
            continue
        tokens = TOKEN.findall(text)
        count = len(tokens)
        position = 0
        while position < count:
            node = root.get(tokens[position])
            if node is None:
                position += 1
                continue
            best_end, best = -1, None
            end = position
            while node is not None:
                end += 1
                if "" in node:
                    best_end, best = end, node[""]
                node = node.get(tokens[end]) if end < count else None
            if best_end < 0:
                position += 1
                continue
            if best is not None:
                counts[best] += 1
            position = best_end
    return counts


def mentioned_countries(texts: Iterable[str | None]) -> list[str]:
    """Codes named in `texts`, most mentioned first (ties: first mentioned first).

    >>> mentioned_countries(["Turkish and Ukrainian talks in Ukraine; a Nigerian woman"])
    ['UA', 'TR', 'NG']
    """
    counts = mention_counts(texts)
    order = {code: index for index, code in enumerate(counts)}
    return sorted(counts, key=lambda code: (-counts[code], order[code]))
