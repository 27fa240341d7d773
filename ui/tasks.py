"""Running slow work (imports, exports, PDFs, backups) off the GUI thread, with progress.

The work function gets a ``progress(done, total)`` callback and must open its own database
connection: an SQLite connection belongs to the thread that opened it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit)
        except BaseException as e:  # handed back to the GUI thread, raised there
            self.error = e
        finally:
            self.finished.emit()


class _ProgressView(QObject):
    """Lives in the GUI thread, so progress signals from the worker reach it queued."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__(dialog)
        self.dialog = dialog

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))


def run_with_progress(parent: QWidget | None, label: str, work: Callable[..., Any]) -> Any:
    """Run ``work(progress)`` in a thread while a progress dialog shows; return its result.

    The window stays responsive (it repaints) but modal: the user cannot start a second change
    meanwhile. An exception raised by ``work`` is raised again here.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle("Đang xử lý")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    loop = QEventLoop()

    view = _ProgressView(dialog)
    worker.progressed.connect(view.show)
    worker.finished.connect(loop.quit)
    thread.started.connect(worker.run)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
