"""What every year-end list shows (no Qt): the campaign's criticism and commendation lists and
the year's title lists say the same things about adjustments, approval and the units and people
the rules did not consider."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

from models.yearend.lists import STAFF, UNIT, Adjustment, ApprovalRecord
from models.common.dates import format_date
from models.common.text import fold

ADDED = "Thêm (điều chỉnh)"
REMOVED = "Loại (điều chỉnh)"
FROZEN_NOTE = "Có trong danh sách đã phê duyệt; không còn trong kết quả xét hiện nay."
_SUBJECT_WORDS = {(UNIT,): "tập thể", (STAFF,): "cá nhân"}


@dataclass(frozen=True)
class ListSpec:
    """What the dialogs of a year-end list say about it: the review's two lists and the yearly
    title lists share the dialogs (add, remove, approve) and differ only in these words."""

    name: str  # "danh sách phê bình", "danh sách Lao động tiên tiến": dialog titles, undo texts
    subjects: tuple[str, ...]  # what the list takes: UNIT and/or STAFF
    text_heading: str  # the printed text's caption: "Lý do phê bình", "Thành tích"
    example: str = ""  # a placeholder for the printed text
    summary: str = ""  # the approval dialog's name for the list; "": its printed title

    @property
    def subjects_text(self) -> str:
        """"tập thể", "cá nhân" or "tập thể hoặc cá nhân"."""
        return _SUBJECT_WORDS.get(self.subjects, "tập thể hoặc cá nhân")


def outside_why(subject: str, year: int, campaign: bool = False) -> str:
    """Why the rules did not consider a unit or person at all: for a campaign's lists
    (``campaign``), or for the year's titles."""
    if subject == UNIT:
        why = ("đơn vị không tham gia đợt thi đua này" if campaign
               else f"đơn vị không có cán bộ được xếp loại năm {year}")
    else:
        where = " tại một đơn vị tham gia đợt thi đua" if campaign else ""
        why = f"không có kết quả xếp loại quý nào năm {year}{where}"
    return f"Không được xét theo quy định: {why}."


def subject_text(row) -> str:
    """A row's name, with its code when it has one."""
    return f"{row.name} ({row.code})" if row.code else row.name


def adjustment_text(adjustment: Adjustment) -> str:
    """"Loại khỏi danh sách lúc 20/01/2019 10:05, người thực hiện: ..." (its reason is in the why)."""
    who = f", người thực hiện: {adjustment.who}" if adjustment.who else ""
    return f"{adjustment.action_label} lúc {stamp_text(adjustment.at)}{who}."


def stamp_text(stamp: str) -> str:
    """"2019-01-20 10:05:00" as "20/01/2019 10:05"."""
    try:
        at = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return stamp or ""
    return f"{format_date(at.date())} {at:%H:%M}"


def banner_text(record: ApprovalRecord) -> str:
    """What an approved list says above its table (rich text)."""
    a = record.approval
    role = ", ".join(x for x in (a.signer_authority, a.signer_title) if x)
    signer = escape(f"{a.signer_name} ({role})" if role else a.signer_name)
    by = f" bởi {escape(record.approved_by)}" if record.approved_by else ""
    return (f"<b>ĐÃ PHÊ DUYỆT</b> theo Quyết định số <b>{escape(a.decision_number)}</b> ngày "
            f"<b>{format_date(a.decision_date)}</b> · Người ký: {signer}<br>"
            f"Phê duyệt lúc {stamp_text(record.approved_at)}{by}; danh sách chốt theo dữ liệu tính đến ngày "
            f"{format_date(record.as_of)}: dữ liệu thay đổi sau đó không làm đổi danh sách. "
            "Muốn điều chỉnh, hãy “Mở lại...” (ghi rõ lý do).")


def reopened_text(record: ApprovalRecord) -> str:
    """The last reopening of a list now open again (rich text)."""
    by = f" bởi {escape(record.reopened_by)}" if record.reopened_by else ""
    return (f"<b>Dự thảo</b> · Danh sách theo Quyết định số {escape(record.approval.decision_number)} đã được mở "
            f"lại lúc {stamp_text(record.reopened_at)}{by}. Lý do: {escape(record.reopen_reason or '')}")


def slug(text: str) -> str:
    """A PDF file name's part: "Danh sách phê bình" -> "danh-sach-phe-binh" (50 characters at most)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:50]
