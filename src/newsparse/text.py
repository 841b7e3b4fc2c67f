"""Text helpers shared by the tagging and country modules, the terminal views and the
reports."""

from __future__ import annotations

import re

#: A run of white space as the `regex` module's `\s` sees it, with `re` (which is faster
#: to import): `re` also counts the separators \x1c-\x1f as white space, `regex` keeps
#: them as text. Equal over every code point (tests/test_tagging.py checks).
SPACES = re.compile(r"[^\S\x1c-\x1f]+")


#: Control characters shown as visible symbols, so that a dump can never send escape
#: sequences to the terminal: C0 (but tab and newline) as U+2400..U+241F, DEL as U+2421,
#: C1 as U+FFFD. One character each, so match positions stay valid.
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,
    **dict.fromkeys(range(128, 160), 65533),
}


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with control characters replaced by visible symbols."""
    # The search is a C scan; `translate` with a dict is a lookup per character.
    return text.translate(_VISIBLE) if _CONTROL.search(text) else text


def plural(count: int, word: str) -> str:
    """`1 article`, `2 articles`; `info` has no plural."""
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"
