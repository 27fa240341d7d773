"""The year-end review screen ("Tổng kết thi đua"): for a campaign, the collectives proposed for
criticism and the collectives and people proposed for commendation, each entry and each absence
explained; the secretary adjusts, approves, reopens and prints the two lists.

The screen computes the review once for both tabs; each tab (``ReviewListPanel``) then keeps
its own list up to date after its own changes.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.campaigns.campaigns import Campaign, list_campaigns
from models.common.codes import ListKind, ReviewReason, label
from models.common.dates import DateError, format_date
from models.common.errors import DomainError
from models.yearend.review import campaign_review, review_settings, save_review_settings

from ui.kit.dates import date_error_text
from ui.yearend.review_data import AS_OF_TIP, default_as_of
from ui.yearend.review_dialogs import ReviewSettingsDialog
from ui.yearend.review_panel import ReviewListPanel
from ui.kit.undo import Change, UndoHistory
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo, DateEdit, LazyLoad, screen_shortcut

TAB_TITLES = {ListKind.CRITICISM: "Danh sách &phê bình", ListKind.COMMENDATION: "Danh sách nêu &gương"}


class ReviewPage(LazyLoad, QWidget):
    """Choose a campaign and a day; read and settle the two lists in the tabs below."""

    changed = Signal()

    def __init__(self, db: Database, db_path: Path, parent=None, undo: UndoHistory | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.lazy = False  # the main window sets it: a hidden screen then reloads when next shown
        self._stale = False
        self.db = db
        self.db_path = Path(db_path)
        self.undo = undo if undo is not None else UndoHistory(self)
        self.today = today or dt.date.today()
        self._campaigns: list[Campaign] = []
        self._as_of = self.today
        self._build_top()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.panels = {kind: ReviewListPanel(db, self.db_path, kind, self.undo) for kind in TAB_TITLES}
        for kind, panel in self.panels.items():
            panel.layout().setContentsMargins(6, 6, 6, 4)
            panel.changed.connect(self._panel_changed)
            self.tabs.addTab(panel, TAB_TITLES[kind])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self.info)
        layout.addWidget(self.tabs, 1)
        screen_shortcut(self, "Làm mới", "F5", self.load)
        self.reload()

    def _build_top(self) -> None:
        self.top = QHBoxLayout()
        self.top.setContentsMargins(9, 6, 9, 0)
        caption = QLabel("Đợt thi đ&ua:")
        self.campaign_combo = ChoiceCombo([])
        self.campaign_combo.setObjectName("campaign_combo")
        self.campaign_combo.setMinimumContentsLength(34)
        caption.setBuddy(self.campaign_combo)
        self.campaign_combo.currentIndexChanged.connect(lambda _i: self._campaign_changed())
        as_of_caption = QLabel("Tính đến &ngày:")
        self.as_of = DateEdit()
        self.as_of.setObjectName("as_of")
        self.as_of.setClearButtonEnabled(False)
        self.as_of.setFixedWidth(110)
        self.as_of.setToolTip(AS_OF_TIP)
        as_of_caption.setToolTip(AS_OF_TIP)
        as_of_caption.setBuddy(self.as_of)
        self.as_of.editingFinished.connect(self.as_of_changed)
        self.as_of_error = QLabel()
        self.as_of_error.setObjectName("as_of_error")
        self.as_of_error.setStyleSheet(ERROR_STYLE)
        self.as_of_error.hide()
        self.settings_button = QPushButton("&Cách xét...")
        self.settings_button.setObjectName("settings")
        self.settings_button.setToolTip("Chọn lý do phê bình được áp dụng; điều kiện nêu gương cá nhân (Ctrl+K)")
        self.settings_button.setShortcut(QKeySequence("Ctrl+K"))
        self.settings_button.clicked.connect(self.edit_settings)
        for widget in (caption, self.campaign_combo, as_of_caption, self.as_of, self.as_of_error):
            self.top.addWidget(widget)
        self.top.setStretchFactor(self.campaign_combo, 1)
        self.top.addStretch(0)
        self.top.addWidget(self.settings_button)
        self.info = QLabel()
        self.info.setObjectName("campaign_info")
        self.info.setWordWrap(True)
        self.info.setContentsMargins(9, 2, 9, 2)

    # What the main window and the screenshots use: the table of the tab shown.
    @property
    def panel(self) -> ReviewListPanel:
        return self.tabs.currentWidget()

    @property
    def model(self):
        return self.panel.model

    @property
    def table(self):
        return self.panel.table

    def campaign(self) -> Campaign | None:
        campaign_id = self.campaign_combo.value()
        return next((c for c in self._campaigns if c.id == campaign_id), None)

    def show_list(self, kind: ListKind) -> ReviewListPanel:
        self.tabs.setCurrentWidget(self.panels[kind])
        return self.panels[kind]

    # Loading.

    def load(self) -> None:
        """The campaigns again (keeping the one chosen), then both lists."""
        current = self.campaign_combo.value()
        self._campaigns = list_campaigns(self.db)
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for c in self._campaigns:
            self.campaign_combo.add_choice(f"{c.year} - {c.name}", c.id)
        index = self.campaign_combo.findData(current) if current is not None else -1
        self.campaign_combo.setCurrentIndex(index if index >= 0 else (0 if self._campaigns else -1))  # newest first
        self.campaign_combo.blockSignals(False)
        if self.campaign_combo.value() != current:
            self._campaign_changed()  # another campaign: its own default day
        else:
            self.refresh()

    def _campaign_changed(self) -> None:
        campaign = self.campaign()
        if campaign is not None:
            self._as_of = default_as_of(campaign, self.today)
            self.as_of.set_date(self._as_of)
            self.as_of_error.hide()
        self.refresh()

    def refresh(self) -> None:
        """Review the chosen campaign as of the chosen day (once) and show it in both tabs."""
        campaign = self.campaign()
        review, error = None, ""
        if campaign is not None:
            try:
                review = campaign_review(self.db, campaign.id, self._as_of)
            except DomainError as e:
                error = str(e)
        for panel in self.panels.values():
            panel.show_campaign(campaign, self._as_of, review, error)
        self._show_info(campaign, error)
        self._show_tab_counts()
        self.settings_button.setEnabled(campaign is not None)

    def _show_info(self, c: Campaign | None, error: str) -> None:
        if c is None:
            self.info.setText("Chưa có đợt thi đua nào. Tạo đợt ở màn hình “Phong trào thi đua”.")
            return
        if error:
            self.info.setText(f"<span style='{ERROR_STYLE}'>{error}</span>")
            return
        s = review_settings(self.db, c.id)
        off = [label(r) for r in ReviewReason if r in s.disabled_reasons]
        reasons = f"không xét: {', '.join(off)}" if off else "xét đủ 6 lý do phê bình"
        self.info.setText(
            f"Hạn đăng ký {format_date(c.registration_deadline)}  ·  Hạn báo cáo kết quả "
            f"{format_date(c.report_deadline)}  ·  Cách xét: {reasons}; cá nhân {label(s.required_level).lower()} "
            f"mọi quý được xếp loại năm {c.year}, ít nhất {s.min_quarters} quý")

    def _show_tab_counts(self) -> None:
        for i, (kind, panel) in enumerate(self.panels.items()):
            listed = sum(1 for r in panel.rows if r.in_list)
            mark = " ✔" if panel.approval is not None else ""
            self.tabs.setTabText(i, f"{TAB_TITLES[kind]} ({listed}){mark}" if panel.rows else TAB_TITLES[kind])

    def _panel_changed(self) -> None:
        self._show_tab_counts()
        self.changed.emit()

    def as_of_changed(self) -> None:
        try:
            value = self.as_of.date()
        except DateError as e:
            self.as_of_error.setText(date_error_text(e))
            self.as_of_error.show()
            return
        self.as_of_error.hide()
        if value is None:
            campaign = self.campaign()
            value = default_as_of(campaign, self.today) if campaign else self.today
            self.as_of.set_date(value)
        if value != self._as_of:
            self._as_of = value
            self.refresh()

    def set_as_of(self, value: dt.date) -> None:
        """Review as of ``value`` (what typing a date and pressing Enter does)."""
        self.as_of.set_date(value)
        self.as_of_changed()

    # How the campaign is reviewed.
    def edit_settings(self) -> None:
        campaign = self.campaign()
        if campaign is None:
            return
        before = review_settings(self.db, campaign.id)
        approved = [label(kind) for kind, panel in self.panels.items() if panel.approval is not None]
        dialog = ReviewSettingsDialog(self.db, campaign.id, before, approved, parent=self)
        if not dialog.exec():
            return
        db = self.db
        self.undo.push(Change(f"Đổi cách xét đợt “{campaign.name}”",
                              lambda: save_review_settings(db, campaign.id, before)))
        self.refresh()
        self.changed.emit()
