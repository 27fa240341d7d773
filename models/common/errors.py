"""Errors the domain raises; every message is a Vietnamese sentence meant for the user."""
from __future__ import annotations


class DomainError(Exception):
    """An action the rules forbid (deleting a unit that has data, ...)."""


class ValidationError(DomainError):
    """Input that cannot be saved. ``errors`` maps a field name to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class NotFound(DomainError):
    pass
