"""The top of the classification entry screen: which unit and quarter, the rule set in force and
its deadline, the day the unit submitted, locked or not (with the history), the cap banner."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from models.quarters.classifications import LockEvent, Violation
from models.common.codes import label
from models.common.dates import DateError, format_date
from models.quarters.rules import RuleSet
from models.people.units import Unit

from ui.kit.dates import date_error_text
from ui.kit.widgets import ERROR_STYLE, DateEdit, SearchableCombo
from ui.kit.layout import captioned, quarter_fields, text_label

BANNER_STYLES = {
    "ok": "background: #e3f1e1; color: #1d5e20; border: 1px solid #a9d3a4;",
    "warn": "background: #fff1d2; color: #6b4700; border: 1px solid #e9c46a;",
    "block": "background: #fbe0e0; color: #8e0e0e; border: 1px solid #e29b9b;",
}


def lock_pixmap(locked: bool, size: int = 16) -> QPixmap:
    """A small padlock, closed (dark green) or open (grey)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#2e6b30" if locked else "#8a8a8a")
    painter.setPen(QPen(colour, 1.8))
    shackle = QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5)
    if locked:
        painter.drawArc(shackle, 0, 180 * 16)
        painter.drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), size * 0.5))
    else:
        painter.drawArc(shackle.translated(size * 0.2, -size * 0.04), 0, 180 * 16)
    painter.drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), size * 0.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(size * 0.15, size * 0.45, size * 0.7, size * 0.5), 2, 2)
    painter.end()
    return pixmap


