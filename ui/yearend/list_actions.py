"""What the buttons of a year-end list do: adjust (undoable), approve (undoable by reopening),
reopen (not undone), preview, print and save the PDF.

Every function takes the list's tab (:class:`ui.yearend.review_panel.ReviewListPanel`, or a title list's
:class:`ui.yearend.titles_panel.TitleListPanel`), which satisfies :class:`YearEndList`, and calls the same
domain functions as the command line.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Protocol, runtime_checkable

from PySide6.QtWidgets import QMenu
from sqlite_utils import Database

from models.yearend.lists import (
    Adjustment, ApprovalRecord, ListKey, adjust, cancel_adjustment, current_approval, reopen,
)
from models.common.errors import DomainError, ValidationError
from models.store.history import session_name
from models.store.settings import get_setting

from ui.kit import messages
from ui.yearend.approval_dialog import ApprovalDialog
from ui.yearend.list_data import ListSpec, subject_text
from ui.yearend.review_dialogs import AddEntryDialog, RemoveEntryDialog

UNDO_APPROVAL_REASON = "Hoàn tác phê duyệt ngay sau khi phê duyệt (Ctrl+Z)"


@runtime_checkable
class YearEndList(Protocol):
    """What a year-end list tab gives the functions of this module (it is also the parent of
    their dialogs): the review's criticism and commendation tabs and the four title tabs."""

    db: Database
    db_path: Path
    approval: ApprovalRecord | None  # the approval in force; None: a draft

    @property
    def key(self) -> ListKey | None: ...  # None: no campaign (year) chosen

    @property
    def spec(self) -> ListSpec: ...

    @property
    def title(self) -> str: ...  # "danh sách phê bình": dialog titles, undo texts

    @property
    def list_open(self) -> bool: ...  # a list is shown and can be adjusted (not approved)

    def selected(self): ...  # the row selected, or None

    def pick_rows(self) -> list: ...  # what the "add" dialog offers

    def draft(self): ...  # the list as it would be approved now

    def decided(self, day: dt.date): ...  # the list as a decision of ``day`` approves it

    def pdf_builder(self, fmt: str = "pdf") -> Callable[[Database], bytes]: ...  # runs on a worker thread

    def pdf_file_name(self) -> str: ...

    def remember(self, text: str, restore: Callable[[], object]) -> None: ...

    def after_change(self, select: Callable | None = None) -> None: ...


def current_who(db: Database) -> str:
    """Who the records name: the operator typed at the first start, and the system user."""
    return session_name(get_setting(db, "operator_name") or "")


