"""The sample database with the seed's campaign reviewed at year end, and helpers to drive the
review screen's dialogs (the ``review_db`` fixture is imported by the review tests)."""
import datetime as dt

import pytest

from models.yearend.lists import adjustments, approval_history, current_approval
from models.campaigns.campaigns import Campaign, save_campaign
from models.quarters.classifications import Entry, save_quarter
from models.common.codes import Assessment, AuthorRole, HeadLevel, InitiativeKind, ListKind
from models.campaigns.initiatives import Author, Initiative, save_initiative
from models.yearend.review import list_key
from models.people.staff import list_staff
from models.people.units import list_units
from ui.yearend.review_page import ReviewPage

START, REGISTRATION, REPORT = dt.date(2018, 11, 2), dt.date(2018, 11, 3), dt.date(2019, 1, 27)
AS_OF = dt.date(2019, 3, 1)
CRITICISM, COMMENDATION = ListKind.CRITICISM, ListKind.COMMENDATION


@pytest.fixture
def review_db(sample_db):
    """P01 registers on the deadline day, reports early, "Tiêu biểu xuất sắc" (authors: Nguyễn Văn Ánh
    (CB01) chủ trì 70%, Trần Thị Đào (CB02) 30%); P10 registers a day late, "Hiệu quả" (author: Đỗ Minh
    Đức, CB05); NV never registers; DT reports on the deadline day, "Không hiệu quả". Ánh is excellent
    in both quarters classified, Đào good in Q4; Lê Văn Dũng (CB03, NV) authored nothing."""
    db = sample_db
    campaign = save_campaign(db, Campaign(name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018,
                                          start_date=START, registration_deadline=REGISTRATION, report_deadline=REPORT))
    units = {u.code: u.id for u in list_units(db)}
    staff = {p.code: p.id for p in list_staff(db)}
    authors = {"P01": (Author(staff["CB01"], AuthorRole.CHU_TRI, 70), Author(staff["CB02"], AuthorRole.THAM_GIA, 30)),
               "P10": (Author(staff["CB05"], AuthorRole.CHU_TRI),)}
    for code, kind, title, registered, reported, assessment in [
        ("P01", InitiativeKind.MO_HINH, "Bộ phận một cửa thân thiện", REGISTRATION, dt.date(2019, 1, 20),
         Assessment.TIEU_BIEU),
        ("P10", InitiativeKind.SANG_KIEN, "Tra cứu hồ sơ bằng mã QR", dt.date(2018, 11, 4), dt.date(2019, 1, 15),
         Assessment.HIEU_QUA),
        ("DT", InitiativeKind.GIAI_PHAP, "Thanh niên tình nguyện hướng dẫn dịch vụ công", START, REPORT,
         Assessment.KHONG_HIEU_QUA),
    ]:
        save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units[code], kind=kind, title=title,
                                       registered_on=registered, reported_on=reported, assessment=assessment,
                                       authors=authors.get(code, ())), AS_OF)
    save_quarter(db, units["P01"], 2018, 3, [Entry(staff["CB01"], HeadLevel.XUAT_SAC),
                                             Entry(staff["CB02"], HeadLevel.XUAT_SAC)])
    save_quarter(db, units["P01"], 2018, 4, [Entry(staff["CB01"], HeadLevel.XUAT_SAC),
                                             Entry(staff["CB02"], HeadLevel.TOT)])
    save_quarter(db, units["NV"], 2018, 4, [Entry(staff["CB03"], HeadLevel.XUAT_SAC)])
    db.campaign_id = campaign.id  # for the tests
    return db


def open_page(qtbot, db, tmp_path, today=AS_OF) -> ReviewPage:
    page = ReviewPage(db, tmp_path / "tdkt.sqlite3", today=today)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def rows(panel) -> dict[str, tuple[str, str]]:
    """Name -> (state, printed text) of every row shown."""
    m = panel.model
    return {m.record(r).name: (m.record(r).status, m.record(r).text) for r in range(m.rowCount())}


def why(panel) -> str:
    """The why panel as the user reads it (without the markup)."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(panel.why.text()).toPlainText()


def select(panel, name: str):
    panel.select_where(lambda r: r.name == name)
    return panel.selected()


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


def adjusted(db, kind=CRITICISM):
    return [(a.action, a.subject, a.subject_id, a.text, a.reason) for a in adjustments(db, list_key(db.campaign_id, kind))]


def approval(db, kind=CRITICISM):
    return current_approval(db, list_key(db.campaign_id, kind))


def history(db, kind=CRITICISM):
    return approval_history(db, list_key(db.campaign_id, kind))
