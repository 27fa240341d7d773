"""The history screen (Nhật ký): every change, newest first, filtered and exported; never edited.
The restores (kept in a log beside the database, which a restore cannot rewind) are listed among
the changes, as "Khôi phục dữ liệu"."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlite_utils import Database

from models.common.dates import DateError
from models.store.history import TABLE_LABELS, list_changes, operators
from models.store.restore_log import LABEL as RESTORE_LABEL
from models.store.restore_log import list_restores
from models.common.text import sort_key
from models.people.units import list_units
from models.exchange.xlsx import Column as XlsxColumn
from models.exchange.xlsx import write_workbook

from ui.kit.list_page import ListPage
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ChoiceCombo, DateEdit, SearchableCombo
from ui.kit.layout import wrapping

SHOWN = 10_000  # the newest changes matching the filters
RESTORES = "khoi_phuc"  # the kind-of-record filter's choice for the restores


class HistoryTableModel(RecordTableModel):
    COL_AT, COL_WHO, COL_KIND, COL_ACTION, COL_SUBJECT, COL_CHANGES = range(6)
    columns = [
        Column("Thời điểm", lambda c: c.when, key=lambda c: (c.at, c.id), width=140),
        Column("Người thực hiện", lambda c: c.who, width=150),
        Column("Loại bản ghi", lambda c: c.table_label, width=150),
        Column("Thao tác", lambda c: c.action_label, width=60),
        Column("Bản ghi", lambda c: c.subject, width=220),
        Column("Thay đổi", lambda c: c.summary, width=420),
    ]
    # The search looks in every column as shown (a date typed 31/08/2018 finds a value stored 2018-08-31).

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.COL_CHANGES:
            return self.record(index.row()).summary.replace("; ", "\n")  # a long change, one field a line
        return super().data(index, role)


class HistoryPage(ListPage):
    kind = ""
    noun = "thay đổi"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, HistoryTableModel(), "Tìm trong nhật ký: mã, tên, giá trị... (Ctrl+F)",
                         parent, undo)
        self.since = DateEdit()
        self.since.setObjectName("since")
        self.since.setPlaceholderText("từ ngày")
        self.until = DateEdit()
        self.until.setObjectName("until")
        self.until.setPlaceholderText("đến ngày")
        self.who = ChoiceCombo([], "Mọi người thực hiện")
        self.table_filter = ChoiceCombo(sorted([*((v, k) for k, v in TABLE_LABELS.items()), (RESTORE_LABEL, RESTORES)],
                                               key=lambda item: sort_key(item[0])), "Mọi loại bản ghi")
        self.unit_filter = SearchableCombo([], "Mọi đơn vị")
        self.date_error = wrapping(QLabel())
        self.date_error.setStyleSheet("color: #b00020;")
        for widget, stretch in ((self.since, 1), (self.until, 1), (self.who, 1), (self.table_filter, 1),
                                (self.unit_filter, 2)):
            self.filters.addWidget(widget, stretch)
        self.filters.addWidget(self.date_error)
        for date in (self.since, self.until):
            date.editingFinished.connect(self.reload)
        for combo in (self.who, self.table_filter, self.unit_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.export_action = self.action("Xuất ra Excel...", self.export_excel, "Ctrl+E")
        self.refresh_action = self.action("Làm mới", self.reload, "F5")
        note = QLabel("Nhật ký do chương trình tự ghi khi có thay đổi; không sửa, không xóa được.")
        note.setStyleSheet("color: #4a4a4a;")
        self.layout().insertWidget(self.layout().indexOf(self.toolbar) + 1, note)
        self.model.sort(HistoryTableModel.COL_AT)
        self.table.sortByColumn(HistoryTableModel.COL_AT, self._descending())
        self.reload()

    @staticmethod
    def _descending():
        return Qt.SortOrder.DescendingOrder

    def _fill_choices(self) -> None:
        who = operators(self.db)
        who += sorted({r.who for r in list_restores(self.db_path) if r.who} - set(who), key=sort_key)
        for combo, items in ((self.who, [(w, w) for w in who]),
                             (self.unit_filter, [(f"{u.name} ({u.code})", u.id)
                                                 for u in sorted(list_units(self.db), key=lambda u: sort_key(u.name))])):
            current = combo.value()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.add_choice(text, value)
            combo.set_value(current)
            combo.blockSignals(False)

    def _dates(self) -> tuple[dt.date | None, dt.date | None] | None:
        try:
            since, until = self.since.date(), self.until.date()
        except DateError as e:
            self.date_error.setText(str(e)[:1].upper() + str(e)[1:])
            return None
        self.date_error.setText("")
        return since, until

    def load(self) -> None:
        self._fill_choices()
        dates = self._dates()
        if dates is None:
            return
        table, unit_id = self.table_filter.value(), self.unit_filter.value()
        changes = [] if table == RESTORES else list_changes(
            self.db, since=dates[0], until=dates[1], who=self.who.value(), table=table, unit_id=unit_id, limit=SHOWN)
        restores = list_restores(self.db_path, dates[0], dates[1], self.who.value()) \
            if table in (None, RESTORES) and unit_id is None else []
        self.model.set_records(changes + restores)
        self.update_count()

    def update_count(self) -> None:
        super().update_count()
        if self.model.total_count >= SHOWN:
            self.count_label.setText(self.count_label.text() + f" (chỉ {SHOWN:,} thay đổi mới nhất; hãy lọc theo ngày)"
                                     .replace(",", "."))

    def edit_selected(self) -> None:
        pass  # the history is read-only

    def file_stem(self) -> str:
        return "nhat-ky"

    def exporter(self):
        changes = [self.model.record(r) for r in range(self.model.rowCount())]
        columns = [XlsxColumn("Thời điểm", 20), XlsxColumn("Người thực hiện", 24), XlsxColumn("Loại bản ghi", 26),
                   XlsxColumn("Thao tác", 10), XlsxColumn("Bản ghi", 36), XlsxColumn("Thay đổi", 90)]
        rows = [[c.when, c.who, c.table_label, c.action_label, c.subject, c.summary] for c in changes]
        return lambda db, path: (write_workbook(path, "Nhật ký", columns, rows), len(rows))[1]
