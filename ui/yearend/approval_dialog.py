"""Approving a year-end list: the decision (number, date), who signs it and who receives it.

The list is frozen as it stands (``models.yearend.lists.approve``); a missing field is shown beside
it and nothing is written.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from html import escape

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit
from sqlite_utils import Database

from models.yearend.lists import (
    STAFF,
    UNIT,
    Approval,
    ApprovalRecord,
    ListKey,
    PrintableList,
    approve,
    check_approval,
    draft_signer,
    subjects_of,
)
from models.common.dates import format_date
from models.common.errors import DomainError, ValidationError
from models.yearend.authority import LOCAL, authority, document_number, next_number, take_number
from models.store.settings import council_names

from ui.kit.dates import read_dates
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import DateEdit

AUTHORITIES = ["TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "KT. CHỦ TỊCH"]
TITLES = ["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def _editable_combo(items: list[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(items)
    combo.setCurrentText(current)
    return combo


def list_summary(printable: PrintableList, heading: str = "") -> str:
    """"Danh sách tập thể bị phê bình: 3 tập thể (tính đến ngày 01/03/2019)"; ``heading`` names the
    list instead of its printed title. Lists with bonuses add their total line."""
    takes = subjects_of(printable.kind)
    counts = [f"{len(printable.collectives)} tập thể"] if UNIT in takes or printable.collectives else []
    if STAFF in takes or printable.individuals:
        counts.append(f"{len(printable.individuals)} cá nhân")
    text = (f"{heading or printable.title.capitalize()}: {', '.join(counts)} "
            f"(tính đến ngày {format_date(printable.as_of)})")
    if any(e.amount for e in printable.entries) and printable.total_line:
        text += f"<br>{escape(printable.total_line)}"
    return text


class ApprovalDialog(RecordDialog):
    """Defaults come from the council's settings (names printed on documents)."""

    def __init__(self, db: Database, key: ListKey, printable: PrintableList, who: str = "",
                 today: dt.date | None = None, now: dt.datetime | None = None, heading: str = "", parent=None,
                 decided: Callable[[dt.date], PrintableList] | None = None):
        """``decided``: the list as the decision of a given day approves it (its bonuses on that
        day's base salary), when that differs from ``printable``."""
        super().__init__("Phê duyệt danh sách", parent)
        self.db, self.key, self.printable, self.who, self.now = db, key, printable, who, now
        self.decided = decided
        self.save_button.setText("Phê duyệt")
        signer = draft_signer(council_names(db))
        # Who decides the list (models.yearend.authority): the People's Committee's chairman signs its
        # titles, the council's chairman its campaign lists; the number is the next one in that book.
        self.year = key.year if key.year is not None else printable.as_of.year
        self.decides = authority(db, self.year, key.kind)
        if self.decides.level == LOCAL:
            signer = replace(signer, signer_authority="", signer_title=self.decides.signer_title,
                             issuer=self.decides.decider)
        decision_year = (today or dt.date.today()).year
        self.suggested = document_number(next_number(db, self.decides.symbol, decision_year), self.decides.symbol)
        f = self.form
        summary = QLabel(f"<b>{list_summary(printable, heading)}</b><br>Sau khi phê duyệt, danh sách được chốt: "
                         "dữ liệu thay đổi sau đó không làm đổi danh sách đã in.")
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        f.layout_.addRow(summary)
        self.number = f.add("decision_number", "Số quyết định", QLineEdit(), required=True)
        if self.decides.decides_here:
            self.number.setPlaceholderText(f"Số tiếp theo trong sổ văn bản: {self.suggested} "
                                           f"(gõ {self.suggested.split('/')[0]} cũng được)")
        else:  # the city's decision: its number is the city's, not in the books kept here
            self.number.setPlaceholderText(f"Số quyết định của {self.decides.decider} (không vào sổ văn bản ở đây)")
        self.date = f.add("decision_date", "Ngày quyết định", DateEdit(), required=True)
        self.date.setMaximumWidth(140)
        self.date.set_date(today or dt.date.today())
        self.authority = f.add("signer_authority", "Thẩm quyền ký", _editable_combo(AUTHORITIES,
                                                                                   signer.signer_authority))
        self.title = f.add("signer_title", "Chức danh người ký", _editable_combo(TITLES, signer.signer_title),
                           required=True)
        self.name = f.add("signer_name", "Họ tên người ký", QLineEdit(signer.signer_name), required=True)
        self.issuer = f.add("issuer", "Cơ quan ban hành", QLineEdit(signer.issuer))
        self.issuer.setToolTip("In ở dòng “(Kèm theo Quyết định số ... ngày ... của ...)”")
        self.recipients = f.add("recipients", "Nơi nhận (mỗi dòng một nơi)", QPlainTextEdit())
        self.recipients.setPlainText("\n".join(signer.recipients))
        self.recipients.setTabChangesFocus(True)
        self.recipients.setFixedHeight(110)
        for widget in (self.number, self.name, self.issuer):
            widget.setMinimumWidth(420)
        self.mark_clean()

    def approval(self) -> tuple[Approval, dict[str, str]]:
        dates, errors = read_dates(self.form, ("decision_date",))
        recipients = tuple(line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip())
        return Approval(self.number.text(), dates["decision_date"], self.authority.currentText(),
                        self.title.currentText(), self.name.text(), recipients, self.issuer.text()), errors

    def save(self) -> ApprovalRecord:
        approval, errors = self.approval()
        if errors:  # an unreadable date: say so with the other missing fields, write nothing
            raise ValidationError({**check_approval(approval), **errors})
        printable = self.decided(approval.decision_date) if self.decided and approval.decision_date else self.printable
        record = approve(self.db, self.key, approval, printable, self.now or dt.datetime.now(), self.who)
        self._enter_in_book(record)
        return record

    def _enter_in_book(self, record: ApprovalRecord) -> None:
        """The decision's number into its issuer's book (sổ văn bản) of the decision's year, when it is
        written "N/SYMBOL" of that issuer and still free there; never for a decision made higher up."""
        number, _, symbol = record.approval.decision_number.partition("/")
        date = record.approval.decision_date
        if not self.decides.decides_here:  # decided higher up: that authority keeps its own book
            return
        if not number.strip().isdigit() or symbol.strip() not in ("", self.decides.symbol) or date is None:
            return
        try:
            take_number(self.db, self.decides.symbol, date.year, self.printable.title, date, int(number))
        except DomainError:
            pass  # already in the book (entered by hand, or an earlier approval reopened)
