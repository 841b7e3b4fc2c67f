"""Configuration: `newsparse.toml`, or `[tool.newsparse]` in `pyproject.toml`.

The file is looked for from the working directory upward (the first directory that
has a `newsparse.toml`, or a `pyproject.toml` with a `[tool.newsparse]` table, wins);
`--config FILE` names one directly. This module only finds and reads the table; each
concern checks its own section (`rules` for validation, `tags` for tagging) and raises
`ConfigError` naming the file, the key and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsparse.errors import ConfigError

CONFIG_NAME = "newsparse.toml"
PYPROJECT = "pyproject.toml"
#: The tables a config may hold; each is checked by the concern that reads it.
SECTIONS: tuple[str, ...] = ("rules", "tags")


@dataclass(frozen=True, slots=True)
class Config:
    """The newsparse table of one file (empty when no file was found)."""

    path: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """A sub-table such as `rules` or `tags`; `{}` when absent."""
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(self.path or CONFIG_NAME, self.key(name), "expected a table")
        return value

    def check(self) -> Config:
        """Self, once every top-level key is a known section.

        Each command reads only the sections it needs, so without this a misspelt
        table (`[tags]` written `[tag]`) or a key put a level too high
        (`[tool.newsparse] fail-on = ...`) was silently not applied.
        """
        for name in self.data:
            if name not in SECTIONS:
                raise ConfigError(
                    self.path or CONFIG_NAME,
                    self.key(toml_key(name)),
                    f"unknown key (known: {', '.join(SECTIONS)})",
                )
        return self

    def key(self, name: str) -> str:
        """How to name a key in messages: `[tool.newsparse]` keys get their prefix."""
        if self.path is not None and Path(self.path).name == PYPROJECT:
            return f"tool.newsparse.{name}"
        return name


def toml_key(name: str) -> str:
    """A key as TOML writes it in a dotted path: bare if it can be, else quoted."""
    if name and all(char.isascii() and (char.isalnum() or char in "_-") for char in name):
        return name
    return '"' + name.replace('"', '\\"') + '"'


def read_toml(path: Path, *, needs: bytes = b"") -> dict[str, Any]:
    """The TOML document at `path`; `{}` without parsing if it does not contain `needs`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror.lower() if error.strerror else str(error)
        raise ConfigError(str(path), None, f"cannot read: {reason}") from None
    if needs not in data:
        return {}
    import tomllib  # deferred: most runs have no config file, or a pyproject without one

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(str(path), None, "not valid TOML: not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), None, f"not valid TOML: {error}") from None


def load_config(explicit: str | Path | None = None, start: Path | None = None) -> Config:
    """Load `explicit`, or the nearest config file above `start` (the working dir)."""
    if explicit is not None:
        path = Path(explicit)
        data = read_toml(path)
        if path.name == PYPROJECT:
            data = _pyproject_table(str(path), data)
        return Config(str(path), data).check()
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return Config(str(candidate), read_toml(candidate)).check()
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            # Most projects' pyproject.toml has no newsparse table: parsing one costs
            # a one-file run ~2.5 ms (issue 6), and a table needs its name written.
            table = _tool_table(str(pyproject), read_toml(pyproject, needs=b"newsparse"))
            if table is not None:
                return Config(str(pyproject), table).check()
    return Config()


def _tool_table(path: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """`[tool.newsparse]` of a pyproject.toml's data; None if it has none.

    `tool = "..."` or `[tool] newsparse = 1` were tracebacks (str has no .get).
    """
    tool = data.get("tool")
    if not isinstance(tool, dict) or "newsparse" not in tool:
        return None
    table = tool["newsparse"]
    if not isinstance(table, dict):
        raise ConfigError(path, "tool.newsparse", "expected a table")
    return table


def _pyproject_table(path: str, data: dict[str, Any]) -> dict[str, Any]:
    """The `[tool.newsparse]` table of a pyproject.toml named with `--config`.

    A named file without one is an error, not an empty config: its settings would
    silently not apply (a `[rules]` table written as in newsparse.toml, say).
    """
    table = _tool_table(path, data)
    if table is not None:
        return table
    for name in SECTIONS:
        if name in data:
            raise ConfigError(
                path, name, f"in pyproject.toml this table is [tool.newsparse.{name}]"
            )
    raise ConfigError(
        path,
        None,
        "no [tool.newsparse] table (newsparse's settings go under "
        "[tool.newsparse.rules] and [tool.newsparse.tags])",
    )
