"""One tab of the yearly titles screen: a year's list for one title (Lao động tiên tiến, Chiến sĩ
thi đua cơ sở, Tập thể lao động tiên tiến, Tập thể lao động xuất sắc).

Everyone the rules considered is a row with its state on the list, its key figures and bonus;
under the table, every condition of the selected row (✔ / ✘) and the sentence saying why. The
secretary adjusts, approves, reopens, previews, prints and saves the list as every year-end list
(``ui.yearend.list_panel``). The Chiến sĩ thi đua cơ sở tab also shows the cap: each group's quota,
ranking and cut, and the council's order of priority for tied people.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QSplitter, QTextBrowser
from sqlite_utils import Database

from models.common.codes import COLLECTIVE_TITLES, Achievement, TitleCode, label
from models.common.errors import DomainError
from models.yearend.title_lists import council_order, decided_list, draft_list, printable_list, set_council_order
from models.yearend.title_rules import REQUIRES
from models.yearend.titles import TitleProposals, list_key, title_proposals

from ui.kit import messages
from ui.kit.widgets import ChoiceCombo
from ui.yearend.list_data import slug
from ui.yearend.list_panel import YearEndListPanel
from ui.yearend.titles_data import (
    OUT_OF_QUOTA, STATUSES, TitleRow, counts_text, details_html, frozen_rows, moved_order, title_picker_rows, title_rows,
    title_spec,
)
from ui.yearend.titles_tables import TitleTableModel

DETAILS_STYLE = "QTextBrowser#details { background: #f6f7f9; border: 1px solid #d5d9e0; }"
SEARCH_HINT = "Tìm theo mã, tên, đơn vị, kỷ luật... (gõ có dấu hay không dấu đều được; Ctrl+F)"


class TitleListPanel(YearEndListPanel):
    """``computed``: the year's proposals (``proposals``). ``proposals_changed``: something every
    tab depends on changed (the council's order)."""

    kind = "titles"
    proposals_changed = Signal()

    def __init__(self, db: Database, db_path: Path, title: TitleCode, undo=None, parent=None):
        super().__init__(db, db_path, TitleTableModel(title), SEARCH_HINT, undo, parent)
        self.list_title = TitleCode(title)
        self.year: int | None = None
        self.spec = title_spec(self.list_title, 0)
        self.cap_view = None
        who = "một tập thể" if self.list_title in COLLECTIVE_TITLES else "một cá nhân"
        # The printed order first: by unit then name (people), by kind then name (units).
        order_column = self.model.column_of.get("unit", self.model.column_of.get("where"))
        self.build_list(f"Thêm {who} vào danh sách (ghi rõ lý do)", f"table_{self.list_title.value}", order_column)

    # Building.
    def build_filters(self) -> None:
        # Only the cap of Chiến sĩ thi đua cơ sở leaves eligible people out.
        statuses = [s for s in STATUSES if s != OUT_OF_QUOTA or self.list_title == TitleCode.CSTDCS]
        self.status_filter = ChoiceCombo([(s, s) for s in statuses], "Mọi trạng thái")
        self.status_filter.setObjectName("status_filter")
        self.status_filter.setMinimumContentsLength(24)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.proposed_only = QCheckBox("Chỉ hiện những mục được đề nghị")
        self.proposed_only.setObjectName("proposed_only")
        self.proposed_only.toggled.connect(self.apply_filters)
        self.filters.addWidget(self.status_filter, 1)
        self.filters.addWidget(self.proposed_only)

    def build_bottom(self) -> None:
        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setStyleSheet(DETAILS_STYLE)
        self.details.setOpenLinks(False)
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 5 + 12)
        bottom = self.details
        if self.list_title == TitleCode.CSTDCS:  # the conditions beside the cap of the person's group
            from ui.yearend.title_cap_view import CapView

            self.cap_view = CapView()
            self.cap_view.move_requested.connect(self.move_in_council_order)
            bottom = QSplitter(Qt.Orientation.Horizontal)
            bottom.setChildrenCollapsible(False)
            bottom.addWidget(self.details)
            bottom.addWidget(self.cap_view)
            bottom.setSizes([400, 660])
        self.body.removeWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)  # the user may give the table more room
        self.splitter.setObjectName("splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([300, 290] if self.cap_view is not None else [420, 150])
        self.body.addWidget(self.splitter)

    # What is shown.
    @property
    def proposals(self) -> TitleProposals | None:
        return self.computed

    @property
    def key(self):
        return list_key(self.year, self.list_title) if self.year is not None else None

    @property
    def title(self) -> str:
        return self.spec.name

    def show_year(self, year: int | None, as_of: dt.date, proposals: TitleProposals | None = None,
                  error: str = "") -> None:
        """Show ``year``'s list (``proposals``: already computed for it); ``as_of`` dates a draft."""
        self.year, self.as_of = year, as_of
        self.spec = title_spec(self.list_title, year or 0)
        self._load(proposals, error)

    def compute(self, proposals: TitleProposals | None, error: str):
        if proposals is not None or error:
            return proposals, error
        try:
            return title_proposals(self.db, self.year, on=self.as_of), ""
        except DomainError as e:
            return None, str(e)

    def listed_entries(self, proposals: TitleProposals) -> list | None:
        return proposals.entries(self.list_title)

    def considers(self, proposals: TitleProposals) -> bool:
        return bool(proposals.units if self.list_title in COLLECTIVE_TITLES else proposals.people)

    def key_for(self, year: int):
        return list_key(year, self.list_title)

    def rows_of(self, proposals: TitleProposals, frozen, approval) -> list[TitleRow] | None:
        return None if proposals is None else title_rows(proposals, self.list_title, frozen)

    def rows_for(self, frozen) -> list[TitleRow]:
        if self.proposals is not None:
            return title_rows(self.proposals, self.list_title, frozen)
        # Not computable (the error says why): an approved list still shows what it froze.
        return frozen_rows(frozen) if frozen is not None else []

    def loaded(self) -> None:
        if self.proposals is not None:
            self.model.name_achievements(self.proposals.rules.achievements == (Achievement.SANG_KIEN,))
        if self.cap_view is not None:
            council = council_order(self.db, self.year) if self.proposals is not None else []
            self.cap_view.show_proposals(self.proposals, council, self.list_open)

    def row_filter(self):
        only = self.proposed_only.isChecked()
        status = self.status_filter.value()
        return lambda r: (not only or r.in_list) and (status is None or r.status == status)

    def counts_text(self) -> str:
        return counts_text(self.rows, self.list_title) if self.rows else ""

    def show_row(self, row: TitleRow | None) -> None:
        if row is None:
            self.details.setHtml("<i>Chọn một dòng để xem từng điều kiện và vì sao đối tượng có (hoặc không có) trong "
                                 "danh sách.</i>" if self.rows else "")
            return
        self.details.setHtml(details_html(row, self.list_title))
        if self.cap_view is not None:
            self.cap_view.show_person(row.subject_id)

    # Adjustments, approval and the PDF (ui.yearend.list_actions).

    def after_change(self, select=None) -> None:
        """As on every list page; but a list that a higher title requires (Lao động tiên tiến, Tập
        thể lao động tiên tiến) changes that title's proposals too: the page computes every tab
        again (this one included)."""
        if self.list_title not in REQUIRES.values():
            super().after_change(select)
            return
        self.proposals_changed.emit()
        if select is not None:
            self.select_where(select)
        self.changed.emit()

    def draft(self):
        return draft_list(self.db, self.proposals, self.list_title, self.as_of)

    def decided(self, day: dt.date):
        return decided_list(self.db, self.proposals, self.list_title, self.as_of, day)

    def pick_rows(self) -> list[TitleRow]:
        from models.people.staff import list_staff
        from models.people.succession import units_in_activity

        collective = self.list_title in COLLECTIVE_TITLES
        units = units_in_activity(self.db, self.year) if collective else []  # a unit merged later: still there
        people = [] if collective else list_staff(self.db)
        return title_picker_rows(self.rows, self.list_title, self.year, units, people)

    def printable_reader(self):
        year, title, as_of = self.year, self.list_title, self.as_of
        return lambda db: printable_list(db, year, title, as_of)

    def authority_reader(self):
        from models.yearend.authority import authority

        year, title = self.year, self.list_title
        return lambda db: authority(db, year, title.value)

    def pdf_file_name(self) -> str:
        """"danh-sach-lao-dong-tien-tien-2018.pdf"."""
        return f"danh-sach-{slug(label(self.list_title))}-{self.year}.pdf"

    # The council's order of priority (the Chiến sĩ thi đua cơ sở tab).
    def move_in_council_order(self, staff_id: int, delta: int) -> None:
        """Swap a person with the neighbour ``delta`` (-1 up, +1 down) in their cap group's ranking,
        through the year's order of priority (saved at once; Ctrl+Z puts the old order back)."""
        p = self.proposals
        group = next((g for g in p.cap_groups if staff_id in g.ranked), None) if p else None
        if group is None or not self.list_open:
            return
        ranked = list(group.ranked)
        i = ranked.index(staff_id)
        if not 0 <= i + delta < len(ranked):
            return
        db, year = self.db, self.year
        before = council_order(db, year)
        order = moved_order(before, ranked, i, i + delta)
        if not messages.attempt(self, "Không đổi được thứ tự ưu tiên", lambda: set_council_order(db, year, order)):
            return
        name = p.person(staff_id).full_name
        self.remember(f"{'Đưa lên' if delta < 0 else 'Đưa xuống'} {name} trong thứ tự ưu tiên năm {year}",
                      lambda: set_council_order(db, year, before))
        self.proposals_changed.emit()  # the page recomputes every tab: TTLĐXS counts the CSTĐCS
        self.cap_view.show_person(staff_id)
        self.changed.emit()
