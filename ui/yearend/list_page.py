"""The common shape of a year-end list screen ("Tổng kết thi đua", "Danh hiệu cuối năm"): a row
to choose what is reviewed (a campaign, a year) with a button for how it is reviewed, a line
saying the rules applied, and one tab per list (``ui.yearend.list_panel``).

The screen computes once for every tab; each tab then keeps its own list up to date after its
own changes. A subclass builds its top row, computes, and says what the line says.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from sqlite_utils import Database

from models.common.errors import DomainError
from models.store.db import connect, data_stamp, database_path
from models.yearend.lists import current_approval
from models.common.bulk import without_gc_passes

from shiboken6 import isValid

from ui.kit.tasks import in_background
from ui.kit.undo import UndoHistory
from ui.kit.widgets import LazyLoad
from ui.kit.layout import screen_shortcut, tabbed_screen, text_label
from ui.yearend.list_panel import YearEndListPanel


COMPUTING = "Đang tính lại danh sách theo số liệu mới... (danh sách dưới đây là lần tính trước)"
COMPUTING_FIRST = "Đang tính danh sách... (số liệu lớn: có thể mất vài giây)"


class YearEndPage(LazyLoad, QWidget):
    """Subclasses set ``TAB_TITLES`` (the lists in tab order: key -> tab title) and ``INFO_NAME``."""

    changed = Signal()
    TAB_TITLES: dict = {}
    INFO_NAME = ""

    def __init__(self, db: Database, db_path: Path, parent=None, undo: UndoHistory | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.init_screen(db, db_path, undo)
        self.today = today or dt.date.today()
        self.top = QHBoxLayout()
        self.build_top()
        self.package_button = QPushButton("Hồ sơ trình...")
        self.package_button.setObjectName("package_button")
        self.package_button.setToolTip("Tờ trình, biên bản họp (phiếu bầu), quyết định và các danh sách kèm theo: "
                                       "xem trước, lưu một tệp PDF hoặc cả thư mục PDF và Word")
        self.package_button.clicked.connect(self.open_package)
        self.top.addWidget(self.package_button)
        self.info = text_label(self.INFO_NAME)
        self.panels = {key: self.make_panel(key) for key in self.TAB_TITLES}
        for panel in self.panels.values():
            panel.changed.connect(self._panel_changed)
            panel.defer_hidden = True  # a tab builds its rows when shown
        self.tabs = tabbed_screen(self, self.top, self.info,
                                  [(panel, self.TAB_TITLES[key]) for key, panel in self.panels.items()])
        screen_shortcut(self, "Làm mới", "F5", self.load)
        self.reload()

    # What a subclass provides.
    def build_top(self) -> None:
        """Fill ``self.top`` (and set what the first load reads)."""

    def make_panel(self, key) -> YearEndListPanel:
        raise NotImplementedError

    def chosen(self):
        """What is reviewed (a campaign, a year); None: nothing to review."""
        raise NotImplementedError

    def show_computed(self, chosen, computed, error: str) -> None:
        """Show it in every tab and in the line above them."""
        raise NotImplementedError

    def package_loader(self):
        """A function (db) -> the meeting package of what is chosen, or None when nothing is."""
        return None

    def open_package(self):
        """"Hồ sơ trình": the meeting, its votes and every document of the package."""
        from ui.kit import messages
        from ui.yearend.package_dialog import open_package

        load = self.package_loader()
        if load is None:
            messages.inform(self, "Hồ sơ trình", "Hãy chọn đợt thi đua hoặc năm cần lập hồ sơ trình.")
            return None
        dialog = open_package(self, self.db, load)
        if dialog is not None:
            dialog.exec()
        return dialog

    def top_button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        """The button at the end of the top row (Ctrl+K): how the lists are drawn up."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(f"{tip} (Ctrl+K)")
        button.setShortcut(QKeySequence("Ctrl+K"))
        button.clicked.connect(slot)
        return button

    # What the main window and the screenshots use: the table of the tab shown.
    @property
    def panel(self) -> YearEndListPanel:
        return self.tabs.currentWidget()

    @property
    def model(self):
        return self.panel.model

    @property
    def table(self):
        return self.panel.table

    def show_list(self, key) -> YearEndListPanel:
        self.tabs.setCurrentWidget(self.panels[key])
        return self.panels[key]

    # A city's review or titles take a second or more: from this many classification rows of the
    # year, the screen computes on a thread of its own and keeps showing the previous lists (none
    # when it opens; the line above the tabs says it is computing) until the new ones are ready.
    BACKGROUND_FROM = 12_000  # about 3,000 people classified in four quarters

    def compute_key(self, chosen):
        """What the result of ``compute(chosen)`` depends on besides the data (a campaign and a day)."""
        return chosen

    def compute_work(self, chosen):
        """A function (db) -> what ``compute(chosen)`` gives, reading no widget (run on a thread)."""
        raise NotImplementedError

    def workload(self, chosen) -> int:
        """How big a computation for ``chosen`` is (classification rows of its year)."""
        return 0

    def compute(self, chosen):
        """What the rules give for ``chosen``, for every tab (raises DomainError when they cannot)."""
        return self.compute_work(chosen)(self.db)

    def refresh(self) -> None:
        """Compute for what is chosen (once) and show it in every tab. The same choice on the same
        data shows the result computed last; a big computation runs on a thread."""
        chosen = self.chosen()
        if chosen is None:
            self._requested = None
            self._show(chosen, None, "", None)
            return
        key = (self.compute_key(chosen), data_stamp(self.db))
        self._requested = key
        cached = getattr(self, "_cache", None)
        if cached is not None and cached[0] == key:
            if getattr(self, "_shown", None) != key:  # else the tabs show it already
                self._show(chosen, *cached[1], key)
            return
        if self.workload(chosen) >= self.BACKGROUND_FROM:
            self._start_background(chosen, key)
            return
        computed, error = None, ""
        try:
            computed = self.compute(chosen)
        except DomainError as e:
            error = str(e)
        self._cache = (key, (computed, error))
        self._show(chosen, computed, error, key)

    @property
    def computing(self) -> bool:
        """A computation runs on its own thread (the lists shown are the previous ones)."""
        return getattr(self, "_running", None) is not None

    def _start_background(self, chosen, key) -> None:
        if self.computing:  # one at a time: the newest choice is computed when it finishes
            return
        self._running = key
        self.info.setText(COMPUTING if getattr(self, "_shown", None) is not None else COMPUTING_FIRST)
        work = self.compute_work(chosen)
        makers = {k: panel.row_maker(chosen) for k, panel in self.panels.items()}
        path = database_path(self.db)

        def job():
            db = connect(path)
            try:
                computed = work(db)
                with without_gc_passes():  # every tab's rows too, off the GUI thread
                    return computed, {k: make(db, computed) for k, make in makers.items()}
            finally:
                db.close()

        in_background(job, lambda result, error: self._background_done(chosen, key, result, error))

    def _background_done(self, chosen, key, result, error) -> None:
        if not isValid(self):  # the screen was closed meanwhile
            return
        self._running = None
        if error is not None and not isinstance(error, DomainError):
            raise error
        computed, made = result if error is None else (None, {})
        message = "" if error is None else str(error)
        self._cache = (key, (computed, message))
        if key == self._requested and key[1] == data_stamp(self.db):
            for k, panel in self.panels.items():
                panel.prepare(computed, made.get(k))
            self._show(chosen, computed, message, key)
        else:  # the choice or the data changed meanwhile
            self.refresh()

    def _show(self, chosen, computed, error: str, key) -> None:
        self._shown = key
        self.show_computed(chosen, computed, error)
        self._show_tab_counts()

    def _show_tab_counts(self) -> None:
        for i, (key, panel) in enumerate(self.panels.items()):
            listed, has_rows = panel.tab_count()
            approved = panel._approval if panel._pending is None else (
                current_approval(self.db, panel.key) if panel.key is not None else None)
            mark = " ✔" if approved is not None else ""
            self.tabs.setTabText(i, f"{self.TAB_TITLES[key]} ({listed}){mark}" if has_rows else self.TAB_TITLES[key])

    def _panel_changed(self) -> None:
        self._show_tab_counts()
        self.changed.emit()
