"""The year-end review screen ("Tổng kết thi đua"): for a campaign, the collectives proposed for
criticism and the collectives and people proposed for commendation, each entry and each absence
explained; the secretary adjusts, approves, reopens and prints the two lists.

The screen computes the review once for both tabs (``ui.yearend.list_page``); each tab
(``ReviewListPanel``) then keeps its own list up to date after its own changes.
"""
from __future__ import annotations

import datetime as dt

from models.campaigns.campaigns import Campaign, default_as_of, list_campaigns
from models.common.codes import ListKind, ReviewReason, label
from models.quarters.classifications import classification_rows
from models.yearend.review import CampaignReview, campaign_review, review_settings, save_review_settings

from ui.kit.undo import Change
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo
from ui.kit.layout import as_of_fields, captioned, read_as_of
from ui.yearend.list_page import YearEndPage
from ui.yearend.review_data import AS_OF_TIP
from ui.yearend.review_dialogs import ReviewSettingsDialog
from ui.yearend.review_panel import ReviewListPanel

TAB_TITLES = {ListKind.CRITICISM: "Danh sách &phê bình", ListKind.COMMENDATION: "Danh sách nêu &gương"}


class ReviewPage(YearEndPage):
    """Choose a campaign and a day; read and settle the two lists in the tabs below."""

    TAB_TITLES = TAB_TITLES
    INFO_NAME = "campaign_info"

    def build_top(self) -> None:
        self._campaigns: list[Campaign] = []
        self._as_of = self.today
        caption, self.campaign_combo = captioned("Đợt thi đ&ua:", ChoiceCombo([]), "campaign_combo", 34)
        self.campaign_combo.currentIndexChanged.connect(lambda _i: self._campaign_changed())
        as_of_caption, self.as_of, self.as_of_error = as_of_fields(AS_OF_TIP, self.as_of_changed, caption_tip=True)
        self.settings_button = self.top_button(
            "&Cách xét...", "settings", "Chọn lý do phê bình được áp dụng; điều kiện nêu gương cá nhân",
            self.edit_settings)
        for widget in (caption, self.campaign_combo, as_of_caption, self.as_of, self.as_of_error):
            self.top.addWidget(widget)
        self.top.setStretchFactor(self.campaign_combo, 1)
        self.top.addStretch(0)
        self.top.addWidget(self.settings_button)

    def make_panel(self, kind: ListKind) -> ReviewListPanel:
        return ReviewListPanel(self.db, self.db_path, kind, self.undo)

    def campaign(self) -> Campaign | None:
        campaign_id = self.campaign_combo.value()
        return next((c for c in self._campaigns if c.id == campaign_id), None)

    chosen = campaign

    def package_loader(self):
        campaign = self.campaign()
        if campaign is None:
            return None
        from models.yearend.package import campaign_package

        as_of = self._as_of
        return lambda db: campaign_package(db, campaign.id, as_of)

    # Loading.

    def load(self) -> None:
        """The campaigns again (keeping the one chosen; the newest at first), then both lists."""
        current = self.campaign_combo.value()
        self._campaigns = list_campaigns(self.db)
        self.campaign_combo.refill([(f"{c.year} - {c.name}", c.id) for c in self._campaigns])
        if self.campaign_combo.value() != current:
            self._campaign_changed()  # another campaign: its own default day
        else:
            self.refresh()

    def _campaign_changed(self) -> None:
        campaign = self.campaign()
        if campaign is not None:
            self._as_of = default_as_of(campaign, self.today, final=True)
            self.as_of.set_date(self._as_of)
            self.as_of_error.hide()
        self.refresh()

    def compute_key(self, campaign: Campaign):
        return campaign.id, self._as_of

    def compute_work(self, campaign: Campaign):
        campaign_id, as_of = campaign.id, self._as_of
        return lambda db: campaign_review(db, campaign_id, as_of)

    def workload(self, campaign: Campaign) -> int:
        return classification_rows(self.db, campaign.year)

    def show_computed(self, campaign: Campaign | None, review: CampaignReview | None, error: str) -> None:
        for panel in self.panels.values():
            panel.show_campaign(campaign, self._as_of, review, error)
        self._show_info(campaign, error)
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
            f"Hạn đăng ký {c.deadline_text(c.registration_deadline)}  ·  Hạn báo cáo kết quả "
            f"{c.deadline_text(c.report_deadline)}  ·  Cách xét: {reasons}; {s.individuals_text}")

    def as_of_changed(self) -> None:
        campaign = self.campaign()
        value = read_as_of(self.as_of, self.as_of_error,
                           lambda: default_as_of(campaign, self.today, final=True) if campaign else self.today)
        if value is not None and value != self._as_of:
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
