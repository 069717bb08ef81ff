"""One exception base for everything newsfuse raises on purpose.

Messages are sentences a user can act on: they name the bad value and, where there is a choice,
the valid options. Foreign exceptions (OSError, UnicodeDecodeError, json errors) are translated
at the boundary where they happen, mostly into :class:`~newsfuse.model.Problem` records so that
one bad input never stops a batch.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class of newsfuse's own errors."""


class ConfigError(NewsfuseError, ValueError):
    """An option or setting has a value newsfuse cannot use."""


class InputError(NewsfuseError):
    """An input could not be read; ``path`` says which one."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class NoInputError(NewsfuseError):
    """None of the inputs could be read, so there is nothing to brief."""


class ResourceError(NewsfuseError):
    """A model or optional package that a stage needs is not installed."""


class StoreError(NewsfuseError):
    """The corpus database cannot be opened or does not hold what was asked for."""
