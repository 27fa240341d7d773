"""Register or edit a unit's initiative (mô hình, sáng kiến, giải pháp) in a campaign, with its
result, the council's assessment and its authors."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.campaigns.campaigns import PERIOD_NOTE, Campaign, Participant, default_registration_date, participants
from models.common.codes import Assessment, AuthorRole, InitiativeKind, label
from models.common.errors import ValidationError
from models.campaigns.initiatives import Author, Initiative, check_initiative, normalised, save_initiative
from models.people.staff import Staff, list_staff
from models.common.text import name_sort_key, sort_key

from ui.kit.dates import read_dates
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo, DateEdit, SearchableCombo
from ui.kit.layout import field_button, lay_out

NOT_ASSESSED = "— Chưa đánh giá —"
NO_FIELD = "— Không chọn lĩnh vực —"


def _person_text(p: Staff) -> str:
    return f"{p.full_name} - {p.position}" if p.position else p.full_name


class _AuthorCombo(SearchableCombo):
    """Enter picks the typed person (as a tác giả); it must not also save the whole dialog."""

    def keyPressEvent(self, event) -> None:
        # With the completer's list open, the completer finishes the choice itself (it needs the
        # event left unaccepted); otherwise Enter stops here instead of pressing Lưu.
        choosing = self.completer().popup().isVisible()
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not choosing:
            event.accept()


ROLE, SHARE = Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2


class AuthorPicker(QWidget):
    """The chosen authors, in order, each with a role (chủ trì / tham gia) and a share in percent;
    added from the unit's current staff (the first one chủ trì), removed with Bỏ / Del. The role and
    share fields under the list edit the selected author."""

    def __init__(self, everyone: dict[int, Staff], parent=None):
        super().__init__(parent)
        self.everyone = everyone
        self.list = QListWidget()
        self.list.setFixedHeight(84)
        self.list.currentRowChanged.connect(lambda _r: self._show_current())
        self.choice = _AuthorCombo([], "")
        self.choice.setObjectName("author_choice")
        self.choice.setMinimumContentsLength(24)
        self.choice.lineEdit().setPlaceholderText("Gõ tên cán bộ để chọn...")
        self.choice.activated.connect(lambda _i: self.add_chosen())
        self.add_button = field_button("Thêm tác giả", self.add_chosen)
        self.remove_button = field_button("Bỏ tác giả", self.remove_current)
        self.role = ChoiceCombo([(label(r), r) for r in AuthorRole])
        self.role.setObjectName("author_role")
        self.share = QDoubleSpinBox()
        self.share.setObjectName("author_share")
        self.share.setRange(0, 100)
        self.share.setDecimals(1)
        self.share.setSuffix(" %")
        self.share.setSpecialValueText("Chưa báo cáo")  # 0: the unit reported no share
        self.share.setMinimumWidth(self.share.fontMetrics().horizontalAdvance("Chưa báo cáo") + 40)
        self.share.setToolTip("Tỷ lệ đóng góp của tác giả đang chọn, theo báo cáo của đơn vị (để 0 nếu không có)")
        self.role.currentIndexChanged.connect(lambda _i: self._edit_current())
        self.share.valueChanged.connect(lambda _v: self._edit_current())
        row = lay_out((self.choice, 1), self.add_button, self.remove_button)
        part = lay_out(QLabel("Vai trò:"), self.role, QLabel("Tỷ lệ đóng góp:"), self.share, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(part)
        layout.addLayout(row)
        self._show_current()

    def set_candidates(self, people: list[Staff]) -> None:
        self.choice.clear()
        for p in sorted(people, key=lambda p: name_sort_key(p.full_name)):
            self.choice.add_choice(_person_text(p), p.id)
        self.choice.setCurrentIndex(-1)
        self.choice.setEditText("")

    def set_authors(self, authors) -> None:
        """``authors``: :class:`Author` records, or staff ids (the first one chủ trì)."""
        self.list.clear()
        for n, a in enumerate(authors):
            if not isinstance(a, Author):
                a = Author(a, AuthorRole.CHU_TRI if n == 0 else AuthorRole.THAM_GIA)
            self._append(a)

    def _append(self, author: Author) -> None:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, author.staff_id)
        item.setData(ROLE, author.role.value)
        item.setData(SHARE, author.share)
        self._label(item)
        self.list.addItem(item)

    def _label(self, item: QListWidgetItem) -> None:
        staff_id = item.data(Qt.ItemDataRole.UserRole)
        person = self.everyone.get(staff_id)
        text = _person_text(person) if person else f"Cán bộ số {staff_id}"
        if person and person.ended_on is not None:
            text += " (đã nghỉ)"
        item.setText(f"{text} ({self._author(item).text})")

    @staticmethod
    def _author(item: QListWidgetItem) -> Author:
        share = item.data(SHARE)
        return Author(item.data(Qt.ItemDataRole.UserRole), AuthorRole(item.data(ROLE)),
                      float(share) if share else None)

    def authors(self) -> tuple[Author, ...]:
        return tuple(self._author(self.list.item(i)) for i in range(self.list.count()))

    def author_ids(self) -> tuple[int, ...]:
        return tuple(a.staff_id for a in self.authors())

    def add_author(self, staff_id: int) -> None:
        if staff_id not in self.author_ids():
            first = not any(a.role == AuthorRole.CHU_TRI for a in self.authors())
            self._append(Author(staff_id, AuthorRole.CHU_TRI if first else AuthorRole.THAM_GIA))
            self.list.setCurrentRow(self.list.count() - 1)

    def add_chosen(self) -> None:
        staff_id = self.choice.value()
        if staff_id is None:
            return
        self.add_author(staff_id)
        self.choice.setCurrentIndex(-1)
        self.choice.setEditText("")

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _show_current(self) -> None:
        item = self.list.currentItem()
        for widget in (self.role, self.share):
            widget.setEnabled(item is not None)
            widget.blockSignals(True)
        if item is not None:
            self.role.set_value(AuthorRole(item.data(ROLE)))
            self.share.setValue(float(item.data(SHARE) or 0))
        for widget in (self.role, self.share):
            widget.blockSignals(False)

    def _edit_current(self) -> None:
        item = self.list.currentItem()
        if item is None or self.role.value() is None:
            return
        item.setData(ROLE, self.role.value().value)
        item.setData(SHARE, self.share.value() or None)
        self._label(item)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.list.hasFocus():
            self.remove_current()
            return
        super().keyPressEvent(event)


class InitiativeDialog(RecordDialog):
    """``participant`` fixes the unit (opened from a row of the tracking table); without it and
    without ``initiative`` the unit is chosen among the campaign's participants."""

    FIELDS = ("title", "kind", "description", "result_summary", "assessment", "assessment_note")
    DATES = ("registered_on", "reported_on")

    def __init__(self, db: Database, campaign: Campaign, initiative: Initiative | None = None,
                 participant: Participant | None = None, today: dt.date | None = None, parent=None):
        super().__init__(
            "Sửa mô hình, sáng kiến, giải pháp" if initiative else "Đăng ký mô hình, sáng kiến, giải pháp", parent
        )
        self.db = db
        self.campaign = campaign
        self.initiative = initiative
        self.today = today or dt.date.today()
        self.fixed_unit_id = initiative.unit_id if initiative else (participant.unit_id if participant else None)
        f = self.form
        caption = QLabel(f"<b>{campaign.year} - {campaign.name}</b>")
        caption.setWordWrap(True)
        f.layout_.addRow(caption)
        if self.fixed_unit_id is not None:
            code = initiative.unit_code if initiative else participant.unit_code
            name = initiative.unit_name if initiative else participant.unit_name
            self.unit = f.add("unit_id", "Đơn vị", QLabel(f"{name} ({code})"))
        else:
            items = [(f"{p.unit_name} ({p.unit_code})", p.unit_id)
                     for p in sorted(participants(db, campaign.id), key=lambda p: sort_key(p.unit_name))]
            self.unit = f.add("unit_id", "Đơn vị", SearchableCombo(items, "— Chọn đơn vị —"), required=True)
        self.title = f.add("title", "Tên mô hình, sáng kiến, giải pháp", QLineEdit(), required=True)
        self.title.setMinimumWidth(560)
        self.title.setMaxLength(500)
        self.kind = f.add("kind", "Loại", ChoiceCombo([(label(k), k) for k in InitiativeKind], "— Chọn loại —"),
                          required=True)
        self.field = f.add("field", "Lĩnh vực", ChoiceCombo([(name, name) for name in campaign.fields], NO_FIELD))
        self.field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field.setMinimumContentsLength(30)
        self.registered_on = f.add("registered_on", "Ngày đăng ký", DateEdit(), required=True)
        self.registered_note = QLabel(PERIOD_NOTE)
        self.registered_note.setObjectName("registered_note")
        self.registered_note.setToolTip("Đợt thi đua đã kết thúc: ngày đăng ký mặc định là hạn đăng ký của đợt, "
                                        "không phải hôm nay. Sửa thành ngày đăng ký thật nếu khác.")
        self.registered_note.hide()
        f.layout_.addRow("", self.registered_note)
        self.description = f.add("description", "Mô tả", QPlainTextEdit())
        everyone = {p.id: p for p in list_staff(db)}
        self.authors = f.add("author_ids", "Tác giả", AuthorPicker(everyone))
        section = QLabel("<b>Kết quả và đánh giá</b>")
        section.setContentsMargins(0, 8, 0, 0)
        f.layout_.addRow(section)
        self.reported_on = f.add("reported_on", "Ngày báo cáo kết quả", DateEdit())
        self.result_summary = f.add("result_summary", "Tóm tắt kết quả", QPlainTextEdit())
        self.assessment = f.add("assessment", "Đánh giá của Hội đồng",
                                ChoiceCombo([(label(a), a) for a in Assessment], NOT_ASSESSED))
        self.assessment_note = f.add("assessment_note", "Ghi chú đánh giá", QLineEdit())
        self.recognitions = QLabel()
        self.recognitions.setObjectName("recognitions")
        self.recognitions.setWordWrap(True)
        self.recognise_button = field_button("Ghi nhận công nhận...", self.recognise)
        self.recognise_button.setToolTip("Ghi quyết định công nhận sáng kiến (cấp công nhận, số, ngày, phạm vi)"
                                         if initiative else "Lưu mô hình trước rồi mới ghi nhận công nhận")
        self.recognise_button.setEnabled(initiative is not None)
        box = QWidget()
        box.setLayout(lay_out((self.recognitions, 1), self.recognise_button))
        box.layout().setContentsMargins(0, 0, 0, 0)
        f.layout_.addRow("Công nhận:", box)
        self._show_recognitions()
        for edit in (self.registered_on, self.reported_on):
            edit.setMaximumWidth(140)
        for text in (self.description, self.result_summary):
            text.setTabChangesFocus(True)
            text.setFixedHeight(58)
            text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if initiative:
            self._fill(initiative)
        else:
            self._default_registration()
        if isinstance(self.unit, SearchableCombo):
            self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self._unit_changed()
        self.mark_clean()

    def _show_recognitions(self) -> None:
        from models.campaigns.recognitions import recognitions_of_campaign
        from ui.campaigns.recognition_dialog import recognitions_text

        found = recognitions_of_campaign(self.db, self.campaign.id).get(self.initiative.id, []) if self.initiative else []
        self.recognitions.setText(recognitions_text(found) or "<i>Chưa được công nhận là sáng kiến</i>")

    def recognise(self) -> None:
        """Record a recognition of this (saved) initiative; it is saved at once, apart from the form."""
        from ui.campaigns.recognition_dialog import RecognitionDialog

        if RecognitionDialog(self.db, initiative=self.initiative, today=self.today, parent=self).exec():
            self._show_recognitions()

    def _default_registration(self) -> None:
        """Today, or the campaign's registration deadline when the campaign is over (the note beside
        it says so, until the date is changed)."""
        day = default_registration_date(self.campaign, self.today)
        self.registered_on.set_date(day)
        if day != self.today:
            shown = self.registered_on.text()
            self.registered_note.show()
            self.registered_on.textChanged.connect(lambda text: self.registered_note.setVisible(text == shown))

    def _fill(self, i: Initiative) -> None:
        self.form.show_record(i, (*self.FIELDS, *self.DATES))
        if i.field and self.field.findData(i.field) < 0:  # a field since taken off the campaign's list
            self.field.add_choice(i.field, i.field)
        self.field.set_value(i.field or None)
        self.authors.set_authors(i.authors or i.author_ids)

    def unit_id(self) -> int | None:
        return self.fixed_unit_id if self.fixed_unit_id is not None else self.unit.value()

    def _unit_changed(self) -> None:
        unit_id = self.unit_id()
        people = list_staff(self.db, unit_id) if unit_id is not None else []
        self.authors.set_candidates([p for p in people if p.ended_on is None])

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values.update(
            description=self.description.toPlainText(), result_summary=self.result_summary.toPlainText(),
            authors=self.authors.authors(),
        )
        return values

    def save(self) -> Initiative:
        dates, errors = read_dates(self.form, self.DATES)
        values = dict(self.form.values(self.FIELDS), **dates, campaign_id=self.campaign.id, unit_id=self.unit_id(),
                      field=self.field.value() or "", authors=self.authors.authors(),
                      author_ids=self.authors.author_ids())
        initiative = replace(self.initiative, **values) if self.initiative else Initiative(**values)
        if errors:  # the unreadable dates together with everything else that is wrong
            raise ValidationError({**check_initiative(self.db, normalised(initiative), self.today), **errors})
        return save_initiative(self.db, initiative, self.today)
