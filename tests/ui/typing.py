"""Typing Vietnamese into widgets in tests.

qtbot.keyClicks with any non-ASCII character aborts the whole test process (TOOLCHAIN.md), so
each character is sent as its own key event carrying the text, as an input method delivers it.
"""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
