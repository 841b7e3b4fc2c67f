"""The one small error hierarchy of newsparse.

Every error a user can cause (a bad path, a bad option, a bad config file, an output
that cannot be written) is a `NewsparseError`: its `str()` is the one-line message the
CLI prints and `exit_code` is what the process returns. Anything else reaching the CLI
is a bug.
"""

from __future__ import annotations

from typing import ClassVar

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class NewsparseError(Exception):
    """Base class: a message for the user and an exit code."""

    exit_code: ClassVar[int] = EXIT_USAGE


class UsageError(NewsparseError):
    """Options that cannot be used as given."""


class InputError(NewsparseError):
    """An input path that cannot be read; the other inputs are still processed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class OutputError(NewsparseError):
    """An output that cannot be written; nothing partial is left behind."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


class ConfigError(NewsparseError):
    """A configuration or taxonomy file with a bad key or value."""

    def __init__(self, path: str, key: str | None, problem: str) -> None:
        super().__init__(path, key, problem)
        self.path = path
        self.key = key
        self.problem = problem

    def __str__(self) -> str:
        where = f"{self.path}: {self.key}" if self.key else self.path
        return f"{where}: {self.problem}"
