"""What an entry screen holding unsaved work in memory shares: closing the window, or the screen shown
alone, asks first (the screen's ``settle_unsaved()``: True when it may be left)."""
from __future__ import annotations

from PySide6.QtCore import QEvent


class GuardsUnsaved:
    """Mixed into a screen (before its Qt class) that has ``settle_unsaved()``; its ``eventFilter``
    calls :meth:`window_close_refused` first."""

    _window_watched = None

    def window_close_refused(self, watched, event) -> bool:
        """True when ``event`` closes the window this screen is in and the user chose to stay."""
        if watched is self._window_watched and event.type() == QEvent.Type.Close and not self.settle_unsaved():
            event.ignore()
            return True
        return False

    def showEvent(self, event) -> None:
        window = self.window()
        if window is not self and window is not self._window_watched:
            window.installEventFilter(self)  # closing the window with unsaved work asks first
            self._window_watched = window
        super().showEvent(event)

    def closeEvent(self, event) -> None:
        if self.window() is self and not self.settle_unsaved():
            event.ignore()
            return
        super().closeEvent(event)
