"""One tab of a year-end list screen: the review's criticism or commendation list of a campaign,
or a year's list for one title.

Every unit or person the rules considered is a row, with its state on the list; under the table
the panel says why. The secretary adjusts the list (with reasons), approves it (which freezes it),
reopens it, previews, prints and saves it (``ui.yearend.list_actions``). An approved list shows
its frozen snapshot and refuses adjustments. A subclass says what the list is (``key``,
``title``, ``spec``), computes it and turns it into rows; this class does the rest.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sqlite_utils import Database

from models.common.errors import DomainError
from models.yearend.lists import ApprovalRecord, approval_history, current_approval
from models.common.bulk import without_gc_passes

from ui.kit.list_page import ListPage
from ui.yearend.list_actions import ListActions
from ui.kit.layout import text_label
from ui.yearend.list_data import banner_text, reopened_text

APPROVED_STYLE = "background: #e3f1dc; border: 1px solid #7fb069; padding: 6px;"
REOPENED_STYLE = "background: #fff4d6; border: 1px solid #e0b252; padding: 4px 6px;"


class _Loaded:
    """An attribute of a tab that a deferred tab builds when it is first read (stored as "_name")."""

    def __set_name__(self, owner, name: str) -> None:
        self.stored = f"_{name}"

    def __get__(self, panel, owner=None):
        if panel is None:
            return self
        panel.ensure_loaded()
        return getattr(panel, self.stored)

    def __set__(self, panel, value) -> None:
        setattr(panel, self.stored, value)


class YearEndListPanel(ListActions, ListPage):
    """``computed``: what the rules give for the list chosen (None: nothing chosen, or not
    computable, ``error`` then says why); ``rows``: what the table shows."""

    noun = "mục"

    # A tab not shown keeps what the screen computed and builds its rows when first shown (the page
    # sets it on its tabs): four tabs of 20,000 rows are not built on every load for the one read.
    defer_hidden = False
    _pending: tuple | None = None  # (computed, error) waiting for the tab to be shown
    # Rows built on the screen's thread with the result: (computed, approval id or None, rows).
    _prepared: tuple | None = None

    def __init__(self, db: Database, db_path: Path, model, search_hint: str, undo=None, parent=None):
        super().__init__(db, db_path, model, search_hint, parent, undo)
        self.as_of: dt.date = dt.date.today()
        self._computed = None
        self._approval: ApprovalRecord | None = None
        self._error = ""
        self._rows: list = []

    # What is shown (a deferred tab builds it on first use).
    computed = _Loaded()
    approval = _Loaded()  # ApprovalRecord | None
    error = _Loaded()
    rows = _Loaded()
    model = _Loaded()
    table = _Loaded()

    def ensure_loaded(self) -> None:
        """Build the rows a deferred tab is waiting with (nothing when it has them)."""
        if self._pending is not None:
            computed, error = self._pending
            self._pending = None
            self._load(computed, error, now=True)

    def showEvent(self, event) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def row_maker(self, chosen):
        """A function (db, computed) -> (approval id or None, rows) that builds this tab's rows for
        ``chosen`` off the GUI thread (it reads no widget); None: the tab builds its own."""
        key = self.key_for(chosen)
        rows_of = self.rows_of

        def make(db, computed):
            approval = current_approval(db, key)
            try:
                frozen = approval.printable() if approval is not None else None
            except DomainError:  # a damaged snapshot: the tab says so when it loads
                return None
            rows = rows_of(computed, frozen, approval)
            return None if rows is None else (approval.id if approval is not None else None, rows)

        return make

    def key_for(self, chosen):
        """The list's key when ``chosen`` is reviewed."""
        raise NotImplementedError

    def rows_of(self, computed, frozen, approval) -> list | None:
        """The rows of ``computed`` (None: the tab computes them itself), reading no widget."""
        return None

    def prepare(self, computed, made) -> None:
        """Rows a thread built for ``computed`` (see row_maker), used when the tab shows it."""
        self._prepared = None if made is None else (computed, *made)

    def tab_count(self) -> tuple[int, bool]:
        """(how many are on the list, whether the tab has rows), without building a deferred tab's
        rows when the computed lists say it (an approved list: its snapshot)."""
        if self._pending is not None and self._prepared is not None and self._prepared[0] is self._pending[0]:
            rows = self._prepared[2]
            return sum(1 for r in rows if r.in_list), bool(rows)
        if self._pending is not None and self._pending[0] is not None and not self._pending[1]:
            computed = self._pending[0]
            approval = current_approval(self.db, self.key) if self.key is not None else None
            if approval is not None:
                entries = approval.printable().entries
                return len({e.subject_key for e in entries}), bool(entries) or self.considers(computed)
            counted = self.listed_count(computed)
            if counted is not None:
                return counted
        return sum(1 for r in self.rows if r.in_list), bool(self.rows)

    def listed_count(self, computed) -> tuple[int, bool] | None:
        """(how many ``computed`` puts on the list, whether the tab has rows); None: unknown (the
        rows are built to count them)."""
        entries = self.listed_entries(computed)
        if entries is None:
            return None
        return len({e.subject_key for e in entries}), bool(entries) or self.considers(computed)

    def listed_entries(self, computed) -> list | None:
        """The entries ``computed`` puts on the list (None: the rows are built to count them)."""
        return None

    def considers(self, computed) -> bool:
        """Whether ``computed`` considered anyone for this list (the tab then has rows)."""
        return True

    def build_list(self, add_tip: str, table_name: str, order_column: int) -> None:
        """The banner, the subclass's filters, the actions, the subclass's bottom; then the first
        (empty) showing. A subclass calls it once its own attributes are set."""
        self.banner = text_label("banner", rich=True)
        self.banner.hide()
        self.layout().insertWidget(0, self.banner)
        self.build_filters()
        self.build_list_actions(add_tip)
        self.build_bottom()
        self.table.setObjectName(table_name)
        # The list's own order first (Qt's header would start descending).
        self.table.sortByColumn(order_column, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.apply_filters()

    # What a subclass provides.
    def build_filters(self) -> None:
        """Add the list's filters to ``self.filters``."""

    def build_bottom(self) -> None:
        """Add what explains the selected row under (or beside) the table."""

    def compute(self, computed, error: str):
        """(computed, error) for the list chosen, ``computed`` being what the screen already
        computed for every tab (None: compute it here)."""
        raise NotImplementedError

    def rows_for(self, frozen) -> list:
        """The table's rows from ``computed``; ``frozen``: the approved snapshot, if any."""
        raise NotImplementedError

    def row_filter(self):
        """The filters' predicate on a row."""
        return lambda _row: True

    def counts_text(self) -> str:
        """What is on the list, before the rows shown and counted ("" to say nothing)."""
        return ""

    def show_row(self, row) -> None:
        """Explain ``row`` (None: nothing selected) under the table."""

    def loaded(self) -> None:
        """After every load: anything else the tab shows."""

    def decided(self, day: dt.date):
        """The list as a decision of ``day`` approves it: the draft, unless the subclass's figures
        depend on the decision's date."""
        return self.draft()

    # What is shown.
    @property
    def list_open(self) -> bool:
        """A list is shown and can be adjusted (not approved)."""
        return self.computed is not None and self.approval is None and self.key is not None

    def load(self) -> None:
        self._load()

    def _load(self, computed=None, error: str = "", now: bool = False) -> None:
        if self.defer_hidden and not now and not self.isVisible():
            self._pending = (computed, error)
            # The actions as they will be with nothing selected (the tab's menu and shortcuts).
            approval = current_approval(self.db, self.key) if self.key is not None else None
            ready = computed is not None and not error
            self._enable_actions(None, ready and approval is None and self.key is not None, approval is not None, ready)
            return
        self._pending = None
        prepared, self._prepared = self._prepared, None
        keep = self.selected()
        chosen = self.key is not None
        self.approval = current_approval(self.db, self.key) if chosen else None
        self.computed, self.error = self.compute(computed, error) if chosen else (None, "")
        if prepared is not None and not (prepared[0] is computed and computed is not None and self._computed is computed
                                         and prepared[1] == (self._approval.id if self._approval else None)):
            prepared = None  # built for another result
        with without_gc_passes():
            try:
                frozen = self.approval.printable() if self.approval else None
                self.rows = prepared[2] if prepared is not None else self.rows_for(frozen)
            except DomainError as e:  # a damaged snapshot: say so rather than show another list
                self.rows, self.error = [], str(e)
            self.model.set_records(self.rows)
        self._show_banner()
        self.update_count()
        self.loaded()
        if keep is not None:
            self.select_where(lambda r: r.key == keep.key)
        self.selection_changed()

    def _show_banner(self) -> None:
        if self.approval is not None:
            self.banner.setText(banner_text(self.approval))
            self.banner.setStyleSheet(APPROVED_STYLE)
            self.banner.show()
            return
        history = approval_history(self.db, self.key) if self.key is not None else []
        if history:
            self.banner.setText(reopened_text(history[-1]))
            self.banner.setStyleSheet(REOPENED_STYLE)
            self.banner.show()
        else:
            self.banner.hide()

    def apply_filters(self) -> None:
        self.model.set_predicate(self.row_filter())
        self.update_count()
        self.selection_changed()

    def update_count(self) -> None:
        if self.error:
            self.count_label.setText(self.error)
            return
        shown, total = self.model.rowCount(), self.model.total_count
        figures = f"Hiển thị {shown:,} / {total:,} mục".replace(",", ".")
        counts = self.counts_text()
        self.count_label.setText(f"{counts}  ·  {figures}" if counts else figures)

    def selection_changed(self) -> None:
        row = self.selected()
        self._enable_actions(row, self.list_open, self.approval is not None, self.computed is not None)
        self.show_row(row)

    def _enable_actions(self, row, is_open: bool, approved: bool, computed: bool) -> None:
        self.add_action.setEnabled(is_open)
        self.remove_action.setEnabled(is_open and row is not None and row.in_list)
        self.cancel_action.setEnabled(is_open and row is not None and row.adjustment is not None)
        self.approve_action.setEnabled(is_open)
        self.reopen_action.setEnabled(approved)
        for act in (self.preview_action, self.print_action, self.save_action, self.word_action):
            act.setEnabled(computed or approved)

    def pdf_builder(self, fmt: str = "pdf"):
        """A function (db) -> PDF (or, ``fmt="docx"``, Word) bytes, run on a worker thread (it reads no
        widget); an approved list prints its frozen snapshot."""
        read, decider = self.printable_reader(), self.authority_reader()

        def build(db: Database) -> bytes:
            from reports.award_list import render_award_list  # reportlab loads on first print

            return render_award_list(read(db), decider(db), fmt=fmt)

        return build

    def authority_reader(self):
        """A function (db) -> who decides the list (None: the council itself)."""
        return lambda db: None

    def printable_reader(self):
        """A function (db) -> the list to print (read in the worker thread)."""
        raise NotImplementedError
