"""Tệp > Thông tin in trên văn bản: the council's level and area, names, place, usual signer and
recipients, which every printed list uses (models.store.settings.CouncilNames). Choosing another
level offers that level's usual wording (models.store.council_wording); what the user typed is
replaced only if they agree."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from sqlite_utils import Database

from models.common.codes import CouncilLevel, label
from models.store.council_wording import AREA_WORDS, level_wording, wording_changes
from models.store.settings import CouncilNames, council_names, set_council_names

from ui.kit import messages
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo

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
        self.level = ChoiceCombo([(label(level), level) for level in CouncilLevel])
        self.level.set_value(self.before.level)
        self.fill_button = QPushButton("Điền cách ghi thường dùng...")
        self.fill_button.setObjectName("fill_wording")
        self.fill_button.setToolTip("Điền Cơ quan cấp trên, Địa danh, Nơi nhận theo cách ghi thường dùng của cấp đã chọn")
        self.fill_button.clicked.connect(lambda: self.offer_wording(asked_by_level=False))
        f.add("level", "Cấp của Hội đồng", _row(self.level, self.fill_button), True)
        f.fields["level"] = self.level  # the value (unsaved changes, errors) is the combo's
        self.area = f.add("area", "Từ chỉ địa bàn", _combo(AREA_WORDS[self.before.level], self.before.area), True)
        self.area.setToolTip("In trong dòng tổng cộng “Toàn phường” và trong tên Hội đồng")
        self.area_name = f.add("area_name", "Tên địa bàn, cơ quan", QLineEdit(self.before.area_name))
        self.area_name.setToolTip("“Gò Vấp” trong “Hội đồng Thi đua - Khen thưởng phường Gò Vấp”")
        self.preview = QLabel()
        self.preview.setObjectName("wording_preview")
        self.preview.setWordWrap(True)
        f.layout_.addRow("", self.preview)
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
        self.area.currentTextChanged.connect(lambda _t: self._show_preview())
        self.area_name.textChanged.connect(lambda _t: self._show_preview())
        self.level.currentIndexChanged.connect(lambda _i: self._level_changed())
        self._show_preview()
        self.mark_clean()

    def _show_preview(self) -> None:
        names = self.names()
        self.preview.setText(f"In trên văn bản: “{names.total_label}” (dòng tổng cộng), “{names.everyone}”, "
                             f"“{names.council_name}”.")

    def _level_changed(self) -> None:
        level = self.level.value()
        typed = self.area.currentText()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItems(list(AREA_WORDS[level]))
        self.area.setCurrentText(typed)
        self.area.blockSignals(False)
        self.offer_wording(asked_by_level=True)

    def offer_wording(self, asked_by_level: bool) -> bool:
        """Offer the chosen level's usual wording; fill it in only if the user agrees (True when
        filled). Nothing to replace: nothing asked."""
        current = self.names()
        proposed = level_wording(current, current.level)
        changed = wording_changes(current, proposed)
        if not changed:
            return False
        lines = "\n".join(f"• {name}: “{old}”\n    → “{new}”" for name, old, new in changed)
        opening = (f"Bạn vừa chọn “{label(current.level)}”. " if asked_by_level else "") + (
            "Điền cách ghi thường dùng của cấp này?")
        if not messages.confirm(self, "Điền cách ghi theo cấp", f"{opening}\n\nCác dòng sau sẽ được thay:\n{lines}\n\n"
                                "Chọn “Giữ nguyên” để giữ những gì đang ghi (có thể sửa “Tên địa bàn, cơ quan” rồi "
                                "bấm “Điền cách ghi thường dùng...” sau).", yes="Điền cách ghi mới", no="Giữ nguyên"):
            return False
        self.area.setCurrentText(proposed.area)
        self.parent_body.setText(proposed.parent_body)
        self.place.setText(proposed.place)
        self.recipients.setPlainText("\n".join(proposed.recipients))
        self._show_preview()
        return True

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values["recipients"] = self.recipients.toPlainText()
        return values

    def names(self) -> CouncilNames:
        return CouncilNames(
            parent_body=self.parent_body.text(), issuing_body=self.issuing_body.text(), place=self.place.text(),
            signer_authority=self.authority.currentText(), signer_title=self.title.currentText(),
            signer_name=self.signer.text(), recipients=tuple(self.recipients.toPlainText().splitlines()),
            level=self.level.value(), area=self.area.currentText().strip(), area_name=self.area_name.text().strip(),
        )

    def save(self) -> CouncilNames:
        set_council_names(self.db, self.names())
        return council_names(self.db)


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for i, widget in enumerate(widgets):
        row.addWidget(widget, 1 if i == 0 else 0)
    return box


def _combo(choices: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(choices))
    combo.setCurrentText(current)
    return combo
