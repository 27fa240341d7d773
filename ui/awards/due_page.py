"""The due list ("Đến hạn khen thưởng"): who meets a rule this year, with the why; the council ticks the
ones it proposes (``chosen()``, for the proposal documents); the rules themselves are edited in a window of
their own (number of years, rating level, source, "cần kiểm tra", applies or not)."""
from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from models.analysis.due import DueEntry, DueRule, due_entries, list_due_rules, save_due_rule
from models.common.codes import Level, label
from models.common.errors import ValidationError

from models.awards.register import latest_year

from ui.kit import messages
from ui.awards.statistics_page import award_year_spin
from ui.kit.widgets import ChoiceCombo, LazyLoad

COLUMNS = ["Chọn", "Khen thưởng đến hạn", "Cá nhân / Tập thể", "Đơn vị", "Lý do (căn cứ)"]


class DuePage(LazyLoad, QWidget):
    changed = Signal()

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(parent)
        self.init_screen(db, db_path, undo)
        self.year = award_year_spin(latest_year(db, dt.date.today().year))
        self.year.setObjectName("year")
        self.year.valueChanged.connect(self.reload)
        caption = QLabel("&Năm xét:")
        caption.setBuddy(self.year)
        rules = QPushButton("Quy tắc xét...")
        rules.clicked.connect(self.edit_rules)
        pdf = QPushButton("In PDF...")
        pdf.clicked.connect(self.save_pdf)
        self.proposal_button = QPushButton("Lập đề nghị...")
        self.proposal_button.setToolTip("Danh sách đề nghị khen thưởng gồm những dòng đã đánh dấu ở cột Chọn (PDF)")
        self.proposal_button.clicked.connect(self.save_proposal)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(rules)
        top.addWidget(pdf)
        top.addWidget(self.proposal_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("due_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for c, width in enumerate((45, 230, 190, 220, 520)):
            self.table.setColumnWidth(c, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.entries: list[DueEntry] = []
        self.reload()

    def load(self) -> None:
        self.entries = due_entries(self.db, self.year.value())
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, tick)
            for c, text in enumerate((e.rule.name, f"{e.name} ({e.code})", e.unit_name or "Tập thể", e.why), start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.count_label.setText(f"{len(self.entries)} lượt đến hạn theo các quy tắc đang áp dụng; đánh dấu ở cột "
                                 "Chọn những người, tập thể Hội đồng đề nghị.")

    def chosen(self) -> list[DueEntry]:
        """The entries ticked, in the list's order (what a proposal takes)."""
        return [e for r, e in enumerate(self.entries)
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked]

    def save_pdf(self) -> None:
        from ui.kit.pdf_export import ask_pdf_path, write_pdf

        year = self.year.value()
        path = ask_pdf_path(self, "Lưu danh sách đến hạn", f"den-han-khen-thuong-{year}.pdf")
        if path:
            write_pdf(self, self.db_path, path, "danh sách đến hạn khen thưởng", lambda db: _due_pdf(db, year))

    def save_proposal(self) -> None:
        """The council's proposal: the ticked entries only, as a PDF list grouped by the award proposed."""
        from ui.kit import messages
        from ui.kit.pdf_export import ask_pdf_path, write_pdf

        chosen, year = self.chosen(), self.year.value()
        if not chosen:
            messages.inform(self, "Lập danh sách đề nghị",
                                 "Chưa chọn ai: đánh dấu ở cột Chọn những người, tập thể Hội đồng đề nghị khen thưởng.")
            return
        path = ask_pdf_path(self, "Lưu danh sách đề nghị khen thưởng", f"de-nghi-khen-thuong-{year}.pdf")
        if path:
            write_pdf(self, self.db_path, path, "danh sách đề nghị khen thưởng", partial(proposal_pdf, chosen, year))

    def edit_rules(self) -> None:
        if DueRulesDialog(self.db, self).exec():
            self.reload()


def proposal_pdf(chosen: list[DueEntry], year: int, db) -> bytes:
    """The proposal of the entries the council picked (run on a worker thread: reads no widget)."""
    from models.store.settings import council_names
    from reports.due import render_due

    return render_due(chosen, year, council_names(db), dt.date.today(), proposal=True)


def _due_pdf(db, year: int) -> bytes:
    from models.store.settings import council_names
    from reports.due import render_due

    return render_due(due_entries(db, year), year, council_names(db), dt.date.today())


class DueRulesDialog(QDialog):
    """Every rule, one row: applies, name, number of years, rating level (rules on the yearly rating),
    source, "cần kiểm tra". Saved together; a wrong value keeps the window open and says where."""

    HEADINGS = ["Áp dụng", "Quy tắc", "Số năm liên tục", "Mức xếp loại năm", "Căn cứ", "Cần kiểm tra"]

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Quy tắc xét khen thưởng tiếp theo")
        self.db = db
        self.rules = list_due_rules(db)
        self.table = QTableWidget(len(self.rules), len(self.HEADINGS))
        self.table.setHorizontalHeaderLabels(self.HEADINGS)
        self.table.verticalHeader().hide()
        self.widgets = []
        for r, rule in enumerate(self.rules):
            active, check = QCheckBox(), QCheckBox()
            active.setChecked(rule.active)
            check.setChecked(rule.to_check)
            count = QSpinBox()
            count.setRange(1, 30)
            count.setValue(rule.count)
            level = ChoiceCombo([(label(x), x) for x in Level], "—")
            level.set_value(rule.counted_level)
            level.setEnabled(rule.counted == "rating")
            name, source = QTableWidgetItem(rule.name), QTableWidgetItem(rule.source)
            self.table.setCellWidget(r, 0, active)
            self.table.setItem(r, 1, name)
            self.table.setCellWidget(r, 2, count)
            self.table.setCellWidget(r, 3, level)
            self.table.setItem(r, 4, source)
            self.table.setCellWidget(r, 5, check)
            self.widgets.append((active, name, count, level, source, check))
        for c, width in enumerate((60, 260, 110, 200, 480, 90)):
            self.table.setColumnWidth(c, width)
        note = QLabel("Điều kiện đếm số năm liên tục theo sổ khen thưởng (danh hiệu) hoặc xếp loại chất lượng cuối "
                      "năm. Đánh dấu “Cần kiểm tra” khi chưa đối chiếu căn cứ với văn bản gốc.")
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox()
        buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(1240, 380)

    def edited(self) -> list[DueRule]:
        from dataclasses import replace

        return [replace(rule, active=a.isChecked(), name=n.text(), count=c.value(), counted_level=lv.value(),
                        source=s.text(), to_check=k.isChecked())
                for rule, (a, n, c, lv, s, k) in zip(self.rules, self.widgets)]

    def try_save(self) -> bool:
        """Save every rule in one transaction; the first rule refused names itself and nothing is saved."""
        try:
            with self.db.atomic():
                for stored, rule in zip(self.rules, self.edited()):
                    try:
                        save_due_rule(self.db, rule)
                    except ValidationError as e:
                        self.error.setText("; ".join(f"Quy tắc “{stored.name}”: {v}" for v in e.errors.values()))
                        raise
        except ValidationError:
            return False
        self.accept()
        messages.inform(self, "Đã lưu", "Đã lưu các quy tắc xét khen thưởng tiếp theo.")
        return True
