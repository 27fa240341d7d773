"""The sample database (``models.demo.sample``: 600 people, the 2018 classifications, discipline, the
authors of Phòng Tài chính - Kế hoạch and the council's order) for the yearly titles screen, and
helpers to read what the screen shows. ``titles_db`` is a fresh copy for each test."""
import shutil

import pytest

from models.yearend.lists import adjustments, approval_history, current_approval
from models.common.codes import TitleCode
from models.store.db import connect
from models.demo.sample import create_demo_database
from models.yearend.titles import list_key, title_proposals
from ui.yearend.titles_page import TitlesPage

YEAR = 2018
LDTT, CSTDCS, TTLDTT, TTLDXS = TitleCode.LDTT, TitleCode.CSTDCS, TitleCode.TTLDTT, TitleCode.TTLDXS
RANKED_UNIT = "Phòng Tài chính - Kế hoạch"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The sample data, built once (about half a second) and copied for each test."""
    path = tmp_path_factory.mktemp("titles") / "demo.sqlite3"
    create_demo_database(path)  # closes its connection: the file holds everything
    return path


@pytest.fixture
def titles_db(demo_file, tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    shutil.copy(demo_file, path)
    db = connect(path)
    yield db
    db.close()


def ranked_authors(db) -> list[str]:
    """The three authors of Phòng Tài chính - Kế hoạch, best first: (within the cap, out, out)."""
    proposals = title_proposals(db, YEAR)
    (group,) = [g for g in proposals.cap_groups if g.scope == RANKED_UNIT]
    return [proposals.person(s).full_name for s in group.ranked]


def open_page(qtbot, db, tmp_path) -> TitlesPage:
    page = TitlesPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    return page


def rows(panel) -> dict[str, object]:
    """Name -> the row shown, for every row the table shows."""
    m = panel.model
    return {m.record(r).name: m.record(r) for r in range(m.rowCount())}


def status(panel, name: str) -> str:
    return rows(panel)[name].status


def select(panel, name: str):
    panel.select_where(lambda r: r.name == name)
    return panel.selected()


def details(panel) -> str:
    """The conditions panel as the user reads it."""
    return panel.details.toPlainText()


def accept_with(monkeypatch, dialog_class, fill, press_save=True):
    """The dialog opens (shown, not modal), ``fill`` types into it, then Lưu is pressed (once)."""
    opened = []

    def fake_exec(self):
        opened.append(self)
        self.show()
        fill(self)
        return int(self.try_save()) if press_save else 0

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened


def adjusted(db, title):
    """(action, staff or unit id, printed text, reason) of the list's adjustments, as stored."""
    return [(a.action, a.subject_id, a.text, a.reason) for a in adjustments(db, list_key(YEAR, title))]


def stored_adjustments(db):
    """The raw award_adjustment rows of the year's title lists: (list_kind, year, action, staff, unit)."""
    return db.execute("SELECT list_kind, year, campaign_id, action, staff_id, unit_id FROM award_adjustment "
                      "WHERE year = ? ORDER BY id", [YEAR]).fetchall()


def approval(db, title):
    return current_approval(db, list_key(YEAR, title))


def history(db, title):
    return approval_history(db, list_key(YEAR, title))
