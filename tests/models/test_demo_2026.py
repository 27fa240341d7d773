"""The 2026 sample (Phường Gò Vấp after the 2025 merger) and the 2025 year-end lists it gives."""
import datetime as dt

import pytest

from models.common.codes import ListKind, TitleCode
from models.common.errors import DomainError
from models.demo.sample import create_demo_database
from models.demo.sample_2026 import DEMO_TODAY, MERGER
from models.people.staff import unit_on
from models.people.succession import SuccessionKind, list_successions
from models.people.units import list_units
from models.store.db import connect
from models.store.settings import council_names
from models.yearend.review import campaign_review
from models.yearend.titles import title_proposals

TABLES = ("unit", "staff", "staff_unit", "unit_succession", "classification", "unit_quarter", "yearly_rating",
          "campaign", "campaign_unit", "initiative", "initiative_author", "head_evaluation")
OLD = {"P10", "P17", "TYT10", "TYT17"}


def _dump(db):
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    path = tmp_path_factory.mktemp("ward") / "ward.sqlite3"
    create_demo_database(path, "2026")
    db = connect(path)
    yield db
    db.close()


def test_the_same_database_every_time(ward, tmp_path):
    create_demo_database(tmp_path / "again.sqlite3", "2026")
    again = connect(tmp_path / "again.sqlite3")
    try:
        assert _dump(again) == _dump(ward)
    finally:
        again.close()


def test_the_ward_its_units_and_the_merger_history(ward):
    units = {u.code: u for u in list_units(ward)}
    assert ward.execute("SELECT count(*) FROM staff").fetchone() == (300,)
    assert {c for c, u in units.items() if not u.active} == OLD
    assert units["TYT"].name == "Trạm Y tế phường Gò Vấp"
    assert sum(u.staff_count for u in units.values()) == 300  # everyone belongs to an active unit today
    found = list_successions(ward)
    assert {s.effective_on for s in found} == {MERGER}
    assert {(s.from_name, s.kind) for s in found if s.to_name == "Trạm Y tế phường Gò Vấp"} == {
        ("Trạm Y tế Phường 10", SuccessionKind.SAP_NHAP), ("Trạm Y tế Phường 17", SuccessionKind.SAP_NHAP)}
    assert {s.to_name for s in found if s.from_name == "Ủy ban nhân dân Phường 10"} == {
        "Văn phòng HĐND và UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội",
        "Trung tâm Phục vụ hành chính công phường", "Ủy ban MTTQ Việt Nam phường Gò Vấp"}
    p10 = [r[0] for r in ward.execute("SELECT staff_id FROM staff_unit WHERE unit_id = ?", [units["P10"].id])]
    assert {unit_on(ward, s, dt.date(2025, 6, 30)) for s in p10} == {units["P10"].id}
    assert not {unit_on(ward, s, MERGER) for s in p10} & {u.id for u in units.values() if u.code in OLD}
    # A person's post decides the office: the ward's Fatherland Front chair goes to the Front committee.
    (chair,) = ward.execute("SELECT id FROM staff WHERE position = 'Chủ tịch Ủy ban MTTQ Việt Nam phường' "
                            "ORDER BY code LIMIT 1").fetchone()
    assert unit_on(ward, chair, MERGER) == units["MTTQ"].id


def test_the_2025_quarters_are_in_the_old_units_then_the_new(ward):
    rows = ward.execute("SELECT c.quarter, u.code, count(*) FROM classification c JOIN unit u ON u.id = c.unit_id "
                        "WHERE c.year = 2025 GROUP BY 1, 2").fetchall()
    by_quarter = {q: {code for qq, code, _n in rows if qq == q} for q in (1, 2, 3, 4)}
    assert by_quarter[1] & OLD == OLD and by_quarter[2] & OLD == OLD
    assert not (by_quarter[3] | by_quarter[4]) & OLD
    assert {"VP", "KT", "TYT", "MTTQ"} <= by_quarter[3]
    assert [sum(n for qq, _c, n in rows if qq == q) for q in (1, 2, 3, 4)] == [300, 300, 300, 300]
    ratings = ward.execute("SELECT count(*), count(DISTINCT level) FROM yearly_rating WHERE year = 2025").fetchone()
    classified = ward.execute("SELECT count(DISTINCT staff_id) FROM classification WHERE year = 2025 "
                              "AND level IS NOT NULL").fetchone()[0]
    assert ratings[0] == classified and ratings[1] >= 3
    # One unit over the leaders' cap, left open; every other quarter of 2025 locked.
    open_ = ward.execute("SELECT u.code, q.year, q.quarter FROM unit_quarter q JOIN unit u ON u.id = q.unit_id "
                         "WHERE NOT q.locked").fetchall()
    assert open_ == [("VP", 2025, 3)]


