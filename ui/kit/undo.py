"""Undo of the last changes made on the screens (Ctrl+Z), newest first."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

MAX_STEPS = 50


@dataclass(frozen=True)
class Change:
    text: str  # what was done, as the menu shows it: "Sửa đơn vị P01"
    undo: Callable[[], None]


class UndoHistory(QObject):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps: list[Change] = []

    def push(self, change: Change) -> None:
        self._steps.append(change)
        del self._steps[:-MAX_STEPS]
        self.changed.emit()

    @property
    def next_text(self) -> str:
        return self._steps[-1].text if self._steps else ""

    def undo(self) -> str:
        """Undo the newest change and return its text. If undoing fails, the change stays listed
        and the error is raised (the database is left as it was: every restore is one transaction)."""
        change = self._steps[-1]
        change.undo()
        self._steps.pop()
        self.changed.emit()
        return change.text

    def clear(self) -> None:
        self._steps.clear()
        self.changed.emit()
