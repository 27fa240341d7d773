"""Questions and messages to the user. Tests replace these functions instead of clicking boxes."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

XLSX_FILTER = "Tệp Excel (*.xlsx)"


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Đồng ý", no: str = "Hủy") -> bool:
    """Ask a yes/no question; the safe answer (no) is the default button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def allow_duplicate(parent: QWidget | None, title: str, question: str, field: str, refusal: str) -> None:
    """Before saving a record named like another (legal, usually a mistake) ask ``question``; when
    the user says no, raise ``ValidationError({field: refusal})``: the dialog stays open, nothing is
    written, and the reason shows beside the field."""
    from models.common.errors import ValidationError

    if not confirm(parent, title, question, yes="Vẫn lưu", no="Quay lại sửa"):
        raise ValidationError({field: refusal})


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text typed by the user, or ``None`` when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if ok else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def open_xlsx(parent: QWidget | None, title: str) -> str:
    """A chosen .xlsx file to read, or "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", XLSX_FILTER)
    return path


def save_xlsx(parent: QWidget | None, title: str, suggested: str) -> str:
    """A path to write a .xlsx file to, or "" when cancelled or refused (:func:`refuses_target`)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, XLSX_FILTER)
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return "" if path and refuses_target(parent, path, "xlsx") else path


def refuses_target(parent: QWidget | None, path: str, kind: str) -> bool:
    """Tell the user, and say True, when ``path`` must not be written with a ``kind`` file: a database
    (the open one included) or a file of another kind. (The save dialog has already asked before
    replacing a file of the same kind.)"""
    from models.store.output import check_output_target

    refusal = check_output_target(path, kind)
    if refusal:
        error(parent, "Không ghi đè tệp này", refusal)
    return refusal is not None


def attempt(parent: QWidget | None, title: str, write) -> bool:
    """Run ``write()`` (a change to the database); when the rules refuse it (``DomainError``) say
    why in a box titled ``title`` and return False: nothing was written."""
    from models.common.errors import DomainError

    try:
        write()
    except DomainError as e:
        error(parent, title, str(e))
        return False
    return True
