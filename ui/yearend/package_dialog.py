""""Hồ sơ trình": the December meeting package of a year's titles or a campaign's lists, in one place.

The meeting (date, place, who chaired, who took the minutes, the agenda), the members present (ticked),
and a small table of the secret-ballot votes per proposal, checked as they are typed against the share
each award requires; then, in one click, every document (Tờ trình with the lists, Biên bản, the
decisions with their lists) as one bound PDF previewed before saving, or as a folder of PDF and Word
files. The same domain and report functions as ``python main.py report proposal|minutes|decision``.
"""
from __future__ import annotations

from collections.abc import Callable
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)
from sqlite_utils import Database

from models.common.dates import DateError
from models.common.errors import DomainError, ValidationError
from models.yearend.meeting import Meeting, Member, Vote, check_vote, members, percent_text, save_meeting, save_members
from models.yearend.authority import MINUTES_SYMBOL, PROPOSAL_SYMBOL
from models.yearend.package import Package, suggested_number, take_package_numbers

from ui.kit import messages
from ui.kit.dates import date_error_text
from ui.kit.layout import pair_grid
from ui.kit.widgets import ERROR_STYLE, DateEdit

VOTE_COLUMNS = ("Đề nghị", "Số lượng", "Phiếu phát ra", "Phiếu thu vào", "Phiếu hợp lệ", "Phiếu đồng ý",
                "Tỷ lệ yêu cầu", "Kết quả")
COUNTS = ("issued", "returned", "valid", "agreed")
FIRST_COUNT = 2  # the column of "Phiếu phát ra"


