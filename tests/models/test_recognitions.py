"""An initiative's recognition as its own record (issue 13): body, decision, scope; inside or outside
a campaign; the one answer to "which of a person's initiatives were recognised in year Y"."""
import datetime as dt

import pytest

from models.campaigns.initiatives import Author, get_initiative
from models.campaigns.recognitions import (
    Recognition, delete_recognition, get_recognition, list_recognitions, recognised_initiatives,
    recognitions_of_campaign, save_recognition,
)
from models.common.codes import AuthorRole, RecognitionBody, RecognitionScope
from models.common.errors import ValidationError
from models.store.schema import MIGRATIONS

from .db_rows import older_database, upgraded
from .year_end_data import LATER, REP, campaign, decision_date_cases, dump, person, register, unit

CO_SO, QUAN = RecognitionBody.CO_SO, RecognitionBody.QUAN
DECIDED = dt.date(2018, 12, 20)


@pytest.fixture
def town(db):
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db).id
    an = person(db, "CB01", "Nguyễn Văn An", p01)
    binh = person(db, "CB02", "Trần Thị Bình", p01)
    initiative = register(db, cid, p01, reported_on=REP, title="Một cửa điện tử", authors=(an, binh))
    return db, cid, p01, an, binh, initiative.id


def test_a_campaign_initiative_is_recognised_by_a_body_under_a_decision(town):
    db, cid, _p01, an, binh, iid = town
    saved = save_recognition(db, Recognition(CO_SO, " 12/QĐ-HĐSK ", DECIDED, RecognitionScope.QUAN,
                                             initiative_id=iid), LATER)
    assert (saved.decision_number, saved.name, saved.unit_name, saved.campaign_id) == (
        "12/QĐ-HĐSK", "Một cửa điện tử", "Ủy ban nhân dân Phường 1", cid)
    assert saved.text == ("Hội đồng sáng kiến cơ sở công nhận (Quyết định số 12/QĐ-HĐSK ngày 20/12/2018), "
                          "phạm vi: Toàn quận/phường")
    assert saved.short_text == "Cơ sở - 12/QĐ-HĐSK, 20/12/2018"
    assert get_initiative(db, iid).recognised  # the old mark follows the records
    assert recognitions_of_campaign(db, cid) == {iid: [saved]}
    found = recognised_initiatives(db, 2018)
    assert {s: [(x.title, x.author.role) for x in items] for s, items in found.items()} == {
        an: [("Một cửa điện tử", AuthorRole.CHU_TRI)], binh: [("Một cửa điện tử", AuthorRole.THAM_GIA)]}
    assert recognised_initiatives(db, 2019) == {}
    delete_recognition(db, saved.id)
    assert not get_initiative(db, iid).recognised and list_recognitions(db) == []


def test_an_initiative_outside_any_campaign_is_recognised_with_its_unit_and_authors(town):
    db, _cid, p01, an, _binh, _iid = town
    saved = save_recognition(db, Recognition(
        QUAN, "45/QĐ-UBND", dt.date(2019, 6, 10), RecognitionScope.THANH_PHO, title="Sổ tay thủ tục hành chính",
        unit_id=p01, authors=(Author(an, AuthorRole.CHU_TRI, 100),)), LATER)
    assert (saved.initiative_id, saved.campaign_id, saved.unit_name) == (None, None, "Ủy ban nhân dân Phường 1")
    assert get_recognition(db, saved.id).authors == (Author(an, AuthorRole.CHU_TRI, 100.0),)
    assert [(x.title, x.author.share) for x in recognised_initiatives(db, 2019)[an]] == [
        ("Sổ tay thủ tục hành chính", 100.0)]
    assert [r.id for r in list_recognitions(db, 2019)] == [saved.id]


@pytest.mark.parametrize("changes, errors", [
    (dict(decision_number=" "), {"decision_number": "Chưa nhập số quyết định công nhận"}),
    (dict(decision_date=None), {"decision_date": "Chưa nhập ngày quyết định công nhận (dạng dd/mm/yyyy)"}),
    (dict(decision_date=dt.date(2020, 1, 1)), {"decision_date": "Ngày quyết định 01/01/2020 ở tương lai"}),
    (dict(body="hoi_dong"), {"body": "Chưa chọn cấp công nhận (Hội đồng sáng kiến cơ sở, cấp quận/phường, cấp "
                                     "thành phố)"}),
    (dict(initiative_id=None), {"title": "Chưa nhập tên sáng kiến", "unit_id": "Chưa chọn đơn vị áp dụng sáng kiến",
                                "authors": "Chưa có tác giả sáng kiến"}),
])
def test_a_wrong_recognition_is_refused_and_nothing_is_written(town, changes, errors):
    db, _cid, _p01, _an, _binh, iid = town
    values = dict(body=CO_SO, decision_number="12/QĐ-HĐSK", decision_date=DECIDED, initiative_id=iid)
    values.update(changes)
    before = dump(db)
    with pytest.raises(ValidationError) as caught:
        save_recognition(db, Recognition(**values), LATER)
    assert caught.value.errors == errors
    assert dump(db) == before


@pytest.mark.parametrize("decided, message", decision_date_cases("Ngày quyết định công nhận"))
def test_a_decision_date_before_the_campaign_or_years_after_it_is_refused(town, decided, message):
    db, _cid, _p01, _an, _binh, iid = town
    recognition = Recognition(CO_SO, "12/QĐ-HĐSK", decided, initiative_id=iid)
    if not message:
        assert save_recognition(db, recognition, dt.date(2022, 1, 1)).decision_date == decided
        return
    with pytest.raises(ValidationError) as caught:
        save_recognition(db, recognition, dt.date(2022, 1, 1))
    assert caught.value.errors == {"decision_date": message}


def test_migration_0021_turns_the_old_recognised_mark_into_records(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = older_database(path, "0021_initiative_recognition")
    uid = old.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P01', 'Phường 1', 'phuong 1', "
                      "'phuong')").lastrowid
    cid = old.execute("INSERT INTO campaign (name, year, start_date, registration_deadline, report_deadline) "
                      "VALUES ('Đợt', 2018, '2018-11-02', '2018-11-03', '2019-01-27')").lastrowid
    old.execute("INSERT INTO campaign_unit (campaign_id, unit_id, joined_on) VALUES (?, ?, '2018-11-02')", [cid, uid])
    for title, recognised in (("Một cửa", 1), ("Dân vận khéo", 0)):
        old.execute("INSERT INTO initiative (campaign_id, unit_id, title, title_folded, kind, registered_on, "
                    "recognised) VALUES (?, ?, ?, '', 'sang_kien', '2018-11-03', ?)", [cid, uid, title, recognised])
    old.conn.commit()
    old.close()
    with upgraded(path) as db:
        assert MIGRATIONS.pending(db) == []
        (carried,) = list_recognitions(db)
        assert (carried.name, carried.body, carried.decision_number, carried.decision_date) == (
            "Một cửa", CO_SO, "", None)
        assert carried.decision_text == "chưa ghi số, ngày quyết định"
        assert [r.id for r in list_recognitions(db, 2018)] == [carried.id]  # the campaign's year
