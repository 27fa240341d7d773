"""One tab of the year-end review screen: a list (criticism or commendation) of a campaign.

Every unit (and, for commendation, every person) the rules considered is a row, with its state
on the list and, under the table, the sentence saying why it is or is not on it. Adjusting,
approving, reopening and printing are those of every year-end list (``ui.yearend.list_panel``).
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QVBoxLayout
from sqlite_utils import Database

from models.campaigns.campaigns import Campaign
from models.common.codes import ListKind, label
from models.common.errors import DomainError
from models.yearend.lists import STAFF, UNIT
from models.yearend.review import CampaignReview, campaign_review, draft_list, list_key, printable_list

from ui.kit.widgets import ChoiceCombo
from ui.kit.layout import text_label
from ui.yearend.list_data import ADDED, adjustment_text, slug
from ui.yearend.list_panel import YearEndListPanel
from ui.yearend.review_data import ReviewRow, counts_text, picker_rows, review_rows, review_spec
from ui.yearend.review_tables import ReviewTableModel

WHY_STYLE = "QFrame#why_box { background: #f6f7f9; border: 1px solid #d5d9e0; }"
SEARCH_HINT = "Tìm theo mã, tên, đơn vị, lý do... (gõ có dấu hay không dấu đều được; Ctrl+F)"


class ReviewListPanel(YearEndListPanel):
    """``computed``: the campaign's review (``review``) as of the day shown."""

    kind = "review"

    def __init__(self, db: Database, db_path: Path, list_kind: ListKind, undo=None, parent=None):
        super().__init__(db, db_path, ReviewTableModel(list_kind), SEARCH_HINT, undo, parent)
        self.list_kind = list_kind
        self.spec = review_spec(list_kind)
        self.campaign: Campaign | None = None
        who = "một tập thể" if list_kind == ListKind.CRITICISM else "một tập thể hoặc cá nhân"
        self.build_list(f"Thêm {who} vào danh sách (ghi rõ lý do)", f"table_{list_kind.value}",
                        ReviewTableModel.COL_SUBJECT)
        if list_kind == ListKind.CRITICISM:  # only collectives are criticised
            self.table.hideColumn(ReviewTableModel.COL_SUBJECT)
        else:  # the initiative a person is commended for, beside their unit
            self.table.horizontalHeader().moveSection(ReviewTableModel.COL_INITIATIVE, ReviewTableModel.COL_WHERE + 1)

    # Building.
    def build_filters(self) -> None:
        self.in_list_only = QCheckBox("Chỉ hiện những mục trong danh sách")
        self.in_list_only.setObjectName("in_list_only")
        self.in_list_only.toggled.connect(self.apply_filters)
        self.subject_filter = None
        if self.list_kind == ListKind.COMMENDATION:
            self.subject_filter = ChoiceCombo([("Tập thể", UNIT), ("Cá nhân", STAFF)], "Tập thể và cá nhân")
            self.subject_filter.setObjectName("subject_filter")
            self.subject_filter.setMinimumContentsLength(16)
            self.subject_filter.currentIndexChanged.connect(self.apply_filters)
            self.filters.addWidget(self.subject_filter, 1)
        self.filters.addWidget(self.in_list_only)

    def build_bottom(self) -> None:
        box = QFrame()
        box.setObjectName("why_box")
        box.setStyleSheet(WHY_STYLE)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(8, 6, 8, 6)
        self.why = text_label("why", rich=True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why.setMinimumHeight(self.why.fontMetrics().lineSpacing() * 3 + 4)  # why, adjustment, rule
        self.why.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.why)
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.count_label), box)

    # What is shown.
    @property
    def review(self) -> CampaignReview | None:
        return self.computed

    @property
    def key(self):
        return list_key(self.campaign.id, self.list_kind) if self.campaign else None

    @property
    def title(self) -> str:
        return label(self.list_kind).lower()

    def show_campaign(self, campaign: Campaign | None, as_of: dt.date, review: CampaignReview | None = None,
                      error: str = "") -> None:
        """Show ``campaign``'s list as of ``as_of`` (``review``: already computed for that day)."""
        self.campaign, self.as_of = campaign, as_of
        self._load(review, error)

    def compute(self, review: CampaignReview | None, error: str):
        day = self.approval.as_of if self.approval else self.as_of  # an approved list: its own day
        if review is not None and review.as_of == day:
            return review, error
        try:
            return campaign_review(self.db, self.campaign.id, day), ""
        except DomainError as e:
            return None, str(e)

    def listed_entries(self, review: CampaignReview) -> list | None:
        if review.as_of != self.as_of:
            return None
        collectives, individuals = review.entries(self.list_kind)
        return [*collectives, *individuals]

    def considers(self, review: CampaignReview) -> bool:
        return bool(review.units) or (self.list_kind == ListKind.COMMENDATION and bool(review.people))

    def key_for(self, campaign: Campaign):
        return list_key(campaign.id, self.list_kind)

    def rows_of(self, review: CampaignReview, frozen, approval) -> list[ReviewRow] | None:
        if review is None or (approval is not None and approval.as_of != review.as_of):
            return None  # the tab reviews its approved list's own day
        return review_rows(review, self.list_kind, frozen)

    def rows_for(self, frozen) -> list[ReviewRow]:
        return review_rows(self.review, self.list_kind, frozen) if self.review else []

    def row_filter(self):
        only = self.in_list_only.isChecked()
        subject = self.subject_filter.value() if self.subject_filter is not None else None
        return lambda r: (not only or r.in_list) and (subject is None or r.subject == subject)

    def counts_text(self) -> str:
        return counts_text(self.rows, self.list_kind)

    def show_row(self, row: ReviewRow | None) -> None:
        if row is None:
            self.why.setText("<i>Chọn một dòng để xem vì sao đối tượng có (hoặc không có) trong danh sách.</i>"
                             if self.rows else "")
            return
        e = html.escape
        text = f"<b>{e(row.name)}</b>{f' ({e(row.code)})' if row.code else ''} — {e(row.why)}"
        if row.status == ADDED:  # what the secretary typed; otherwise the sentence above says it
            heading = "Lý do phê bình" if self.list_kind == ListKind.CRITICISM else "Thành tích"
            text += f"<br><b>{heading} in trong danh sách:</b> {e(row.text)}"
        if row.adjustment is not None:
            text += f"<br><b>Điều chỉnh:</b> {e(adjustment_text(row.adjustment))}"
            if row.rule_why and row.rule_why != row.why:
                text += f"<br><b>Theo quy định:</b> {e(row.rule_why)}"
        self.why.setText(text)

    # Adjustments, approval and the PDF (ui.yearend.list_actions).
    def draft(self):
        return draft_list(self.db, self.review, self.list_kind)

    def pick_rows(self) -> list[ReviewRow]:
        """What the "add" dialog offers: the rows considered, then the other active units (and people)."""
        from models.people.staff import list_staff
        from models.people.succession import units_in_activity

        people = list_staff(self.db) if self.list_kind == ListKind.COMMENDATION else []
        return picker_rows(self.rows, self.list_kind, self.campaign.year, units_in_activity(self.db, self.campaign.year),
                           people)

    def printable_reader(self):
        campaign_id, kind, as_of = self.campaign.id, self.list_kind, self.as_of
        return lambda db: printable_list(db, campaign_id, kind, as_of)

    def pdf_file_name(self) -> str:
        """A campaign's list: "danh-sach-phe-binh-<campaign>-2018.pdf"."""
        c = self.campaign
        return f"{slug(self.title)}-{slug(c.name)}-{c.year}.pdf"
