"""One tab of the year-end review screen: a list (criticism or commendation) of a campaign.

Every unit (and, for commendation, every person) the rules considered is a row, with its state
on the list and, under the table, the sentence saying why it is or is not on it. The secretary
adjusts the list (with reasons), approves it (which freezes it), reopens it, previews, prints
and saves it. An approved list shows its frozen snapshot and refuses adjustments.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout
from sqlite_utils import Database

from models.yearend.lists import STAFF, UNIT, ApprovalRecord, approval_history, current_approval
from models.campaigns.campaigns import Campaign
from models.common.codes import ListKind, label
from models.common.errors import DomainError
from models.yearend.review import CampaignReview, campaign_review, draft_list, list_key

from ui.yearend import review_actions
from ui.kit.list_page import ListPage
from ui.yearend.review_data import (
    ADDED, ReviewRow, adjustment_text, banner_text, counts_text, picker_rows, reopened_text, review_rows, review_spec,
)
from ui.yearend.review_tables import ReviewTableModel
from ui.kit.widgets import ChoiceCombo

APPROVED_STYLE = "background: #e3f1dc; border: 1px solid #7fb069; padding: 6px;"
REOPENED_STYLE = "background: #fff4d6; border: 1px solid #e0b252; padding: 4px 6px;"
WHY_STYLE = "QFrame#why_box { background: #f6f7f9; border: 1px solid #d5d9e0; }"


class ReviewListPanel(review_actions.ListActions, ListPage):
    noun = "mục"
    kind = "review"

    def __init__(self, db: Database, db_path: Path, list_kind: ListKind, undo=None, parent=None):
        super().__init__(db, db_path, ReviewTableModel(list_kind),
                         "Tìm theo mã, tên, đơn vị, lý do... (gõ có dấu hay không dấu đều được; Ctrl+F)", parent, undo)
        self.list_kind = list_kind
        self.spec = review_spec(list_kind)
        self.campaign: Campaign | None = None
        self.as_of: dt.date = dt.date.today()
        self.review: CampaignReview | None = None
        self.approval: ApprovalRecord | None = None
        self.error = ""
        self.rows: list[ReviewRow] = []
        self._build_banner()
        self._build_filters()
        self._build_actions()
        self._build_why()
        self.table.setObjectName(f"table_{list_kind.value}")
        # The review's own order first (Qt's header would start descending).
        self.table.sortByColumn(ReviewTableModel.COL_SUBJECT, Qt.SortOrder.AscendingOrder)
        if list_kind == ListKind.CRITICISM:  # only collectives are criticised
            self.table.hideColumn(ReviewTableModel.COL_SUBJECT)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.apply_filters()

    # Building.
    def _build_banner(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.hide()
        self.layout().insertWidget(0, self.banner)

    def _build_filters(self) -> None:
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

    def _build_actions(self) -> None:
        who = "một tập thể" if self.list_kind == ListKind.CRITICISM else "một tập thể hoặc cá nhân"
        self.build_list_actions(f"Thêm {who} vào danh sách (ghi rõ lý do)")

    def _build_why(self) -> None:
        box = QFrame()
        box.setObjectName("why_box")
        box.setStyleSheet(WHY_STYLE)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(8, 6, 8, 6)
        self.why = QLabel()
        self.why.setObjectName("why")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why.setMinimumHeight(self.why.fontMetrics().lineSpacing() * 3 + 4)  # why, adjustment, rule
        self.why.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.why)
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.count_label), box)


    # What is shown.
    @property
    def key(self):
        return list_key(self.campaign.id, self.list_kind) if self.campaign else None

    @property
    def title(self) -> str:
        return label(self.list_kind).lower()

    @property
    def list_open(self) -> bool:
        """A list is shown and can be adjusted (not approved)."""
        return self.review is not None and self.approval is None and self.key is not None

    def show_campaign(self, campaign: Campaign | None, as_of: dt.date, review: CampaignReview | None = None,
                      error: str = "") -> None:
        """Show ``campaign``'s list as of ``as_of`` (``review``: already computed for that day)."""
        self.campaign, self.as_of = campaign, as_of
        self._load(review, error)

    def load(self) -> None:
        self._load()

    def _load(self, review: CampaignReview | None = None, error: str = "") -> None:
        keep = self.selected()
        self.approval = current_approval(self.db, self.key) if self.campaign else None
        day = self.approval.as_of if self.approval else self.as_of
        if self.campaign is not None and (review is None or review.as_of != day):
            try:
                review, error = campaign_review(self.db, self.campaign.id, day), ""
            except DomainError as e:
                review, error = None, str(e)
        self.review, self.error = (review, error) if self.campaign else (None, "")
        try:
            frozen = self.approval.printable() if self.approval else None
            self.rows = review_rows(self.review, self.list_kind, frozen) if self.review else []
        except DomainError as e:  # a damaged snapshot: say so rather than show another list
            self.rows, self.error = [], str(e)
        self.model.set_records(self.rows)
        self._show_banner()
        self.update_count()
        if keep is not None:
            self.select_where(lambda r: r.key == keep.key)
        self.selection_changed()

    def _show_banner(self) -> None:
        if self.approval is not None:
            self.banner.setText(banner_text(self.approval))
            self.banner.setStyleSheet(APPROVED_STYLE)
            self.banner.show()
            return
        history = approval_history(self.db, self.key) if self.campaign else []
        if history:
            self.banner.setText(reopened_text(history[-1]))
            self.banner.setStyleSheet(REOPENED_STYLE)
            self.banner.show()
        else:
            self.banner.hide()

    def apply_filters(self) -> None:
        only = self.in_list_only.isChecked()
        subject = self.subject_filter.value() if self.subject_filter is not None else None
        self.model.set_predicate(lambda r: (not only or r.in_list) and (subject is None or r.subject == subject))
        self.update_count()
        self.selection_changed()

    def update_count(self) -> None:
        if self.error:
            self.count_label.setText(self.error)
            return
        shown, total = self.model.rowCount(), self.model.total_count
        figures = f"Hiển thị {shown:,} / {total:,} mục".replace(",", ".")
        self.count_label.setText(f"{counts_text(self.rows, self.list_kind)}  ·  {figures}")

    def selection_changed(self) -> None:
        row = self.selected()
        has_list = self.review is not None
        is_open = has_list and self.approval is None
        self.add_action.setEnabled(is_open)
        self.remove_action.setEnabled(is_open and row is not None and row.in_list)
        self.cancel_action.setEnabled(is_open and row is not None and row.adjustment is not None)
        self.approve_action.setEnabled(is_open)
        self.reopen_action.setEnabled(self.approval is not None)
        for act in (self.preview_action, self.print_action, self.save_action):
            act.setEnabled(has_list or self.approval is not None)
        self._show_why(row)

    def _show_why(self, row: ReviewRow | None) -> None:
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

    # Adjustments (through review_actions, which keeps this module small).

    def draft(self):
        return draft_list(self.db, self.review, self.list_kind)

    def pick_rows(self) -> list[ReviewRow]:
        """What the "add" dialog offers: the rows considered, then the other active units (and people)."""
        from models.people.staff import list_staff
        from models.people.units import list_units

        people = list_staff(self.db) if self.list_kind == ListKind.COMMENDATION else []
        return picker_rows(self.rows, self.list_kind, self.campaign.year, list_units(self.db, active_only=True),
                           people)

    def pdf_builder(self):
        return review_actions.pdf_builder(self)

    def pdf_file_name(self) -> str:
        return review_actions.file_name(self)

    # Out.


