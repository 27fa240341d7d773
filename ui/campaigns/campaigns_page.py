"""The campaign screen ("Phong trào thi đua"): where every participating unit stands today.

The secretary opens it every morning: choose the campaign, read the counts per state, filter to
the units that are late, register or update their initiatives.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QToolButton
from sqlite_utils import Database

from models.exchange import xlsx
from models.store.output import write_atomically
from models.campaigns.campaigns import (
    LIVE_DAYS_AFTER_REPORT_DEADLINE,
    PERIOD_NOTE,
    Campaign,
    default_as_of,
    delete_campaign,
    get_campaign,
    list_campaigns,
    participants,
    remove_participant,
    save_campaign,
    set_own_deadlines,
)
from models.common.codes import TrackingState, label
from models.common.dates import format_date
from models.campaigns.initiatives import Initiative, delete_initiative, save_initiative
from models.common.text import fold
from models.campaigns.tracking import OVERDUE, campaign_status, state_counts

from ui.kit import messages
from ui.campaigns import register_export
from ui.campaigns.campaign_dialog import CampaignDialog
from ui.campaigns.campaign_undo import restore_campaign, restore_participant
from ui.campaigns.initiative_dialog import InitiativeDialog
from ui.kit.list_page import ListPage, on_selected
from ui.campaigns.participant_dialogs import AddParticipantDialog, OwnDeadlinesDialog
from ui.campaigns.tracking_table import OVERDUE_FILTER, CountsBar, TrackingTableModel
from ui.kit.widgets import ChoiceCombo
from ui.kit.layout import as_of_fields, captioned, read_as_of, wrapping

NEW = "new"  # choose_initiative's answer for "register another one"


def choose_initiative(parent, initiatives: tuple[Initiative, ...], allow_new: bool) -> Initiative | str | None:
    """Which of a unit's initiatives to act on (or NEW); None when cancelled. Tests replace it."""
    items = [i.title for i in initiatives] + (["Đăng ký thêm mô hình, sáng kiến, giải pháp mới"] if allow_new else [])
    text, ok = QInputDialog.getItem(parent, "Chọn mô hình", "Đơn vị có nhiều mô hình, sáng kiến, giải pháp:",
                                    items, 0, False)
    if not ok:
        return None
    index = items.index(text)
    return initiatives[index] if index < len(initiatives) else NEW


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40]