def _stamp(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return dt.datetime.now()


def restore_adjustment(db: Database, key: ListKey, previous: Adjustment | None, made: int | None) -> None:
    """Put a subject's adjustment back as it was: ``previous`` (None: it had none) replaces
    whatever ``made`` (the adjustment written since, if any) did. One transaction each way."""
    if previous is None:
        if made is not None:
            cancel_adjustment(db, key, made)
        return
    adjust(db, key, previous.action, previous.subject, previous.subject_id, previous.reason, _stamp(previous.at),
           text=previous.text, who=previous.who)


def undo_approval(db: Database, key: ListKey, approval_id: int, who: str) -> None:
    """Reopen the list approved by ``approval_id``, if it is still the one in force."""
    current = current_approval(db, key)
    if current is None or current.id != approval_id:
        raise DomainError("Danh sách đã được mở lại hoặc phê duyệt lại sau đó nên không hoàn tác được phê duyệt này")
    reopen(db, key, UNDO_APPROVAL_REASON, dt.datetime.now(), who)


def _open(panel: YearEndList) -> bool:
    return panel.list_open


# Adjustments.
def add_entry(panel: YearEndList) -> None:
    if not _open(panel):
        return
    db, key = panel.db, panel.key
    dialog = AddEntryDialog(db, key, panel.spec, panel.pick_rows(), current_who(db), chosen=panel.selected(),
                            parent=panel)
    if not dialog.exec():
        return
    made, row = dialog.result_record
    previous = row.adjustment
    panel.remember(f"Thêm {row.name} vào {panel.title}", lambda: restore_adjustment(db, key, previous, made))
    panel.after_change(lambda r: r.key == row.key)


def remove_entry(panel: YearEndList) -> None:
    row = panel.selected()
    if not _open(panel) or row is None or not row.in_list:
        return
    db, key = panel.db, panel.key
    dialog = RemoveEntryDialog(db, key, panel.spec, row, current_who(db), parent=panel)
    if not dialog.exec():
        return
    made, previous = dialog.result_record, row.adjustment
    panel.remember(f"Loại {row.name} khỏi {panel.title}", lambda: restore_adjustment(db, key, previous, made))
    panel.after_change(lambda r: r.key == row.key)


def cancel_adjustment_of(panel: YearEndList) -> None:
    row = panel.selected()
    if not _open(panel) or row is None or row.adjustment is None:
        return
    previous = row.adjustment
    if not messages.confirm(panel, "Hủy điều chỉnh",
                            f"Hủy điều chỉnh “{previous.action_label}” của {subject_text(row)}?\n"
                            "Đối tượng trở lại như quy định xét (lý do điều chỉnh vẫn còn trong nhật ký).",
                            yes="Hủy điều chỉnh", no="Không"):
        return
    db, key = panel.db, panel.key
    if not messages.attempt(panel, "Không hủy được", lambda: cancel_adjustment(db, key, previous.id)):
        return
    panel.remember(f"Hủy điều chỉnh của {row.name} ({panel.title})",
                   lambda: restore_adjustment(db, key, previous, None))
    panel.after_change(lambda r: r.key == row.key)


# Approval.
def approve_list(panel: YearEndList) -> None:
    if not _open(panel):
        return
    db, key = panel.db, panel.key
    who = current_who(db)
    dialog = ApprovalDialog(db, key, panel.draft(), who, heading=panel.spec.summary, parent=panel,
                            decided=panel.decided)
    if not dialog.exec():
        return
    record = dialog.result_record
    panel.remember(f"Phê duyệt {panel.title} (Quyết định số {record.approval.decision_number})",
                   lambda: undo_approval(db, key, record.id, who))
    panel.after_change()


def reopen_list(panel: YearEndList) -> None:
    if panel.approval is None:
        return
    number = panel.approval.approval.decision_number
    reason = messages.ask_text(panel, "Mở lại danh sách đã phê duyệt",
                               f"Lý do mở lại {panel.title} (Quyết định số {number}); bắt buộc, lưu trong nhật ký:")
    if reason is None:
        return
    if reason.strip() and not messages.confirm(
        panel, "Mở lại danh sách",
        f"Mở lại {panel.title} đã phê duyệt theo Quyết định số {number}?\n"
        "Danh sách trở thành dự thảo: có thể điều chỉnh rồi phê duyệt lại. Bản đã chốt vẫn được lưu.",
        yes="Mở lại",
    ):
        return
    try:
        reopen(panel.db, panel.key, reason, dt.datetime.now(), current_who(panel.db))
    except ValidationError as e:
        messages.error(panel, "Chưa mở lại", str(e))
        return
    except DomainError as e:
        messages.error(panel, "Không mở lại được", str(e))
        return
    panel.after_change()


# The PDF.
def _pdf(panel: YearEndList) -> bytes | None:
    from ui.kit.pdf_preview import build_pdf

    if panel.key is None:
        return None
    return build_pdf(panel, panel.db_path, panel.title, panel.pdf_builder())


def preview(panel: YearEndList):
    """Open the preview window; returns it (closed) for whoever wants to know what it showed."""
    from ui.kit.pdf_preview import PdfPreviewDialog

    pdf = _pdf(panel)
    if pdf is None:
        return None
    dialog = PdfPreviewDialog(pdf, panel.title, panel.pdf_file_name(), panel)
    dialog.exec()
    return dialog


def print_list(panel: YearEndList) -> bool:
    from ui.kit.pdf_preview import open_pdf, print_document

    pdf = _pdf(panel)
    if pdf is None:
        return False
    document = open_pdf(pdf)
    try:
        return print_document(panel, document, panel.title)
    finally:
        document.close()


def save_pdf(panel: YearEndList) -> bool:
    from ui.kit import pdf_export

    if panel.key is None:
        return False
    path = pdf_export.ask_pdf_path(panel, f"Lưu {panel.title} (PDF)", panel.pdf_file_name())
    if not path:
        return False
    return pdf_export.write_pdf(panel, panel.db_path, path, panel.title, panel.pdf_builder())


def save_word(panel: YearEndList) -> bool:
    """The list as a Word file (.docx), to edit before signing: the same content as the PDF."""
    from ui.kit import messages, pdf_export

    if panel.key is None:
        return False
    name = panel.pdf_file_name().removesuffix(".pdf") + ".docx"
    path = messages.ask_save_path(panel, f"Lưu {panel.title} (Word)", name, "Tệp Word (*.docx)", "docx")
    if not path:
        return False
    return pdf_export.write_pdf(panel, panel.db_path, path, panel.title, panel.pdf_builder("docx"))


class ListActions:
    """The buttons' methods of a year-end list tab (mixed into the review's and the titles' tabs),
    each calling the function of this module with the tab."""

    def build_list_actions(self, add_tip: str) -> None:
        """The toolbar's actions (with their shortcuts) and the table's context menu."""
        self.add_action = self.action("Thêm vào danh sách...", self.add_entry, "Ctrl+N", add_tip)
        self.remove_action = self.action("Loại khỏi danh sách...", self.remove_entry, "Del",
                                         "Loại dòng đang chọn khỏi danh sách (ghi rõ lý do)")
        self.cancel_action = self.action("Hủy điều chỉnh", self.cancel_selected, "Ctrl+Backspace",
                                         "Bỏ điều chỉnh (thêm / loại) của dòng đang chọn: trở lại như quy định")
        self.toolbar.addSeparator()
        self.approve_action = self.action("Phê duyệt...", self.approve, "Ctrl+L",
                                          "Phê duyệt và chốt danh sách theo quyết định của Hội đồng")
        self.reopen_action = self.action("Mở lại...", self.reopen, "Ctrl+Shift+L",
                                         "Mở lại danh sách đã phê duyệt để điều chỉnh (ghi rõ lý do)")
        self.toolbar.addSeparator()
        self.preview_action = self.action("Xem trước", self.preview, "Ctrl+Shift+P",
                                          "Xem trước danh sách in (PDF), từ đó in hoặc lưu thành tệp")
        self.print_action = self.action("In...", self.print_list, "Ctrl+P", "In danh sách ra máy in")
        self.save_action = self.action("Lưu PDF...", self.save_pdf, "Ctrl+S", "Lưu danh sách thành tệp PDF")
        self.word_action = self.action("Lưu Word...", self.save_word, "Ctrl+Shift+S",
                                       "Lưu danh sách thành tệp Word (.docx) để chỉnh sửa trước khi trình ký")

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        for act in (self.add_action, self.remove_action, self.cancel_action, None, self.approve_action,
                    self.reopen_action, None, self.preview_action, self.print_action, self.save_action,
                    self.word_action):
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu  # kept for tests and so that it is not freed while shown

    def edit_selected(self) -> None:
        """Enter / double-click: take a listed row off the list, or add a row that is not on it."""
        row = self.selected()
        if row is None or not self.list_open:
            return
        if row.in_list:
            self.remove_entry()
        else:
            self.add_entry()

    def add_entry(self) -> None:
        add_entry(self)

    def remove_entry(self) -> None:
        remove_entry(self)

    def cancel_selected(self) -> None:
        cancel_adjustment_of(self)

    def approve(self) -> None:
        approve_list(self)

    def reopen(self) -> None:
        reopen_list(self)

    def preview(self):
        return preview(self)

    def print_list(self) -> bool:
        return print_list(self)

    def save_pdf(self) -> bool:
        return save_pdf(self)

    def save_word(self) -> bool:
        return save_word(self)
