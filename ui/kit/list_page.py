"""The common shape of a list screen: search, filters, a sortable table, actions, Excel in/out."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from ui.kit import messages
from ui.kit.undo import Change, UndoHistory
from ui.kit.widgets import ChoiceCombo, LazyLoad, SearchBox, make_table
from ui.kit.layout import text_label

if TYPE_CHECKING:
    from sqlite_utils import Database


def on_selected(method=None, *, also: str = ""):
    """An action on the record selected, ``method(self, record)``: nothing happens when none is.
    ``also``: a method of the screen whose answer is needed too (``method(self, record, answer)``;
    nothing happens when it is None). The action's slot takes no argument, as Qt's signals expect."""

    def wrap(method):
        def run(self):
            record, extra = self.selected(), (getattr(self, also)(),) if also else ()
            if record is not None and None not in extra:
                return method(self, record, *extra)

        run.__name__, run.__doc__ = method.__name__, method.__doc__
        return run

    return wrap(method) if method is not None else wrap


class ListPage(LazyLoad, QWidget):
    """Subclasses set ``kind`` ("units"/"staff"), ``noun``, the model, and fill the filter bar."""

    changed = Signal()  # data was written: other screens should reload
    kind = ""
    noun = ""

    def __init__(self, db: Database, db_path: Path, model, search_hint: str, parent=None,
                 undo: UndoHistory | None = None):
        super().__init__(parent)
        self.init_screen(db, db_path, undo)
        self.model = model
        self.search = SearchBox(search_hint)
        self.search.setObjectName("search")
        self.search.textChanged.connect(self._search_changed)
        self.count_label = text_label("count")
        self.filters = QHBoxLayout()
        self.search.setMinimumWidth(220)
        self.filters.addWidget(self.search, 3)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.table = make_table(model)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.toolbar)
        self.body = QHBoxLayout()
        self.body.addWidget(self.table, 1)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.count_label)
        find = QAction("Tìm", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the table by ``column``, its header showing it."""
        self.model.sort(column, order)
        self.table.horizontalHeader().setSortIndicator(column, order)

    def start(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The end of a screen's building: sorted by ``column``, loaded, filtered."""
        self.sort_by(column, order)
        self.reload()
        self.apply_filters()

    def add_filter(self, name: str, combo, stretch: int = 1):
        """A drop-down of the filter bar, named ``name``: choosing in it filters the table."""
        if name:
            combo.setObjectName(name)
        self.filters.addWidget(combo, stretch)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def add_kind_filter(self):
        """The filter by kind of unit (named "kind_filter")."""
        from models.common.codes import UnitKind, label

        return self.add_filter("kind_filter", ChoiceCombo([(label(k), k) for k in UnitKind], "Tất cả loại đơn vị"))

    def add_leading_filter(self, caption: QLabel, widget: QWidget) -> None:
        """A captioned field before the search box (the year a screen shows)."""
        self.filters.insertWidget(0, caption)
        self.filters.insertWidget(1, widget)
        self.filters.insertSpacing(2, 12)

    def action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.setToolTip(f"{tip or text} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                       if shortcut is not None else (tip or text))
        act.triggered.connect(slot)
        self.toolbar.addAction(act)
        self.addAction(act)
        return act

    def add_excel_actions(self, export: bool = True) -> None:
        self.toolbar.addSeparator()
        self.import_action = self.action("Nhập từ Excel...", self.import_excel, "Ctrl+I")
        if export:
            self.action("Xuất ra Excel...", self.export_excel, "Ctrl+E")
        self.action("Tải tệp mẫu...", self.save_template)

    def import_target(self) -> tuple[int | None, str]:
        """(campaign id, campaign name) an import goes into; only initiatives need one."""
        return None, ""

    def exporter(self):
        """A function (db, path) -> rows written, for this screen's Excel export in the import's
        columns. Built in the GUI thread; it runs in a worker thread, so it reads no widget."""
        from models import exports

        kind = self.kind
        return lambda db, path: exports.export(db, kind, path)

    def file_stem(self) -> str:
        return {"units": "don-vi", "staff": "can-bo", "initiatives": "mo-hinh", "heads": "nguoi-dung-dau"}[self.kind]

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self.update_count()

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count
        self.count_label.setText(f"Hiển thị {shown:,} / {total:,} {self.noun}".replace(",", "."))

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_where(self, predicate) -> None:
        row = self.model.row_of(predicate)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selection_changed(self) -> None:
        pass

    def show_records(self, records, same=lambda record: record.id) -> None:
        """Show ``records``, keeping the record selected before selected (the one with the same
        ``same(record)``)."""
        keep = self.selected()
        self.model.set_records(records)
        self.update_count()
        if keep is not None:
            kept = same(keep)
            self.select_where(lambda r: same(r) == kept)
        self.selection_changed()

    def load(self) -> None:
        raise NotImplementedError

    def edit_selected(self) -> None:
        raise NotImplementedError

    def remember(self, text: str, restore) -> None:
        """Offer to undo the change just made (Ctrl+Z); ``restore`` puts things back."""
        self.undo.push(Change(text, restore))

    def after_change(self, select=None) -> None:
        """Reload, keep the user's place (the changed record selected), tell other screens."""
        self.reload()
        if select is not None:
            self.select_where(select)
        self.changed.emit()

    # Excel.
    def import_excel(self) -> None:
        from ui.kit.import_dialog import ImportDialog  # Excel modules load on first use: a fast start

        campaign_id, campaign_name = self.import_target()
        if self.kind == "initiatives" and campaign_id is None:
            messages.error(self, "Chưa chọn đợt thi đua", "Hãy chọn (hoặc thêm) một đợt thi đua trước khi nhập.")
            return
        dialog = ImportDialog(self.kind, self.db_path, self, campaign_id, campaign_name)
        if dialog.exec() and dialog.written:
            self.after_change()

    def export_excel(self) -> None:
        from ui.kit.tasks import write_xlsx  # the file modules load on first use: a fast start

        written = write_xlsx(self, self.db_path, f"Xuất danh sách {self.noun}",
                             f"{self.file_stem()}-{dt.date.today():%Y%m%d}.xlsx", f"Đang xuất danh sách {self.noun}...",
                             self.exporter(), "Không xuất được")
        if written is None:
            return
        path, count = written
        messages.inform(self, "Đã xuất", f"Đã xuất {count} dòng ra tệp:\n{path}")

    def save_template(self) -> None:
        path = messages.save_xlsx(self, "Lưu tệp mẫu để nhập", f"mau-{self.file_stem()}.xlsx")
        if not path:
            return
        from models import exports
        from models.store.output import write_atomically

        try:
            write_atomically(path, lambda temporary: exports.write_template(self.kind, temporary))
        except OSError as e:
            messages.error(self, "Không lưu được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
            return
        from ui.kit.import_dialog import HEADERS

        headers = HEADERS[self.kind]
        messages.inform(self, "Đã lưu tệp mẫu", f"Tệp mẫu có các cột: {' | '.join(headers)}\n{path}")


ALL_YEARS = "Tất cả các năm"


class YearListPage(ListPage):
    """A list screen shown by year (Kỷ luật, Sổ khen thưởng): a year filter before the search ("Tất cả các
    năm" or one year), the Excel export of the year shown (``export_function()`` returns ``(db, path, year)
    -> rows``, run in a worker thread), file names with the year (``stem``), and the import window with the
    screen's own explanation (``import_context``)."""

    stem = ""
    import_context = ""

    def add_year_filter(self, caption: str) -> None:
        from ui.kit.layout import captioned

        year_caption, self.year_filter = captioned(caption, ChoiceCombo([], ALL_YEARS), "year_filter")
        self.add_leading_filter(year_caption, self.year_filter)
        self.year_filter.currentIndexChanged.connect(self.apply_filters)

    def export_function(self):
        raise NotImplementedError

    def exporter(self):
        export, year = self.export_function(), self.year_filter.value()
        return lambda db, path: export(db, path, year)

    def file_stem(self) -> str:
        year = self.year_filter.value()
        return self.stem if year is None else f"{self.stem}-{year}"

    def import_excel(self) -> None:
        from ui.kit.import_dialog import ImportDialog

        dialog = ImportDialog(self.kind, self.db_path, self, context=self.import_context)
        if dialog.exec() and dialog.written:
            self.after_change()

    def refresh_years(self, years: set[int]) -> None:
        """Offer ``years`` (newest first) after "Tất cả các năm"; the year chosen stays offered."""
        current = self.year_filter.value()
        if current is not None:
            years.add(current)  # the year chosen stays offered while it is chosen
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(ALL_YEARS, None)
        for year in sorted(years, reverse=True):
            self.year_filter.add_choice(f"Năm {year}", year)
        self.year_filter.set_value(current)
        self.year_filter.blockSignals(False)

    def show_year(self, year: int | None) -> None:
        """Show the records of one year (``None``: every year)."""
        if year is not None and self.year_filter.findData(year) < 0:
            self.year_filter.add_choice(f"Năm {year}", year)
        self.year_filter.set_value(year)
