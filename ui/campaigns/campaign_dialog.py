"""Add or edit an emulation campaign: name, year, deadlines, offered fields, participating units."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
)
from sqlite_utils import Database

from models.campaigns.campaigns import (
    DEADLINE_DAY_NOTE, DEADLINE_WORDINGS, Campaign, campaigns_named_like, check_campaign, default_fields, normalised,
    save_campaign,
)
from models.common.dates import DateError
from models.common.errors import ValidationError
from models.common.text import fold
from models.people.units import list_units
from models.store.settings import council_names

from ui.kit import messages
from ui.kit.list_editor import EditableList
from ui.kit.record_dialog import RecordDialog
from ui.kit.dates import read_dates
from ui.kit.widgets import ChoiceCombo, DateEdit
from ui.kit.unit_checklist import UnitChecklist


class CampaignDialog(RecordDialog):
    DATES = ("start_date", "registration_deadline", "report_deadline")

    def __init__(self, db: Database, campaign: Campaign | None = None, today: dt.date | None = None,
                 parent=None):
        super().__init__("Sửa đợt thi đua" if campaign else "Thêm đợt thi đua", parent)
        self.db = db
        self.campaign = campaign
        self.today = today or dt.date.today()
        f = self.form
        self.name = f.add("name", "Tên đợt thi đua", QLineEdit(), required=True)
        self.name.setMinimumWidth(520)
        self.name.setPlaceholderText("ví dụ: Đợt thi đua cao điểm về Cải cách hành chính")
        self.year = f.add("year", "Năm", QSpinBox(), required=True)
        self.year.setRange(2000, 2100)
        self.year.setMaximumWidth(100)
        self.start_date = f.add("start_date", "Ngày bắt đầu", DateEdit(), required=True)
        self.registration_deadline = f.add("registration_deadline", "Hạn đăng ký", DateEdit(), required=True)
        self.report_deadline = f.add("report_deadline", "Hạn báo cáo kết quả", DateEdit(), required=True)
        for edit in (self.start_date, self.registration_deadline, self.report_deadline):
            edit.setMaximumWidth(140)
        self.deadline_day_counts = f.add("deadline_day_counts", "Cách ghi hạn", ChoiceCombo(
            [(f"“{wording} X”: {DEADLINE_DAY_NOTE[counts]}", counts) for counts, wording in DEADLINE_WORDINGS]),
            required=True)
        self.deadline_day_counts.setToolTip("Theo lời văn của kế hoạch: “trước ngày 03/11” thường không tính ngày 03/11; "
                                            "“chậm nhất ngày 03/11” (hoặc “đến hết ngày”) có tính")
        self.max_per_unit = f.add("max_per_unit", "Số mô hình tối đa mỗi đơn vị", QSpinBox(), required=True)
        self.max_per_unit.setRange(1, 50)
        self.max_per_unit.setMaximumWidth(100)
        self.description = f.add("description", "Mô tả", QPlainTextEdit())
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        self.description.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fields = f.add("fields", "Lĩnh vực", EditableList(new_text="Lĩnh vực mới"))
        self.fields.list.setMinimumHeight(150)
        self.units = None
        if campaign:
            f.show_record(campaign, ("name", "year", *self.DATES, "max_per_unit", "description"))
            self.deadline_day_counts.set_value(campaign.deadline_day_counts)
            self.fields.set_values(campaign.fields)
        else:
            self.year.setValue(self.today.year)
            self.start_date.set_date(self.today)
            self.max_per_unit.setValue(1)
            self.deadline_day_counts.set_value(True)  # as before: the deadline day is on time
            self.fields.set_values(default_fields(council_names(db)))
            self.units = f.add("units", "Đơn vị tham gia", UnitChecklist(list_units(db, active_only=True)))
        self._auto_year = self.year.value()
        if campaign is None:
            self.start_date.textChanged.connect(self._follow_start_year)
        self.mark_clean()

    def _follow_start_year(self) -> None:
        """A new campaign's year follows its start date until the user sets the year by hand."""
        try:
            start = self.start_date.date()
        except DateError:
            return
        if start is not None and self.year.value() == self._auto_year and 2000 <= start.year <= 2100:
            self.year.setValue(start.year)
            self._auto_year = start.year

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        values.update(
            year=self.year.value(), max_per_unit=self.max_per_unit.value(),
            deadline_day_counts=self.deadline_day_counts.value(),
            description=self.description.toPlainText(), fields=self.fields.values(),
            units=self.units.checked_ids() if self.units else None,
        )
        return values

    def save(self) -> Campaign:
        dates, errors = read_dates(self.form, self.DATES)
        values = dict(
            name=self.name.text(),
            year=self.year.value(),
            start_date=dates["start_date"],
            registration_deadline=dates["registration_deadline"],
            report_deadline=dates["report_deadline"],
            description=self.description.toPlainText(),
            max_per_unit=self.max_per_unit.value(),
            fields=tuple(self.fields.values()),
            deadline_day_counts=self.deadline_day_counts.value(),
        )
        campaign = replace(self.campaign, **values) if self.campaign else Campaign(**values)
        if errors:  # the unreadable dates together with everything else that is wrong
            raise ValidationError({**check_campaign(normalised(campaign)), **errors})
        self._ask_about_a_same_name(normalised(campaign))
        unit_ids = self.units.checked_ids() if self.units else None
        return save_campaign(self.db, campaign, unit_ids)

    def _ask_about_a_same_name(self, campaign: Campaign) -> None:
        """Another campaign of the same name and year is usually this one entered twice: ask."""
        old = self.campaign
        if check_campaign(campaign) or (old is not None and (fold(old.name), old.year) == (fold(campaign.name), campaign.year)):
            return  # the form's own errors come first; an unchanged name and year were accepted before
        if campaigns_named_like(self.db, campaign.name, campaign.year, campaign.id):
            messages.allow_duplicate(
                self, "Trùng tên đợt thi đua",
                f"Năm {campaign.year} đã có đợt thi đua “{campaign.name}”. Vẫn lưu thêm một đợt cùng tên?",
                "name", f"Năm {campaign.year} đã có đợt thi đua cùng tên: hãy đổi tên, hoặc lưu lại và chọn “Vẫn lưu”",
            )
