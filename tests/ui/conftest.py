import datetime as dt
import gc

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit
from ui.kit import messages
from ui.app import load_fonts

UNITS = [
    ("P01", "Ủy ban nhân dân Phường 1", UnitKind.PHUONG),
    ("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
    ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN),
    ("DT", "Quận đoàn", UnitKind.MAT_TRAN),
]
PEOPLE = [
    ("CB01", "Nguyễn Văn Ánh", "P01", True),
    ("CB02", "Trần Thị Đào", "P01", False),
    ("CB03", "Lê Văn Dũng", "NV", False),
    ("CB04", "Phạm Thị An", "NV", True),
    ("CB05", "Đỗ Minh Đức", "P10", False),
]


@pytest.fixture(scope="session", autouse=True)
def ui_fonts(qapp):
    """The bundled font, as the program loads it, so screenshots look like the real thing."""
    load_fonts(qapp)


@pytest.fixture
def sample_db(db):
    ids = {}
    for code, name, kind in UNITS:
        ids[code] = save_unit(db, Unit(code=code, name=name, kind=kind, head_name="Nguyễn Văn Ánh")).id
    for code, name, unit, leader in PEOPLE:
        add_staff(
            db,
            Staff(code=code, full_name=name, gender=Gender.NU if "Thị" in name else Gender.NAM,
                  category=StaffCategory.CONG_CHUC, unit_id=ids[unit], is_leader=leader,
                  birth_date=dt.date(1980, 5, 17), recruited_on=dt.date(2005, 3, 1)),
            dt.date(2018, 12, 1),
        )
    return db


class Answers:
    """Replaces the message boxes: records what was asked or shown, answers as told."""

    def __init__(self):
        self.confirm_answer = True
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.typed: str | None = None  # what the user types when asked for a line of text
        self.choice = 0  # the option picked when offered several (messages.choose)
        self.offered: list[list[str]] = []


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """Every UI test: no real message box may open (a modal box would wait forever)."""
    a = Answers()

    def confirm(parent, title, text, yes="Đồng ý", no="Hủy"):
        a.asked.append(text)
        return a.confirm_answer

    monkeypatch.setattr(messages, "confirm", confirm)

    def choose(parent, title, text, options, cancel):
        a.asked.append(text)
        a.offered.append(list(options))
        return a.choice if a.confirm_answer else None

    monkeypatch.setattr(messages, "choose", choose)
    monkeypatch.setattr(messages, "error", lambda parent, title, text: a.errors.append(text))
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: a.infos.append(text))
    monkeypatch.setattr(messages, "ask_text", lambda parent, title, label, text="": a.typed)
    return a


@pytest.fixture(autouse=True)
def own_user_settings(tmp_path_factory):
    """Every UI test: the folders the file dialogs remember (QSettings) go to a folder of its own,
    never to the real user's settings."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))


@pytest.fixture(autouse=True)
def free_widgets_after_each_test(qapp):
    """Free each test's widgets right after it (pending deletions, then Python's garbage), so a
    test never leaves Qt objects behind for a later event loop to free at a random moment."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
