"""Running slow work (imports, exports, PDFs, backups) off the GUI thread, with progress.

The work function gets a ``progress(done, total)`` callback and must open its own database
connection: an SQLite connection belongs to the thread that opened it.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.store.db import connect


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
    view = _ProgressView(dialog)
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    loop = QEventLoop()
    worker.progressed.connect(view.show)
    worker.finished.connect(loop.quit)
    thread.started.connect(worker.run)
    # Python's cyclic garbage collector runs in whichever thread happens to allocate. Left on, it
    # can free unreachable Qt widgets from the worker thread, which corrupts Qt's memory (seen as a
    # crash at exit). It is paused while the worker runs and resumes in this thread afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        thread.start()
        loop.exec()
        thread.quit()
        thread.wait()
    finally:
        if collecting:
            gc.enable()
    result, error = worker.result, worker.error
    # Hand the worker back to Python's ownership in this thread before it is freed, and free the
    # dialog only through Python (a deleteLater() on an object Python owns frees it twice).
    worker.progressed.disconnect()
    worker.finished.disconnect()
    dialog.close()
    dialog.setParent(None)
    del worker, view, dialog
    if error is not None:
        raise error
    return result


def on_own_connection(db_path, call: Callable) -> Callable[[Callable[[int, int], None]], Any]:
    """``work(progress)`` for :func:`run_with_progress`: ``call(db, progress)`` on a connection
    of its own, closed after."""

    def work(progress):
        db = connect(db_path)
        try:
            return call(db, progress)
        finally:
            db.close()

    return work


def write_xlsx(parent: QWidget | None, db_path, title: str, file_name: str, busy: str, write, failed: str,
               errors: tuple[type[BaseException], ...] = (OSError,)):
    """Ask where to save an Excel file (a dialog ``title`` proposing ``file_name``), then run
    ``write(db, path)`` off the GUI thread on a connection of its own behind ``busy``. Returns
    (path, what ``write`` returned); None when the user cancelled, or when the file could not be
    written (``errors``), which a box titled ``failed`` says. The file is written beside the target
    and renamed over it, so a failed write leaves an earlier file whole."""
    from models.store.output import write_atomically
    from ui.kit import messages

    path = messages.save_xlsx(parent, title, file_name)
    if not path:
        return None
    try:
        result = run_with_progress(parent, busy, on_own_connection(
            db_path, lambda db, _progress: write_atomically(path, lambda temporary: write(db, temporary))))
    except errors as e:
        messages.error(parent, failed, f"Không ghi được tệp “{path}”: {getattr(e, 'strerror', None) or e}")
        return None
    return path, result


class _Relay(QObject):
    """Lives in the GUI thread (a child of the application): a result sent from a worker thread
    reaches ``deliver`` there, queued."""

    done = Signal(object)

    def __init__(self, on_done: Callable[[Any, BaseException | None], None]):
        super().__init__(QCoreApplication.instance())
        self._on_done = on_done
        self.done.connect(self.deliver)

    @Slot(object)
    def deliver(self, payload) -> None:
        global _background_runs
        self.done.disconnect(self.deliver)
        self.setParent(None)
        _background_runs -= 1
        if _background_runs == 0 and _collecting_before:
            # The work built its result without the collector (often a million records, none in a
            # cycle): they join the permanent generation rather than be walked by the collector's
            # next passes, on the GUI thread (half a second each on a city's titles).
            gc.freeze()
            gc.enable()
        self._on_done(*payload)


_background_runs = 0
_collecting_before = True


def in_background(work: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
    """Run ``work()`` on a thread of its own and return at once; ``on_done(result, error)`` is then
    called in the GUI thread (``error``: what ``work`` raised, else None). ``work`` must open its own
    database connection and touch no widget. The collector's passes pause while any such work runs
    (see :func:`run_with_progress`)."""
    global _background_runs, _collecting_before
    if _background_runs == 0:
        _collecting_before = gc.isenabled()
        gc.unfreeze()  # the previous result's records: collected in the usual way again, if freed
        gc.disable()
    _background_runs += 1
    relay = _Relay(on_done)

    def run() -> None:
        try:
            payload = (work(), None)
        except BaseException as e:  # handed to on_done in the GUI thread
            payload = (None, e)
        relay.done.emit(payload)

    threading.Thread(target=run, name="tdkt-background", daemon=True).start()
