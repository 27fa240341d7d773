"""Base of the add/edit dialogs: validate in the domain, show errors beside fields, never lose input."""
from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from models.common.errors import DomainError, ValidationError

from ui.kit import messages
from ui.kit.widgets import ErrorForm


class RecordDialog(QDialog):
    """Subclasses build ``self.form`` and implement ``save()`` (call the domain, return the record).

    Enter saves, Esc cancels; cancelling with unsaved changes asks first. A save that fails keeps
    the dialog open with everything the user typed.
    """

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = ErrorForm(self)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.result_record = None
        self._initial: dict[str, object] = {}

    def mark_clean(self) -> None:
        """Remember the current values: changes after this count as unsaved."""
        self._initial = self._snapshot()

    def _snapshot(self) -> dict[str, object]:
        values = {}
        for name, widget in self.form.fields.items():
            if isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QComboBox):
                values[name] = (widget.currentIndex(), widget.currentText())
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
        return values

    def is_dirty(self) -> bool:
        return self._snapshot() != self._initial

    def save(self):
        raise NotImplementedError

    def try_save(self) -> bool:
        """Validate and save; on failure show why and keep the dialog open. True when saved."""
        self.general_error.hide()
        try:
            self.result_record = self.save()
        except ValidationError as e:
            known = {k: v for k, v in e.errors.items() if k in self.form.fields}
            self.form.show_errors(known)
            rest = [v for k, v in e.errors.items() if k not in self.form.fields]
            if rest:
                self._show_general("\n".join(rest))
            return False
        except DomainError as e:
            self.form.show_errors({})
            self._show_general(str(e))
            return False
        except sqlite3.OperationalError as e:  # locked by another program past the 5 s wait, disk full...
            self._show_general(
                "Chưa lưu được: cơ sở dữ liệu đang bận hoặc không ghi được "
                f"({e}). Những gì bạn nhập vẫn còn đây; hãy thử lưu lại sau ít giây."
            )
            return False
        self.form.show_errors({})
        super().accept()
        return True

    def _show_general(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()

    def reject(self) -> None:
        if self.is_dirty() and not messages.confirm(
            self, "Thay đổi chưa lưu", "Bạn đã sửa nhưng chưa lưu. Bỏ các thay đổi này?",
            yes="Bỏ thay đổi", no="Tiếp tục sửa",
        ):
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.is_dirty() and not messages.confirm(
            self, "Thay đổi chưa lưu", "Bạn đã sửa nhưng chưa lưu. Bỏ các thay đổi này?",
            yes="Bỏ thay đổi", no="Tiếp tục sửa",
        ):
            event.ignore()
            return
        self._initial = self._snapshot()  # reject() after this must not ask again
        super().closeEvent(event)
