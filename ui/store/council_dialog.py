"""Tệp > Thông tin in trên văn bản: the council's names, place, usual signer and recipients, which
every printed list uses (models.store.settings.CouncilNames)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit
from sqlite_utils import Database

from models.store.settings import CouncilNames, council_names, set_council_names

from ui.kit.record_dialog import RecordDialog

AUTHORITIES = ("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
TITLES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC")


class CouncilDialog(RecordDialog):
    """Edit the names; Enter saves (refused with the field's message when a required line is empty)."""

    def __init__(self, db: Database, parent=None):
        super().__init__("Thông tin in trên văn bản", parent)
        self.db = db
        self.before = council_names(db)
        intro = QLabel("Các dòng này in ở phần đầu, phần ký và “Nơi nhận” của mọi danh sách, báo cáo PDF. "
                       "Danh sách đã phê duyệt giữ nguyên thông tin lúc phê duyệt.")
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        f = self.form
        self.parent_body = f.add("parent_body", "Cơ quan cấp trên", QLineEdit(self.before.parent_body), True)
        self.issuing_body = f.add("issuing_body", "Cơ quan ban hành", QLineEdit(self.before.issuing_body), True)
        self.place = f.add("place", "Địa danh", QLineEdit(self.before.place), True)
        self.place.setToolTip("In trước ngày tháng: “Gò Vấp, ngày 05 tháng 01 năm 2019”")
        self.authority = f.add("signer_authority", "Thẩm quyền ký", _combo(AUTHORITIES, self.before.signer_authority))
        self.title = f.add("signer_title", "Chức vụ người ký", _combo(TITLES, self.before.signer_title), True)
        self.signer = f.add("signer_name", "Họ tên người ký", QLineEdit(self.before.signer_name))
        self.recipients = f.add("recipients", "Nơi nhận (mỗi dòng một nơi)",
                                QPlainTextEdit("\n".join(self.before.recipients)))
        self.recipients.setTabChangesFocus(True)
        self.recipients.setMinimumHeight(110)
        for edit in (self.parent_body, self.issuing_body, self.place, self.signer):
            edit.setMinimumWidth(420)
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values["recipients"] = self.recipients.toPlainText()
        return values

    def names(self) -> CouncilNames:
        return CouncilNames(
            parent_body=self.parent_body.text(), issuing_body=self.issuing_body.text(), place=self.place.text(),
            signer_authority=self.authority.currentText(), signer_title=self.title.currentText(),
            signer_name=self.signer.text(), recipients=tuple(self.recipients.toPlainText().splitlines()),
        )

    def save(self) -> CouncilNames:
        set_council_names(self.db, self.names())
        return council_names(self.db)


def _combo(choices: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(choices))
    combo.setCurrentText(current)
    return combo