class CampaignsPage(ListPage):
    noun = "đơn vị"
    kind = "initiatives"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, TrackingTableModel(), "Tìm theo mã, tên đơn vị, tên mô hình... (Ctrl+F)",
                         parent, undo)
        self._campaigns: list[Campaign] = []
        self._as_of = dt.date.today()
        # Left at its default (today, or the campaign's own period when today lies past it): follows
        # the calendar (F5) and the chosen campaign.
        self._as_of_follows_default = True
        self._build_top()
        self._build_filters()
        self._build_actions()
        self.start(TrackingTableModel.COL_CODE)

    # Building.
    def _page_action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        """An action of the page that is not on the toolbar (the campaign buttons use it)."""
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip or text} ({keys})")
        else:
            act.setToolTip(tip or text)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_top(self) -> None:
        top = QHBoxLayout()
        caption, self.campaign_combo = captioned("Đợt thi đ&ua:", ChoiceCombo([]), "campaign_combo", 30)
        self.campaign_combo.currentIndexChanged.connect(lambda _i: self._campaign_changed())
        top.addWidget(caption)
        top.addWidget(self.campaign_combo, 1)
        self.add_campaign_action = self._page_action("Thêm đợt thi đua", self.add_campaign, "Ctrl+Shift+N")
        self.edit_campaign_action = self._page_action("Sửa đợt thi đua", self.edit_campaign, "Shift+F2")
        self.delete_campaign_action = self._page_action(
            "Xóa đợt thi đua", self.delete_campaign_selected, tip="Xóa đợt thi đua chưa có đơn vị nào đăng ký")
        for act in (self.add_campaign_action, self.edit_campaign_action, self.delete_campaign_action):
            button = QToolButton()
            button.setDefaultAction(act)
            top.addWidget(button)
        top.addSpacing(16)
        as_of_caption, self.as_of, self.as_of_error = as_of_fields(
            "Trạng thái và số ngày còn / quá hạn tính đến ngày này (Enter để tính lại)", self.as_of_changed)
        self.as_of.set_date(self._as_of)
        self.as_of_note = wrapping(QLabel(PERIOD_NOTE))
        self.as_of_note.setObjectName("as_of_note")
        self.as_of_note.setToolTip(
            f"Đợt thi đua đã qua hạn báo cáo kết quả hơn {LIVE_DAYS_AFTER_REPORT_DEADLINE} ngày: trạng thái mặc "
            "định tính đến ngày sau hạn báo cáo kết quả (như khi đợt vừa kết thúc), không tính đến hôm nay.")
        self.as_of_note.hide()
        for widget in (as_of_caption, self.as_of, self.as_of_error):
            top.addWidget(widget)
        self.info = QLabel()
        self.info.setObjectName("campaign_info")
        self.info.setWordWrap(True)
        self.counts = CountsBar()
        self.counts.chosen.connect(self._count_chosen)
        layout = self.layout()
        layout.insertLayout(0, top)
        info_row = QHBoxLayout()  # the campaign's dates, then (old campaigns) why the day is not today
        info_row.addWidget(self.info, 1)
        info_row.addWidget(self.as_of_note)
        layout.insertLayout(1, info_row)
        layout.insertWidget(2, self.counts)

    def _build_filters(self) -> None:
        states = [("Quá hạn (chưa đăng ký hoặc chưa báo cáo)", OVERDUE_FILTER)]
        states += [(label(s), s) for s in TrackingState]
        self.state_filter = self.add_filter("state_filter", ChoiceCombo(states, "Tất cả trạng thái"))
        self.kind_filter = self.add_kind_filter()

    def _build_actions(self) -> None:
        self.edit_action = self.action("Đăng ký / sửa mô hình", self.edit_selected, "F2",
                                       "Đăng ký hoặc sửa mô hình, sáng kiến, giải pháp của đơn vị đang chọn; Enter")
        self.delete_action = self.action("Xóa mô hình", self.delete_initiative_selected, "Del",
                                         "Xóa mô hình, sáng kiến, giải pháp của đơn vị đang chọn")
        self.toolbar.addSeparator()
        self.add_unit_action = self.action("Thêm đơn vị vào đợt", self.add_unit, "Ctrl+N")
        self.add_unit_action.setIconText("Thêm đơn vị")
        self.deadlines_action = self.action("Hạn riêng...", self.own_deadlines, "Ctrl+H",
                                            "Đặt hạn đăng ký, hạn báo cáo riêng cho đơn vị đang chọn")
        self.remove_unit_action = self.action("Bỏ đơn vị khỏi đợt", self.remove_unit, "Ctrl+Del",
                                              "Bỏ đơn vị chưa đăng ký gì khỏi đợt thi đua")
        self.remove_unit_action.setIconText("Bỏ đơn vị")
        self.toolbar.addSeparator()
        self.export_action = self.action("Xuất bảng theo dõi ra Excel", self.export_excel, "Ctrl+E")
        self.export_action.setIconText("Xuất Excel...")
        self.print_action = self.action("In danh sách đăng ký (PDF)...", self.print_register, "Ctrl+P")
        self.print_action.setIconText("In danh sách (PDF)...")
        self.toolbar.addSeparator()
        self.import_action = self.action("Nhập mô hình từ Excel...", self.import_excel, "Ctrl+I",
                                         "Nhập (hoặc cập nhật) mô hình, sáng kiến, giải pháp của đợt đang chọn")
        self.import_action.setIconText("Nhập Excel...")
        self.export_initiatives_action = self.action("Xuất mô hình theo mẫu nhập...", self.export_initiatives)
        self.export_initiatives_action.setIconText("Xuất mô hình...")
        self.template_action = self.action("Tải tệp mẫu...", self.save_template)
        self.toolbar.addSeparator()
        self.recognitions_action = self.action(
            "Sáng kiến được công nhận...", self.show_recognitions, tip="Các quyết định công nhận sáng kiến (cả sáng "
            "kiến ngoài đợt thi đua): cấp công nhận, số, ngày, phạm vi ảnh hưởng")
        self.recognitions_action.setIconText("Công nhận sáng kiến...")
        self.refresh_action = self._page_action("Làm mới", self.refresh_today, "F5",
                                                "Tính lại trạng thái (đến hôm nay nếu đang xem hôm nay)")

    def show_recognitions(self) -> None:
        from ui.campaigns.recognition_dialog import RecognitionsDialog

        RecognitionsDialog(self.db, parent=self).exec()
        self.refresh_status()

    # What is shown.
    def campaign(self) -> Campaign | None:
        campaign_id = self.campaign_combo.value()
        return next((c for c in self._campaigns if c.id == campaign_id), None)

    def load(self) -> None:
        """Campaign list and the tracking table again, keeping the chosen campaign and unit."""
        current = self.campaign_combo.value()
        self._campaigns = list_campaigns(self.db)
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for c in self._campaigns:
            self.campaign_combo.add_choice(f"{c.year} - {c.name}", c.id)
        index = self.campaign_combo.findData(current) if current is not None else -1
        self.campaign_combo.setCurrentIndex(index if index >= 0 else (0 if self._campaigns else -1))
        self.campaign_combo.blockSignals(False)
        self._follow_default()
        self.refresh_status()

    def _default_as_of(self) -> dt.date:
        campaign, today = self.campaign(), dt.date.today()
        return default_as_of(campaign, today) if campaign else today

    def _follow_default(self) -> None:
        """The as-of day back to its default when the user left it there; the note says when that
        default is the campaign's own period rather than today."""
        if self._as_of_follows_default and self._as_of != self._default_as_of():
            self._as_of = self._default_as_of()
            self.as_of.set_date(self._as_of)
        self._show_note()

    def _show_note(self) -> None:
        self.as_of_note.setVisible(self._as_of == self._default_as_of() != dt.date.today())

    def refresh_status(self) -> None:
        keep = self.selected()
        campaign = self.campaign()
        statuses = campaign_status(self.db, campaign.id, self._as_of) if campaign else []
        self.model.as_of = self._as_of
        self.model.set_records(statuses)
        self.counts.set_counts(state_counts(statuses), len(statuses))
        self.counts.setVisible(campaign is not None)
        self._show_info(campaign)
        self.update_count()
        if keep is not None:
            self.select_where(lambda s: s.participant.unit_id == keep.participant.unit_id)
        self.selection_changed()

    def update_count(self) -> None:
        self.count_label.setText(f"Hiển thị {self.model.rowCount()} / {self.model.total_count} đơn vị tham gia"
                                 f"  ·  trạng thái tính đến ngày {format_date(self._as_of)}")

    def _show_info(self, c: Campaign | None) -> None:
        if c is None:
            self.info.setText("Chưa có đợt thi đua nào. Bấm “Thêm đợt thi đua” (Ctrl+Shift+N) để tạo đợt đầu tiên.")
            return
        self.info.setText(
            f"Bắt đầu {format_date(c.start_date)}  ·  Hạn đăng ký {c.deadline_text(c.registration_deadline)}  ·  "
            f"Hạn báo cáo kết quả {c.deadline_text(c.report_deadline)}  ·  "
            f"Mỗi đơn vị tối đa {c.max_per_unit} mô hình, sáng kiến, giải pháp"
        )

    def _campaign_changed(self) -> None:
        self._follow_default()
        self.refresh_status()

    def as_of_changed(self) -> None:
        value = read_as_of(self.as_of, self.as_of_error, self._default_as_of)
        if value is None:
            return
        self._as_of_follows_default = value == self._default_as_of()
        if value != self._as_of:
            self._as_of = value
            self.refresh_status()
        self._show_note()

    def set_as_of(self, value: dt.date) -> None:
        """Compute the states as of ``value`` (what typing a date and pressing Enter does)."""
        self.as_of.set_date(value)
        self.as_of_changed()

    def refresh_today(self) -> None:
        self.reload()

    def apply_filters(self) -> None:
        state, kind = self.state_filter.value(), self.kind_filter.value()
        if state == OVERDUE_FILTER:
            def state_ok(s):
                return s.state in OVERDUE
        else:
            def state_ok(s):
                return state is None or s.state == state
        self.model.set_predicate(lambda s: state_ok(s) and (kind is None or s.participant.unit_kind == kind))
        self.counts.set_value(state)
        self.update_count()
        self.selection_changed()

    def _count_chosen(self, value) -> None:
        self.state_filter.set_value(value)
        self.apply_filters()

    def selection_changed(self) -> None:
        s = self.selected()
        has_campaign = self.campaign() is not None
        self.edit_campaign_action.setEnabled(has_campaign)
        self.delete_campaign_action.setEnabled(has_campaign)
        for act in (self.add_unit_action, self.export_action, self.print_action):
            act.setEnabled(has_campaign)
        for act in (self.edit_action, self.deadlines_action):
            act.setEnabled(s is not None)
        self.delete_action.setEnabled(s is not None and bool(s.initiatives))
        self.remove_unit_action.setEnabled(s is not None and not s.initiatives)

    def _select_unit(self, unit_id: int):
        return lambda s: s.participant.unit_id == unit_id

    # Campaigns.
    def _show_campaign(self, campaign_id: int | None) -> None:
        index = self.campaign_combo.findData(campaign_id)
        if index >= 0:
            self.campaign_combo.setCurrentIndex(index)

    def add_campaign(self) -> None:
        dialog = CampaignDialog(self.db, parent=self)
        if dialog.exec():
            c = dialog.result_record
            self.remember(f"Thêm đợt thi đua “{c.name}”", lambda: delete_campaign(self.db, c.id))
            self.reload()
            self._show_campaign(c.id)
            self.changed.emit()

    def edit_campaign(self) -> None:
        c = self.campaign()
        if c is None:
            return
        dialog = CampaignDialog(self.db, get_campaign(self.db, c.id), parent=self)
        if dialog.exec():
            self.remember(f"Sửa đợt thi đua “{c.name}”", lambda: save_campaign(self.db, c))
            self.after_change()

    def delete_campaign_selected(self) -> None:
        c = self.campaign()
        if c is None:
            return
        taking_part = participants(self.db, c.id)
        if not messages.confirm(
            self, "Xóa đợt thi đua",
            f"Xóa hẳn đợt thi đua “{c.year} - {c.name}” cùng danh sách {len(taking_part)} đơn vị tham gia?",
            yes="Xóa",
        ):
            return
        if not messages.attempt(self, "Không thể xóa", lambda: delete_campaign(self.db, c.id)):
            return
        self.remember(f"Xóa đợt thi đua “{c.name}”", lambda: restore_campaign(self.db, c, taking_part))
        self.after_change()

    # Initiatives.
    def _pick(self, s, allow_new: bool):
        if not s.initiatives:
            return NEW if allow_new else None
        campaign = self.campaign()
        if len(s.initiatives) == 1 and (not allow_new or campaign.max_per_unit <= 1):
            return s.initiative
        return choose_initiative(self, s.initiatives, allow_new and len(s.initiatives) < campaign.max_per_unit)

    @on_selected(also="campaign")
    def edit_selected(self, s, campaign) -> None:
        chosen = self._pick(s, allow_new=True)
        if chosen is None:
            return
        unit = s.participant
        if chosen == NEW:
            dialog = InitiativeDialog(self.db, campaign, participant=unit, parent=self)
            if dialog.exec():
                new = dialog.result_record
                self.remember(f"Đăng ký mô hình của đơn vị {unit.unit_code}",
                              lambda: delete_initiative(self.db, new.id))
                self.after_change(self._select_unit(unit.unit_id))
            return
        dialog = InitiativeDialog(self.db, campaign, chosen, parent=self)
        if dialog.exec():
            self.remember(f"Sửa mô hình của đơn vị {unit.unit_code}",
                          lambda: save_initiative(self.db, chosen, dt.date.today()))
            self.after_change(self._select_unit(unit.unit_id))

    def delete_initiative_selected(self) -> None:
        s = self.selected()
        if s is None or not s.initiatives:
            return
        old = self._pick(s, allow_new=False)
        if old is None:
            return
        if not messages.confirm(
            self, "Xóa mô hình",
            f"Xóa “{old.title}” của {s.participant.unit_name}?\nĐơn vị sẽ trở lại trạng thái chưa đăng ký "
            "(hoặc chưa đăng ký quá hạn).",
            yes="Xóa",
        ):
            return
        delete_initiative(self.db, old.id)
        self.remember(f"Xóa mô hình của đơn vị {s.participant.unit_code}",
                      lambda: save_initiative(self.db, replace(old, id=None), dt.date.today()))
        self.after_change(self._select_unit(s.participant.unit_id))

    # Participants.
    def add_unit(self) -> None:
        campaign = self.campaign()
        if campaign is None:
            return
        dialog = AddParticipantDialog(self.db, campaign, parent=self)
        if dialog.exec():
            p = dialog.result_record
            self.remember(f"Thêm đơn vị {p.unit_code} vào đợt thi đua",
                          lambda: remove_participant(self.db, campaign.id, p.unit_id))
            self.after_change(self._select_unit(p.unit_id))

    @on_selected(also="campaign")
    def own_deadlines(self, s, campaign) -> None:
        before = s.participant
        dialog = OwnDeadlinesDialog(self.db, campaign, before, parent=self)
        if dialog.exec():
            self.remember(
                f"Đặt hạn riêng cho đơn vị {before.unit_code}",
                lambda: set_own_deadlines(self.db, campaign.id, before.unit_id,
                                          before.registration_deadline if before.own_deadlines else None,
                                          before.report_deadline if before.own_deadlines else None),
            )
            self.after_change(self._select_unit(before.unit_id))

    @on_selected(also="campaign")
    def remove_unit(self, s, campaign) -> None:
        p = s.participant
        if s.initiatives:
            messages.error(self, "Không bỏ được",
                           f"{p.unit_name} đã đăng ký mô hình, sáng kiến, giải pháp trong đợt này.\n"
                           "Hãy xóa mô hình trước nếu thật sự muốn bỏ đơn vị khỏi đợt.")
            return
        if not messages.confirm(self, "Bỏ đơn vị khỏi đợt",
                                f"Bỏ {p.unit_name} ({p.unit_code}) khỏi đợt thi đua “{campaign.name}”?",
                                yes="Bỏ khỏi đợt"):
            return
        if not messages.attempt(self, "Không bỏ được", lambda: remove_participant(self.db, campaign.id, p.unit_id)):
            return
        self.remember(f"Bỏ đơn vị {p.unit_code} khỏi đợt thi đua",
                      lambda: restore_participant(self.db, campaign.id, p))
        self.after_change()

    # Out to files.
    def visible_columns(self) -> list[int]:
        return [c for c in range(len(self.model.columns)) if not self.table.isColumnHidden(c)]

    def import_target(self) -> tuple[int | None, str]:
        c = self.campaign()
        return (c.id, f"{c.year} - {c.name}") if c else (None, "")

    def exporter(self):
        from models.exports import export_initiatives

        campaign_id = self.campaign().id
        return lambda db, path: export_initiatives(db, campaign_id, path)

    def file_stem(self) -> str:
        c = self.campaign()
        return f"mo-hinh-{_slug(c.name)}-{c.year}" if c else "mo-hinh"

    def export_initiatives(self) -> None:
        """The campaign's initiatives in the import's columns (edit, then import back)."""
        if self.campaign() is None:
            return
        ListPage.export_excel(self)

    def export_excel(self) -> None:
        campaign = self.campaign()
        if campaign is None:
            return
        path = messages.save_xlsx(self, "Xuất bảng theo dõi ra Excel",
                                  f"theo-doi-{_slug(campaign.name)}-{self._as_of:%Y%m%d}.xlsx")
        if not path:
            return
        columns = self.visible_columns()
        dates = TrackingTableModel.DATE_VALUES
        widths = {TrackingTableModel.COL_UNIT: 40, TrackingTableModel.COL_TITLE: 60,
                  TrackingTableModel.COL_STATE: 24, TrackingTableModel.COL_ASSESSMENT: 20}
        header = [xlsx.Column(self.model.columns[c].title, widths.get(c, 14), is_date=c in dates) for c in columns]
        rows = [[self.model.export_value(self.model.record(r), c) for c in columns]
                for r in range(self.model.rowCount())]
        try:
            sheet = f"Đến {format_date(self._as_of).replace('/', '-')}"
            write_atomically(path, lambda temporary: xlsx.write_workbook(temporary, sheet, header, rows))
        except OSError as e:
            messages.error(self, "Không xuất được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
            return
        messages.inform(self, "Đã xuất",
                        f"Đã xuất {len(rows)} đơn vị (tính đến {format_date(self._as_of)}) ra tệp:\n{path}")

    def print_register(self) -> None:
        campaign = self.campaign()
        if campaign is None:
            return
        path = register_export.ask_pdf_path(self, "In danh sách đăng ký (PDF)",
                                            f"danh-sach-dang-ky-{_slug(campaign.name)}.pdf")
        if path:
            register_export.save_register_pdf(self, self.db, campaign.id, path, self._as_of)

