"""Dialogs about a campaign's participating units: adding a unit (late joiners get deadlines of
their own) and setting one unit's own deadlines."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel
from sqlite_utils import Database

from models.campaigns.campaigns import (
    Campaign,
    Participant,
    add_participant,
    late_joiner_deadlines,
    participants,
    set_own_deadlines,
)
from models.common.dates import DateError, format_date
from models.common.errors import ValidationError
from models.common.text import sort_key
from models.people.units import list_units

from ui.kit.dates import read_dates
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import DateEdit, SearchableCombo


def deadlines_text(campaign: Campaign, joined_on: dt.date) -> str:
    """Which deadlines a unit joining on ``joined_on`` will have, as a sentence."""
    own = late_joiner_deadlines(campaign, max(joined_on, campaign.start_date))
    if own is None:
        return (f"Áp dụng hạn chung của đợt: đăng ký {campaign.deadline_text(campaign.registration_deadline)}, "
                f"báo cáo kết quả {campaign.deadline_text(campaign.report_deadline)}.")
    return (f"Tham gia sau hạn đăng ký nên đơn vị có hạn riêng: đăng ký {campaign.deadline_text(own[0])}, "
            f"báo cáo kết quả {campaign.deadline_text(own[1])}.")


class AddParticipantDialog(RecordDialog):
    def __init__(self, db: Database, campaign: Campaign, today: dt.date | None = None, parent=None):
        super().__init__("Thêm đơn vị vào đợt thi đua", parent)
        self.db = db
        self.campaign = campaign
        taking_part = {p.unit_id for p in participants(db, campaign.id)}
        units = sorted((u for u in list_units(db, active_only=True) if u.id not in taking_part),
                       key=lambda u: sort_key(u.name))
        f = self.form
        caption = QLabel(f"<b>{campaign.year} - {campaign.name}</b>")
        caption.setWordWrap(True)
        f.layout_.addRow(caption)
        self.unit = f.add("unit_id", "Đơn vị", SearchableCombo([(f"{u.name} ({u.code})", u.id) for u in units],
                                                             "— Chọn đơn vị —"), required=True)
        self.unit.setMinimumWidth(420)
        self.joined_on = f.add("joined_on", "Tham gia từ ngày", DateEdit(), required=True)
        self.joined_on.setMaximumWidth(140)
        self.deadlines = QLabel()
        self.deadlines.setObjectName("deadlines")
        self.deadlines.setWordWrap(True)
        f.layout_.addRow("Hạn của đơn vị:", self.deadlines)
        if not units:
            self.deadlines.setText("Mọi đơn vị đang hoạt động đều đã tham gia đợt thi đua này.")
        self.joined_on.textChanged.connect(self._show_deadlines)
        self.joined_on.set_date(today or dt.date.today())
        self._show_deadlines()
        self.mark_clean()

    def _show_deadlines(self) -> None:
        try:
            joined = self.joined_on.date()
        except DateError:
            joined = None
        if joined is not None:
            self.deadlines.setText(deadlines_text(self.campaign, joined))

    def save(self) -> Participant:
        dates, errors = read_dates(self.form, ("joined_on",))
        unit_id = self.unit.value()
        if unit_id is None:
            errors["unit_id"] = "Chưa chọn đơn vị"
        if dates["joined_on"] is None and "joined_on" not in errors:
            errors["joined_on"] = "Chưa nhập ngày tham gia"
        if errors:
            raise ValidationError(errors)
        return add_participant(self.db, self.campaign.id, unit_id, dates["joined_on"])


class OwnDeadlinesDialog(RecordDialog):
    """Deadlines for one unit; a field left empty means the campaign's deadline."""

    def __init__(self, db: Database, campaign: Campaign, participant: Participant, parent=None):
        super().__init__("Hạn riêng của đơn vị", parent)
        self.db = db
        self.campaign = campaign
        self.participant = participant
        f = self.form
        unit = QLabel(f"<b>{participant.unit_name}</b> ({participant.unit_code}), "
                      f"tham gia từ {format_date(participant.joined_on)}")
        unit.setWordWrap(True)
        f.layout_.addRow("Đơn vị:", unit)
        self.registration_deadline = f.add("registration_deadline", "Hạn đăng ký", DateEdit())
        self.report_deadline = f.add("report_deadline", "Hạn báo cáo kết quả", DateEdit())
        for edit, common in ((self.registration_deadline, campaign.registration_deadline),
                             (self.report_deadline, campaign.report_deadline)):
            edit.setPlaceholderText(f"hạn chung {format_date(common)}")
            edit.setMaximumWidth(190)
        hint = QLabel("Để trống một ô để dùng hạn chung của đợt thi đua.")
        hint.setWordWrap(True)
        f.layout_.addRow("", hint)
        if participant.own_deadlines:
            self.registration_deadline.set_date(participant.registration_deadline)
            self.report_deadline.set_date(participant.report_deadline)
        self.setMinimumWidth(540)
        self.mark_clean()

    def save(self) -> Participant:
        dates, errors = read_dates(self.form, ("registration_deadline", "report_deadline"))
        if errors:
            raise ValidationError(errors)
        set_own_deadlines(self.db, self.campaign.id, self.participant.unit_id,
                          dates["registration_deadline"], dates["report_deadline"])
        return next(p for p in participants(self.db, self.campaign.id) if p.unit_id == self.participant.unit_id)
