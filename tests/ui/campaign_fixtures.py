"""The seed's campaign for the tracking screen tests (``campaign_db`` is a fixture) and helpers to drive the screen."""
import datetime as dt

import pytest

from models.campaigns.campaigns import Campaign, save_campaign
from models.common.codes import InitiativeKind
from models.campaigns.initiatives import Initiative, save_initiative
from models.people.units import list_units, set_unit_active
from ui.campaigns.campaigns_page import CampaignsPage
from ui.campaigns.tracking_table import TrackingTableModel


START, REGISTRATION, REPORT = dt.date(2018, 11, 2), dt.date(2018, 11, 3), dt.date(2019, 1, 27)
M = TrackingTableModel


def _accept_with(monkeypatch, dialog_class, fill):
    """The dialog opens, ``fill`` types into it, then Lưu is pressed."""
    opened = []

    def fake_exec(self):
        opened.append(self)
        fill(self)
        return int(self.try_save())

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    return opened


def _units(db):
    return {u.code: u for u in list_units(db)}


@pytest.fixture
def campaign_db(sample_db):
    """The seed's campaign: P01 registers on the deadline day, P10 the day after, NV never;
    DT (Quận đoàn) takes part but is deactivated later."""
    db = sample_db
    campaign = save_campaign(db, Campaign(
        name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018, start_date=START,
        registration_deadline=REGISTRATION, report_deadline=REPORT,
    ))
    units = _units(db)
    save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units["P01"].id, kind=InitiativeKind.MO_HINH,
                                   title="Bộ phận một cửa thân thiện", registered_on=REGISTRATION), dt.date.today())
    save_initiative(db, Initiative(campaign_id=campaign.id, unit_id=units["P10"].id, kind=InitiativeKind.SANG_KIEN,
                                   title="Tra cứu hồ sơ bằng mã QR", registered_on=dt.date(2018, 11, 4)),
                    dt.date.today())
    set_unit_active(db, units["DT"].id, False)
    return db


def _page(qtbot, db, tmp_path, as_of=dt.date(2018, 11, 4)):
    page = CampaignsPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    page.set_as_of(as_of)
    return page


def _rows(page):
    """Every visible row by unit code: the texts of its cells."""
    model = page.model
    return {
        model.index(r, M.COL_CODE).data(): [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }
