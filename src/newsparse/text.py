"""Text helpers shared by the tagging and country modules."""

from __future__ import annotations

import re

#: A run of white space as the `regex` module's `\s` sees it, with `re` (which is faster
#: to import): `re` also counts the separators \x1c-\x1f as white space, `regex` keeps
#: them as text. Equal over every code point (tests/test_tagging.py checks).
SPACES = re.compile(r"[^\S\x1c-\x1f]+")
