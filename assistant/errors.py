"""Errors a user can cause or fix, each with a message that says what to do."""

__all__ = [
    "AssistantError",
    "IndexMissingError",
    "IndexMismatchError",
    "IndexBusyError",
    "BadQuestionError",
]


class AssistantError(Exception):
    """Base class: the message is shown to the user as one line, so it must say what to do."""


class IndexMissingError(AssistantError):
    """The index has not been built yet."""


class IndexMismatchError(AssistantError):
    """The index was built with another embedding model or dimension."""


class IndexBusyError(AssistantError):
    """Another process holds the index's writer lock."""


class BadQuestionError(AssistantError):
    """The question is empty or too long."""
