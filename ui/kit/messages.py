"""Questions and messages to the user. Tests replace these functions instead of clicking boxes.

The boxes, the file dialogs and QSettings are imported where they are used: PySide6 builds a class the
first time it is imported (QMessageBox, QFileDialog and QSettings: about 4 ms), and the window's start
shows none of them."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

XLSX_FILTER = "Tệp Excel (*.xlsx)"


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Đồng ý", no: str = "Hủy") -> bool:
    """Ask a yes/no question; the safe answer (no) is the default button."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose(parent: QWidget | None, title: str, text: str, options: list[str], cancel: str) -> int | None:
    """One of ``options`` (its index), or ``None`` for ``cancel`` (the default button, and Esc)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    cancel_button = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel_button)
    box.setEscapeButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


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
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


# Where the file dialogs open. The folder is the user's, on this computer, so it is kept in the
# user's Qt settings (QSettings), not in the database: a database copied to another computer (or a
# backup restored) must not carry folders that do not exist there, and the dialogs that ask for a
# file (Excel, PDF) do not all have the database at hand.
def _folders() -> QSettings:
    from PySide6.QtCore import QSettings

    from models.store.db import APP_AUTHOR, APP_NAME

    return QSettings(APP_AUTHOR, APP_NAME)


def documents_folder() -> str:
    """The user's Documents folder (the home folder when there is none)."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return str(documents if documents.is_dir() else Path.home())


def start_path(kind: str, suggested: str = "") -> str:
    """Where a file dialog for ``kind`` ("pdf", "xlsx", "import") opens: the folder last used for
    that kind when it still exists, else the user's Documents; with ``suggested`` as the file name."""
    folder = str(_folders().value(f"folders/{kind}", "") or "")
    if not folder or not Path(folder).is_dir():
        folder = documents_folder()
    return str(Path(folder) / suggested) if suggested else folder


def remember_folder(kind: str, path: str) -> None:
    """The next dialog for ``kind`` opens in the folder of ``path``."""
    settings = _folders()
    settings.setValue(f"folders/{kind}", str(Path(path).parent))
    settings.sync()


def open_xlsx(parent: QWidget | None, title: str) -> str:
    """A chosen .xlsx file to read, or "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, start_path("import"), XLSX_FILTER)
    if path:
        remember_folder("import", path)
    return path


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str, kind: str) -> str:
    """A path to write a ``kind`` file ("xlsx", "pdf", its extension) to, or "" when cancelled or
    refused (:func:`refuses_target`). The dialog opens in the folder last used for that kind."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, start_path(kind, suggested), file_filter)
    if path and not path.lower().endswith(f".{kind}"):
        path += f".{kind}"
    if not path or refuses_target(parent, path, kind):
        return ""
    remember_folder(kind, path)
    return path


def save_xlsx(parent: QWidget | None, title: str, suggested: str) -> str:
    """A path to write a .xlsx file to, or "" when cancelled or refused (:func:`refuses_target`)."""
    return ask_save_path(parent, title, suggested, XLSX_FILTER, "xlsx")


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
