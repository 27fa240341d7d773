"""Small tables edited through widgets in their cells: a rule set's coefficients by year and its
caps, and the list of base salaries."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.common.codes import CapScope, HeadLevel, Severity, label
from models.common.dates import format_date
from models.quarters.rules import BaseSalary, Cap

from ui.kit.widgets import ChoiceCombo, DateEdit

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)  # 1.390.000 and 0,6
ROW_HEIGHT = 32


def percent_spin(value: float = 0.0) -> QSpinBox:
    """A share typed as a whole percentage, 0-100 %."""
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setSuffix(" %")
    spin.setValue(round(value * 100))
    return spin


class RowsEditor(QWidget):
    """A table whose rows are widgets; Thêm dòng (Insert) and Xóa dòng (Delete) beside it.
    Subclasses say how a row is built from a value and read back."""

    edited = Signal()
    headers: list[str] = []
    widths: list[int] = []

    def __init__(self, values=(), visible_rows: int = 4, buttons_below: bool = False, parent=None):
        super().__init__(parent)
        self.rows: list[list[QWidget]] = []
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate(self.widths):
            self.table.setColumnWidth(i, width)
        header_height = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(header_height + visible_rows * ROW_HEIGHT + 4)
        self.table.setMaximumHeight(header_height + (visible_rows + 1) * ROW_HEIGHT + 4)
        self.add_button = QPushButton("Thêm dòng")
        self.add_button.setToolTip("Thêm một dòng (Insert)")
        self.remove_button = QPushButton("Xóa dòng")
        self.remove_button.setToolTip("Xóa dòng đang chọn (Ctrl+Delete)")
        for button, slot in ((self.add_button, lambda: self.add_row()), (self.remove_button, self.remove_row)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        for keys, slot in (("Ins", lambda: self.add_row()), ("Ctrl+Del", self.remove_row)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        buttons = QHBoxLayout() if buttons_below else QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self) if buttons_below else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.set_values(values)

    # What a subclass provides.
    def make_row(self, value) -> list[QWidget]:
        raise NotImplementedError

    def read_row(self, widgets: list[QWidget]):
        raise NotImplementedError

    def new_value(self):
        """The value a new row starts with (usually continuing the last row)."""
        raise NotImplementedError

    # Rows.
    def set_values(self, values) -> None:
        self.table.setRowCount(0)
        self.rows = []
        for value in values:
            self.add_row(value, focus=False)

    def values(self) -> list:
        return [self.read_row(widgets) for widgets in self.rows]

    def add_row(self, value=None, focus: bool = True) -> None:
        widgets = self.make_row(self.new_value() if value is None else value)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, widget in enumerate(widgets):
            self.table.setCellWidget(row, column, widget)
            for signal in ("valueChanged", "currentIndexChanged", "textChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(lambda *_: self.edited.emit())
                    break
        self.rows.append(widgets)
        if focus:
            self.table.selectRow(row)
            widgets[0].setFocus()
            self.edited.emit()

    def current_row(self) -> int:
        """The row holding the keyboard focus, else the selected row, else -1."""
        focus = QApplication.focusWidget()
        for row, widgets in enumerate(self.rows):
            if any(w is focus or (focus is not None and w.isAncestorOf(focus)) for w in widgets):
                return row
        return self.table.currentRow()

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0:
            row = len(self.rows) - 1
        if row < 0:
            return
        self.table.removeRow(row)
        del self.rows[row]
        if self.rows:
            row = min(row, len(self.rows) - 1)
            self.table.selectRow(row)
            self.rows[row][0].setFocus()
        self.edited.emit()


class CoefficientsEditor(RowsEditor):
    """Từ năm | Hệ số tối đa: the maximum extra-income coefficient from each year on."""

    headers = ["Từ năm", "Hệ số tối đa"]
    widths = [110, 130]

    def make_row(self, value: tuple[int, float]) -> list[QWidget]:
        year = QSpinBox()
        year.setRange(2000, 2100)
        year.setValue(value[0])
        coefficient = QDoubleSpinBox()
        coefficient.setLocale(VIETNAMESE)
        coefficient.setRange(0, 10)
        coefficient.setDecimals(2)
        coefficient.setSingleStep(0.1)
        coefficient.setValue(value[1])
        return [year, coefficient]

    def read_row(self, widgets) -> tuple[int, float]:
        return widgets[0].value(), round(widgets[1].value(), 2)

    def new_value(self) -> tuple[int, float]:
        values = self.values()
        return (values[-1][0] + 1, values[-1][1]) if values else (2018, 0.6)


class CapsEditor(RowsEditor):
    """Đối tượng | Mức xếp loại | Tối đa | Tính trên | Mức độ: each cap warns or blocks locking; "Tính
    trên" is the people classified, or the people rated another level (Nghị định 335/2025/NĐ-CP)."""

    headers = ["Đối tượng", "Mức xếp loại", "Tối đa", "Tính trên", "Mức độ"]
    widths = [120, 226, 72, 256, 130]

    def make_row(self, cap: Cap) -> list[QWidget]:
        scope = ChoiceCombo([(label(s), s) for s in CapScope])
        scope.set_value(cap.scope)
        level = ChoiceCombo([(label(lv), lv) for lv in HeadLevel])
        level.set_value(cap.level)
        share = percent_spin(cap.max_share)
        of_level = ChoiceCombo([(f"số người {label(lv)}", lv) for lv in HeadLevel], "số người được xếp loại")
        of_level.set_value(cap.of_level)
        severity = ChoiceCombo([(label(s), s) for s in Severity])
        severity.set_value(cap.severity)
        return [scope, level, share, of_level, severity]

    def read_row(self, widgets) -> Cap:
        scope, level, share, of_level, severity = widgets
        return Cap(scope.value(), level.value(), share.value() / 100, severity.value(), of_level.value())

    def new_value(self) -> Cap:
        return Cap(CapScope.LEADERS, HeadLevel.XUAT_SAC, 0.5, Severity.WARN)


class BaseSalaryEditor(RowsEditor):
    """Áp dụng từ ngày | Mức lương cơ sở | Căn cứ. Rows read back as (date text, amount, decree): the
    screen checks the dates and says which row is wrong."""

    headers = ["Áp dụng từ ngày", "Mức lương cơ sở", "Căn cứ (văn bản quy định)"]
    widths = [130, 170, 200]

    def make_row(self, value: BaseSalary | tuple[str, int, str]) -> list[QWidget]:
        start = DateEdit()
        start.setText(format_date(value.start) if isinstance(value, BaseSalary) else value[0])
        amount = QSpinBox()
        amount.setLocale(VIETNAMESE)
        amount.setGroupSeparatorShown(True)
        amount.setRange(0, 1_000_000_000)
        amount.setSingleStep(10_000)
        amount.setSuffix(" đ/tháng")
        amount.setValue(value.amount if isinstance(value, BaseSalary) else value[1])
        decree = QLineEdit(value.decree if isinstance(value, BaseSalary) else value[2])
        decree.setPlaceholderText("ví dụ: Nghị định 73/2024/NĐ-CP")
        return [start, amount, decree]

    def read_row(self, widgets) -> tuple[str, int, str]:
        return widgets[0].text(), widgets[1].value(), widgets[2].text().strip()

    def new_value(self) -> tuple[str, int, str]:
        values = self.values()
        return ("", values[-1][1] if values else 2_340_000, "")