class PackageDialog(QDialog):
    """``load(db) -> Package`` reads the package (again after the meeting is saved)."""

    def __init__(self, db: Database, load: Callable[[Database], Package], parent=None):
        super().__init__(parent)
        self.db, self._load = db, load
        self.package = load(db)
        self.setWindowTitle(f"Hồ sơ trình - {self.package.subject}")
        m = self.package.meeting
        self.held_on, self.place, self.chair, self.secretary, self.agenda = (
            DateEdit(), QLineEdit(m.place), QLineEdit(m.chair), QLineEdit(m.secretary), QLineEdit(m.agenda))
        self.held_on.set_date(m.held_on)
        self.agenda.setPlaceholderText("Bỏ trống: xét, bỏ phiếu kín các đề nghị dưới đây")
        for edit in (self.place, self.chair, self.secretary, self.agenda):
            edit.setMinimumWidth(320)
        # The numbers of the council's own documents, suggested from its books, entered there when saved.
        self.numbers = {PROPOSAL_SYMBOL: QLineEdit(), MINUTES_SYMBOL: QLineEdit()}
        self._suggested: dict[str, str] = {}
        self.held_on.editingFinished.connect(lambda: self._fill_numbers(keep_typed=True))
        fields = pair_grid([("Ngày họp:", self.held_on, "held_on"), ("Địa điểm:", self.place, "place"),
                            ("Chủ trì:", self.chair, "chair"), ("Thư ký:", self.secretary, "secretary"),
                            ("Nội dung:", self.agenda, "agenda"), ("", QLabel(), "spacer"),
                            ("Số tờ trình:", self.numbers[PROPOSAL_SYMBOL], "proposal_number"),
                            ("Số biên bản:", self.numbers[MINUTES_SYMBOL], "minutes_number")])
        self.present = QListWidget()
        self.present.setObjectName("present")
        self.present.setMaximumHeight(130)
        self.members_button = QPushButton("Thành viên Hội đồng...")
        self.members_button.setObjectName("members_button")
        self.members_button.clicked.connect(self.edit_members)
        self.authority_button = QPushButton("Thẩm quyền quyết định...")
        self.authority_button.setObjectName("authority_button")
        self.authority_button.setToolTip("Ai quyết định từng danh hiệu, hình thức khen thưởng (theo năm); ký hiệu "
                                         "số quyết định")
        self.authority_button.clicked.connect(self.edit_authorities)
        self.votes = QTableWidget(0, len(VOTE_COLUMNS))
        self.votes.setObjectName("votes")
        self.votes.setHorizontalHeaderLabels(VOTE_COLUMNS)
        self.votes.verticalHeader().setVisible(False)
        self.votes.itemChanged.connect(lambda _item: self._check())
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        self.save_button = self._button(buttons, "&Lưu phiên họp", self.save, "save")
        buttons.addStretch(1)
        self.preview_button = self._button(buttons, "&Xem trước và lưu một tệp PDF...", self.preview, "preview")
        self.folder_button = self._button(buttons, "Lưu vào thư mục (PDF và &Word)...", self.ask_folder, "folder")
        self._button(buttons, "Đóng", self.reject, "close").setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        row = QHBoxLayout()
        row.addWidget(QLabel("Thành viên có mặt (bỏ dấu: vắng mặt):"))
        row.addStretch(1)
        row.addWidget(self.authority_button)
        row.addWidget(self.members_button)
        layout.addLayout(row)
        layout.addWidget(self.present)
        layout.addWidget(QLabel("Kết quả bỏ phiếu kín (tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng; "
                                "bỏ trống cả dòng: chưa bỏ phiếu):"))
        layout.addWidget(self.votes, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._fill()
        self.resize(980, 620)

    def _button(self, bar: QHBoxLayout, text: str, slot, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    # ------------------------------------------------------------------ showing

    def _number_day(self) -> dt.date:
        """The day the documents are numbered and dated: the meeting's, else today."""
        try:
            return self.held_on.date() or dt.date.today()
        except DateError:
            return dt.date.today()

    def _fill_numbers(self, keep_typed: bool = False) -> None:
        """A number already in the book is shown and kept; otherwise the next free one in the book of
        the meeting's year is suggested (cleared: the document prints a blank number). ``keep_typed``:
        a number the user typed over the suggestion stays."""
        day = self._number_day()
        for symbol, edit in self.numbers.items():
            taken = self.package.number(symbol)
            if keep_typed and taken is None and edit.text() != self._suggested.get(symbol):
                continue
            self._suggested[symbol] = suggested_number(self.db, self.package, symbol, day)
            edit.setText(self._suggested[symbol])
            edit.setReadOnly(taken is not None)
            edit.setToolTip(f"Đã vào sổ văn bản năm {taken.year}" if taken else
                            "Số tiếp theo trong sổ văn bản của Hội đồng; vào sổ khi lưu. Xóa trống: in để trống số")

    def _fill(self) -> None:
        m = self.package.meeting
        self._fill_numbers()
        self.present.clear()
        for member in self.package.members:
            item = QListWidgetItem(f"{member.full_name} - {member.role}" + (f", {member.position}" if member.position
                                                                             else ""))
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.id in m.present else Qt.CheckState.Unchecked)
            self.present.addItem(item)
        self.present.itemChanged.connect(lambda _item: self._check())
        self.votes.blockSignals(True)
        self.votes.setRowCount(len(self.package.proposals))
        for row, p in enumerate(self.package.proposals):
            vote = m.votes.get(p.award)
            values = [p.label, f"{p.count} {p.who}"] + ([str(getattr(vote, c)) for c in COUNTS] if vote else [""] * 4)
            values += [f"từ {percent_text(p.threshold)}", ""]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not FIRST_COUNT <= col < FIRST_COUNT + 4:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.votes.setItem(row, col, item)
        self.votes.blockSignals(False)
        self._check()
        self.votes.resizeColumnsToContents()
        self.votes.horizontalHeader().setStretchLastSection(True)

    def present_ids(self) -> frozenset[int]:
        return frozenset(self.present.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.present.count())
                         if self.present.item(i).checkState() == Qt.CheckState.Checked)

    def read_votes(self) -> tuple[dict[str, Vote], list[str]]:
        """The votes typed (a blank row: not voted) and what is wrong with them, row by row."""
        votes, errors = {}, []
        present = len(self.present_ids())
        for row, p in enumerate(self.package.proposals):
            texts = [self.votes.item(row, FIRST_COUNT + i).text().strip().replace(".", "") for i in range(4)]
            if not any(texts):
                continue
            if not all(t.isdigit() for t in texts):
                errors.append(f"Dòng “{p.label}”: nhập đủ bốn số phiếu (số nguyên không âm)")
                continue
            vote = Vote(p.award, *(int(t) for t in texts))
            problems = check_vote(vote, present)
            errors += [f"Dòng “{p.label}”: {message}" for message in problems.values()]
            if not problems:
                votes[p.award] = vote
        return votes, errors

    def _check(self) -> bool:
        """Show each row's result (Đạt / Không đạt against the award's threshold) and any error."""
        votes, errors = self.read_votes()
        size = len(self.package.members)
        self.votes.blockSignals(True)
        for row, p in enumerate(self.package.proposals):
            vote = votes.get(p.award)
            result = "Chưa bỏ phiếu" if vote is None else (
                f"{percent_text(vote.share(size))}: " + ("Đạt" if vote.share(size) + 1e-9 >= p.threshold else "Không đạt"))
            self.votes.item(row, len(VOTE_COLUMNS) - 1).setText(result)
        self.votes.blockSignals(False)
        self.error.setText("\n".join(errors))
        return not errors

    # ------------------------------------------------------------------ saving the meeting

    def meeting(self) -> Meeting | None:
        """The meeting as typed; None (the error shown) when a field is wrong."""
        try:
            held = self.held_on.date()
        except DateError as e:
            self.error.setText(f"Ngày họp: {date_error_text(e)}")
            self.held_on.setFocus()
            return None
        votes, errors = self.read_votes()
        if errors:
            self.error.setText("\n".join(errors))
            return None
        return Meeting(self.package.meeting.key, held, self.place.text(), self.chair.text(), self.secretary.text(),
                       self.agenda.text(), self.present_ids(), votes)

    def save(self) -> bool:
        """Store the meeting (one transaction); the package is read again."""
        value = self.meeting()
        if value is None:
            return False
        typed = {symbol: edit.text() for symbol, edit in self.numbers.items()}
        try:
            with self.db.atomic():  # the meeting and the numbers together, or nothing
                save_meeting(self.db, value)
                take_package_numbers(self.db, self.package, typed, value.held_on or dt.date.today())
        except ValidationError as e:
            self.error.setText("\n".join(e.errors.values()))
            return False
        except DomainError as e:
            self.error.setText(str(e))
            return False
        self.package = self._load(self.db)
        self._fill_numbers()
        self.error.setText("")
        return True

    def edit_members(self) -> None:
        """The council's members, one per line: "Họ và tên; chức danh trong Hội đồng; chức vụ"."""
        lines = "\n".join(f"{m.full_name}; {m.role}; {m.position}" for m in members(self.db))
        text = messages.ask_text(self, "Thành viên Hội đồng",
                                 "Mỗi dòng một thành viên: Họ và tên; chức danh trong Hội đồng; chức vụ", lines)
        if text is None:
            return
        self.set_members(text)

    def edit_authorities(self) -> None:
        from ui.yearend.authority_dialog import AuthorityDialog

        if AuthorityDialog(self.db, self.package.year, self).exec():
            self.package = self._load(self.db)
            self._fill()

    def set_members(self, text: str) -> bool:
        known = {m.full_name: m for m in members(self.db)}
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            name, role, position = ([p.strip() for p in line.split(";")] + ["", ""])[:3]
            old = known.get(name)
            rows.append(Member(name, role or "Ủy viên", position, id=old.id if old else None))
        try:
            save_members(self.db, rows)
        except ValidationError as e:
            self.error.setText("\n".join(e.errors.values()))
            return False
        self.package = self._load(self.db)
        self._fill()
        return True

    # ------------------------------------------------------------------ the documents

    def documents(self):
        """(file name, document) of the package, the meeting saved first."""
        from reports.package import package_documents

        if not self.save():
            return None
        return package_documents(self.package)

    def bound_pdf(self) -> bytes | None:
        from reports.package import package_bound
        from reports.parts import render

        if not self.save():
            return None
        return render(package_bound(self.package))

    def preview(self) -> None:
        from ui.kit.pdf_preview import PdfPreviewDialog

        pdf = self.bound_pdf()
        if pdf is None:
            return
        name = f"ho-so-trinh-{self.package.year}.pdf"
        PdfPreviewDialog(pdf, f"Hồ sơ trình - {self.package.subject}", name, self).exec()

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu hồ sơ trình", messages.documents_folder())
        if folder:
            self.save_to_folder(Path(folder))

    def save_to_folder(self, folder: Path) -> list[Path]:
        """Every document as PDF and Word into ``folder``; the files written (none on an error)."""
        from models.store.output import write_atomically
        from reports.parts import render

        docs = self.documents()
        if docs is None:
            return []
        written = []
        try:
            for name, doc in docs:
                for fmt in ("pdf", "docx"):
                    path = folder / f"{name}.{fmt}"
                    write_atomically(path, render(doc, fmt))
                    written.append(path)
        except OSError as e:
            messages.error(self, "Không lưu được", f"Không ghi được vào thư mục “{folder}”: {e.strerror or e}")
            return written
        except DomainError as e:
            messages.error(self, "Không tạo được hồ sơ", str(e))
            return written
        messages.inform(self, "Đã lưu", f"Đã lưu {len(written)} tệp (PDF và Word) vào thư mục:\n{folder}")
        return written


def open_package(parent, db: Database, load: Callable[[Database], Package]) -> PackageDialog | None:
    """The dialog for ``load``'s package, or None (the reason told) when there is nothing to put in it."""
    try:
        dialog = PackageDialog(db, load, parent)
    except DomainError as e:
        messages.error(parent, "Chưa lập được hồ sơ trình", str(e))
        return None
    return dialog


__all__ = ["PackageDialog", "open_package"]