class EntryHeader(QWidget):
    """Two rows: unit, arrows, year, quarter, lock state, unsaved marker; then the rule set line
    and the submission date. ``target_changed`` when the user picks another unit or quarter."""

    target_changed = Signal()
    picked = Signal()  # a unit or quarter chosen from a list: the table takes the keyboard next
    date_changed = Signal()

    def __init__(self, year: int, quarter: int, parent=None):
        super().__init__(parent)
        top = QHBoxLayout()
        unit_caption, self.unit_combo = captioned("Đơn &vị:", SearchableCombo([]), "unit_combo", 34)
        self.prev_button, self.next_button = QToolButton(), QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        year_caption, self.year, quarter_caption, self.quarter = quarter_fields(year, quarter)
        self.lock_icon = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("state")
        self.history_button = QToolButton()
        self.history_button.setObjectName("history")
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_button.setStyleSheet("QToolButton { padding-right: 14px; }")
        self.history_button.setToolTip("Lịch sử chốt và mở chốt của đơn vị trong quý")
        self.history_button.setMenu(QMenu(self.history_button))
        self.dirty_label = QLabel()
        self.dirty_label.setObjectName("dirty")
        self.dirty_label.setStyleSheet("color: #9a5b00; font-weight: 600;")
        top.addWidget(unit_caption)
        top.addWidget(self.unit_combo, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addSpacing(12)
        for widget in (year_caption, self.year, quarter_caption, self.quarter):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self.lock_icon, self.state_label, self.history_button, self.dirty_label):
            top.addWidget(widget)

        second = QHBoxLayout()
        self.rules_label = text_label("rules")
        submitted_caption = QLabel("Ngày đơn vị n&ộp:")
        self.submitted = DateEdit()
        self.submitted.setObjectName("submitted")
        self.submitted.setFixedWidth(118)
        submitted_caption.setBuddy(self.submitted)
        self.lateness = text_label("lateness")  # a bad date's message wraps beside the field
        second.addWidget(self.rules_label, 1)
        for widget in (submitted_caption, self.submitted, self.lateness):
            second.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(second)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.target_changed.emit())
        self.year.valueChanged.connect(lambda _v: self.target_changed.emit())
        self.quarter.currentIndexChanged.connect(lambda _i: self.target_changed.emit())
        self.unit_combo.activated.connect(lambda _i: self.picked.emit())
        self.quarter.activated.connect(lambda _i: self.picked.emit())
        self.submitted.textChanged.connect(lambda _t: self.date_changed.emit())

    def set_arrows(self, previous, following) -> None:
        for button, act in ((self.prev_button, previous), (self.next_button, following)):
            arrow = button.arrowType()
            button.setDefaultAction(act)
            button.setArrowType(arrow)
            button.setToolTip(f"{act.text()} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def set_units(self, units: list[Unit], keep: int | None, ends: dict | None = None) -> None:
        """The units as "Tên (MÃ)", keeping ``keep`` chosen when it is still there; a unit taken
        over by a successor (``ends``: unit id -> the successor's first day) says its last day."""
        ends = ends or {}
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        for u in units:
            last = f" - đến {format_date(ends[u.id] - dt.timedelta(days=1))}" if u.id in ends else ""
            self.unit_combo.add_choice(f"{u.name} ({u.code}){last}", u.id)
        index = self.unit_combo.findData(keep) if keep is not None else -1
        self.unit_combo.setCurrentIndex(index if index >= 0 else (0 if units else -1))
        self.unit_combo.blockSignals(False)

    def target(self) -> tuple[int, int, int] | None:
        unit_id = self.unit_combo.value()
        return (unit_id, self.year.value(), self.quarter.value()) if unit_id is not None else None

    def set_target(self, target: tuple[int, int, int] | None) -> None:
        """Show ``target`` in the choosers without announcing it."""
        if target is None:
            return
        for widget in (self.unit_combo, self.year, self.quarter):
            widget.blockSignals(True)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(target[0]))
        self.year.setValue(target[1])
        self.quarter.set_value(target[2])
        for widget in (self.unit_combo, self.year, self.quarter):
            widget.blockSignals(False)

    def step(self, step: int) -> None:
        index = self.unit_combo.currentIndex() + step
        if 0 <= index < self.unit_combo.count():
            self.unit_combo.setCurrentIndex(index)

    def can_step(self, step: int) -> bool:
        return 0 <= self.unit_combo.currentIndex() + step < self.unit_combo.count()

    def set_submitted(self, value: dt.date | None = None, text: str | None = None, read_only: bool = False) -> None:
        self.submitted.blockSignals(True)
        if text is not None:
            self.submitted.setText(text)
        else:
            self.submitted.set_date(value)
        self.submitted.blockSignals(False)
        self.submitted.setReadOnly(read_only)

    def show_rules(self, rule_set: RuleSet | str, year: int, quarter: int) -> None:
        if isinstance(rule_set, RuleSet):
            self.rules_label.setText(f"Quy định áp dụng: {rule_set.name}  ·  "
                                     f"Hạn nộp {format_date(rule_set.deadline(year, quarter))}")
            self.rules_label.setStyleSheet("")
            self.rules_label.setToolTip("\n".join(f"{cap.text} ({label(cap.severity).lower()})"
                                                  for cap in rule_set.caps) or "Không có giới hạn nào")
        else:
            self.rules_label.setText(f"{rule_set}: chưa nhập được kết quả")
            self.rules_label.setStyleSheet(ERROR_STYLE)
            self.rules_label.setToolTip("")

    def show_state(self, locked: bool, history: list[LockEvent]) -> None:
        self.lock_icon.setPixmap(lock_pixmap(locked))
        self.state_label.setText("Đã chốt" if locked else "Chưa chốt")
        self.state_label.setStyleSheet("color: #2e6b30; font-weight: 600;" if locked else "color: #555555;")
        lines = [e.text for e in history]
        self.state_label.setToolTip("\n".join(lines) if lines else "Chưa chốt lần nào")
        menu = self.history_button.menu()
        menu.clear()
        for line in lines:
            menu.addAction(line).setEnabled(False)
        self.history_button.setText(f"Lịch sử ({len(lines)})")
        self.history_button.setEnabled(bool(lines))

    def show_lateness(self, deadline: dt.date | None, finished: bool = True) -> None:
        """On time or late against ``deadline``; an unreadable date is reported once typed."""
        try:
            day = self.submitted.date()
        except DateError as e:
            self.lateness.setText(date_error_text(e) if finished else "")
            self.lateness.setStyleSheet(ERROR_STYLE)
            return
        if day is None or deadline is None:
            self.lateness.setText("Chưa nộp" if day is None else "")
            self.lateness.setStyleSheet("color: #555555;")
            return
        late = (day - deadline).days
        self.lateness.setText(f"Trễ {late} ngày" if late > 0 else "Đúng hạn")
        self.lateness.setStyleSheet("color: #8e0e0e; font-weight: 600;" if late > 0 else "color: #2e6b30;")


class CapBanner(QLabel):
    """Each broken cap on its line (red when it blocks the lock, amber when it warns), or green
    with the caps that were checked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cap_banner")
        self.setWordWrap(True)
        self.setProperty("severity", "")

    def show_violations(self, rule_set: RuleSet, violations: list[Violation]) -> None:
        if not violations:
            severity = "ok"
            checked = "; ".join(cap.text for cap in rule_set.caps)
            text = "Không vượt giới hạn nào" + (f" ({checked})" if checked else "")
        else:
            severity = "block" if any(v.blocking for v in violations) else "warn"
            text = "\n".join(("Không chốt được: " if v.blocking else "Cảnh báo: ") + v.message for v in violations)
        self.setText(text)
        self.setProperty("severity", severity)
        self.setStyleSheet(f"QLabel {{ {BANNER_STYLES[severity]} border-radius: 3px; padding: 5px 8px; }}")
        self.show()