def test_the_2026_campaign_is_in_progress_and_the_council_prints_the_ward(ward):
    (campaign_id, start, deadline) = ward.execute(
        "SELECT id, registration_deadline, report_deadline FROM campaign WHERE year = 2026").fetchone()
    assert start < DEMO_TODAY.isoformat() < deadline
    registered, reported, assessed = ward.execute(
        "SELECT count(*), count(reported_on), count(assessment) FROM initiative WHERE campaign_id = ?",
        [campaign_id]).fetchone()
    assert registered >= 15 and 0 < reported < registered and assessed == 0
    names = council_names(ward)
    assert (names.parent_body, names.place) == ("ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP", "Gò Vấp")
    assert "Thường trực HĐND phường;" in names.recipients
    assert not [r for r in names.recipients if "quận" in r.lower()]


def test_the_2025_titles_are_judged_whole_in_the_ward_of_year_end(ward):
    found = title_proposals(ward, 2025)
    codes = [u.code for u in found.units]
    assert not set(codes) & OLD  # the former units hold nobody at the end of 2025
    assert {"VP", "KT", "VHXH", "TTHCC", "TYT", "MTTQ", "DU"} <= set(codes)
    assert sum(u.counted for u in found.units) == len([p for p in found.people if any(q.level for q in p.quarters)])
    ldtt, ttldtt = found.entries(TitleCode.LDTT), found.entries(TitleCode.TTLDTT)
    # The 2025 rule set (Luật 06/2022, Nghị định 152/2025) judges Lao động tiên tiến by the year-end rating.
    (rated_good,) = ward.execute(
        "SELECT count(*) FROM yearly_rating WHERE year = 2025 AND level IN ('xuat_sac', 'tot')").fetchone()
    assert len(ldtt) == rated_good and 200 <= rated_good < 300
    assert all("Xếp loại chất lượng cuối năm 2025" in e.text for e in ldtt)
    assert 10 <= len(ttldtt) <= 21
    # The outstanding initiatives of the 2025 campaign are recognised sáng kiến: their authors within the 15% cap.
    cstdcs = found.entries(TitleCode.CSTDCS)
    assert 1 <= len(cstdcs) <= 10 and all("được công nhận ở cơ sở" in e.text for e in cstdcs)
    vp = next(u for u in found.units if u.code == "VP")
    assert vp.counted >= 20  # the people of both former wards, counted in the new office
    merged = [p for p in found.people if len({q.unit_id for q in p.quarters}) == 2]
    assert len(merged) >= 90
    person = merged[0]
    why = found.why(TitleCode.LDTT, "staff", person.staff_id)
    old_name = next(u.name for u in list_units(ward) if u.id == person.quarters[0].unit_id)
    assert f"(Q1-Q2 tại {old_name} (cũ), Q3-Q4 tại {person.unit_name})" in why


def test_the_2025_review_counts_the_whole_year(ward):
    (campaign_id,) = ward.execute("SELECT id FROM campaign WHERE year = 2025").fetchone()
    review = campaign_review(ward, campaign_id, dt.date(2026, 1, 31))
    assert len(review.units) == 21 and not [u for u in review.units if u.unit_code in OLD]
    # The people considered are the campaign's authors (issue #13), each under their unit on the day: the new ones.
    authors = {s for (s,) in ward.execute("SELECT DISTINCT a.staff_id FROM initiative_author a JOIN initiative i "
                                          "ON i.id = a.initiative_id WHERE i.campaign_id = ?", [campaign_id])}
    assert {p.staff_id for p in review.people} == authors
    old_ids = {u.id for u in list_units(ward) if u.code in OLD}
    assert not [p for p in review.people if p.unit_id in old_ids]
    commended = [p for p in review.people if p.commended]
    criticised = [u for u in review.units if u.criticised]
    assert 1 <= len(commended) <= 30 and 3 <= len(criticised) <= 10
    assert review.entries(ListKind.COMMENDATION) and review.entries(ListKind.CRITICISM)


def test_the_2026_sample_goes_only_into_an_empty_file(ward, tmp_path):
    path = tmp_path / "used.sqlite3"
    create_demo_database(path)  # the 2018 sample
    with pytest.raises(DomainError, match="đã có 39 đơn vị"):
        create_demo_database(path, "2026")
    with pytest.raises(DomainError, match="Không có dữ liệu mẫu “2019”"):
        create_demo_database(tmp_path / "x.sqlite3", "2019")
