"""The yearly titles screen ("Danh hiệu cuối năm"): for a year with classifications, one tab per
title (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến, Tập thể lao động
xuất sắc) with everyone considered, every condition, the cap of Chiến sĩ thi đua cơ sở, and the
lists' adjustments, approval and PDFs. The title rule sets are edited from here too.

The screen computes the proposals once for the four tabs (``ui.yearend.list_page``); each tab
then keeps its own list up to date after its own changes.
"""
from __future__ import annotations

import datetime as dt

from models.common.codes import TitleCode
from models.common.dates import format_date
from models.quarters.classifications import classification_rows
from models.yearend.title_lists import money, title_years
from models.yearend.titles import TitleProposals, title_proposals

from ui.kit.widgets import ERROR_STYLE, ChoiceCombo
from ui.kit.layout import captioned
from ui.yearend.list_page import YearEndPage
from ui.yearend.titles_data import SHORT_TITLES, decimal_text
from ui.yearend.titles_panel import TitleListPanel

TAB_TITLES = {TitleCode.LDTT: "&Lao động tiên tiến", TitleCode.CSTDCS: "C&hiến sĩ thi đua cơ sở",
              TitleCode.TTLDTT: "Tập thể lao động tiên tiế&n", TitleCode.TTLDXS: "Tập thể lao động xuất sắ&c"}
NO_YEAR = "Chưa có kết quả xếp loại quý nào: nhập ở màn hình “Xếp loại quý”, rồi xét danh hiệu cuối năm tại đây."


class TitlesPage(YearEndPage):
    """Choose a year; read and settle the four title lists in the tabs below."""

    TAB_TITLES = TAB_TITLES
    INFO_NAME = "rules_info"

    def build_top(self) -> None:
        self.proposals: TitleProposals | None = None
        caption, self.year_combo = captioned("Nă&m:", ChoiceCombo([]), "year_combo", 6)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.rules_button = self.top_button(
            "&Quy định danh hiệu...", "rules_button",
            "Xem, sửa các quy định xét danh hiệu thi đua: điều kiện, tỷ lệ, tiền thưởng", self.edit_rules)
        self.achievements_button = self.top_button(
            "&Thành tích...", "achievements_button",
            "Đề tài khoa học, giải pháp công tác của năm: thành tích xét Chiến sĩ thi đua cơ sở (ngoài sáng kiến)",
            self.edit_achievements)
        self.top.addWidget(caption)
        self.top.addWidget(self.year_combo)
        self.top.addStretch(1)
        self.top.addWidget(self.achievements_button)
        self.top.addWidget(self.rules_button)

    def make_panel(self, title: TitleCode) -> TitleListPanel:
        panel = TitleListPanel(self.db, self.db_path, title, self.undo)
        panel.proposals_changed.connect(self.refresh)
        return panel

    def year(self) -> int | None:
        return self.year_combo.value()

    chosen = year

    def set_year(self, year: int) -> None:
        self.year_combo.set_value(year)

    # Loading.

    def load(self) -> None:
        """The years again (keeping the one chosen; the newest at first), then the four lists."""
        self.year_combo.refill([(str(year), year) for year in title_years(self.db)])
        self.refresh()

    def show_computed(self, year: int | None, proposals: TitleProposals | None, error: str) -> None:
        self.proposals = proposals
        for panel in self.panels.values():
            panel.show_year(year, self.today, proposals, error)
        self._show_info(year, proposals, error)

    def compute_work(self, year: int):
        today = self.today  # the draft's day: its bonuses on the base salary in force then
        return lambda db: title_proposals(db, year, on=today)

    def workload(self, year: int) -> int:
        return classification_rows(self.db, year)

    def _show_info(self, year: int | None, p: TitleProposals | None, error: str) -> None:
        if year is None:
            self.info.setText(NO_YEAR)
        elif error:
            self.info.setText(f"<span style='{ERROR_STYLE}'>{error}</span> Bấm “Quy định danh hiệu...” để thêm.")
        else:
            r = p.rules
            bonus = " · ".join(f"{SHORT_TITLES[t]} {decimal_text(r.bonus[t])}" for t in TitleCode)
            day = r.base_day(year, self.today)
            salary = (f"lương cơ sở ngày {format_date(day)}: {money(p.base_salary)} đ" if p.base_salary
                      else f"chưa có lương cơ sở ngày {format_date(day)} (không tính tiền thưởng)")
            if p.salary is not None and day != dt.date(year, 12, 31):
                salary += (f" theo {p.salary.decree}" if p.salary.decree else "") + " (khi phê duyệt: ngày quyết định)"
            self.info.setText(f"Quy định: {r.name} (áp dụng từ năm {r.from_year})  ·  Tiền thưởng (lần lương cơ sở): "
                              f"{bonus}; {salary}")

    def edit_achievements(self) -> None:
        """The year's research works and solutions; the lists are computed again when one changed."""
        from ui.yearend.achievements_dialog import AchievementsDialog

        year = self.year()
        if year is None:
            return
        dialog = AchievementsDialog(self.db, year, self.undo, parent=self)
        dialog.exec()
        if dialog.modified:
            self.refresh()
            self.changed.emit()

    def package_loader(self):
        year = self.year()
        if year is None:
            return None
        from models.yearend.package import year_package

        return lambda db: year_package(db, year, self.today)

    # The rule sets.
    def edit_rules(self) -> None:
        """The title rule sets; the lists are computed again when one changed."""
        from ui.yearend.title_rules_dialog import TitleRulesDialog

        dialog = TitleRulesDialog(self.db, self.undo, year=self.year(), parent=self)
        dialog.exec()
        if dialog.modified:
            self.refresh()
            self.changed.emit()
