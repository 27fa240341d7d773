"""The 2026 sample (Phường Gò Vấp after the 2025 merger) and the 2025 year-end lists it gives."""
import datetime as dt
from collections import Counter

import pytest

from models.analysis.due import due_entries
from models.awards.register import check_award, list_awards, normalised
from models.common.codes import Level, ListKind, TitleCode
from models.common.errors import DomainError
from models.demo.sample import create_demo_database
from models.demo.sample_2026 import DEMO_TODAY, HISTORY, MERGER
from models.people.staff import unit_on
from models.people.succession import SuccessionKind, list_successions
from models.people.units import list_units
from models.quarters.ratings import set_rating
from models.store.db import connect
from models.store.settings import council_names
from models.yearend.review import campaign_review
from models.yearend.title_lists import title_years
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


# --- The award history of 2020-2024 (models.demo.awards, plan HISTORY) --------------------------------


def test_the_register_holds_the_years_before_the_merger_and_nothing_after(ward):
    by_year = Counter(ward.execute("SELECT year, kind FROM award").fetchall())
    assert {y for y, _k in by_year} == {2020, 2021, 2022, 2023, 2024}
    for year in range(2020, 2025):  # every year: the yearly titles, both collective ones over the years, a Giấy khen
        assert by_year[year, "ldtt"] >= 240 and 35 <= by_year[year, "cstdcs"] <= 60 and by_year[year, "giay_khen"] >= 10
        assert by_year[year, "ttldtt"] + by_year[year, "ttldxs"] >= 6
    assert [(y, k) for y, k in by_year if k == "bang_khen"] == [(2022, "bang_khen")]
    # The sample approves no list of its own: nothing after 2024, nothing written by an approval.
    assert ward.execute("SELECT count(*) FROM award WHERE approval_id IS NOT NULL OR year > 2024").fetchone() == (0,)
    assert ward.execute("SELECT count(*) FROM award_approval").fetchone() == (0,)


def test_every_award_of_the_history_passes_the_registers_checks(ward):
    awards = list_awards(ward)
    assert len(awards) == ward.execute("SELECT count(*) FROM award").fetchone()[0] > 1000
    for award in awards:
        assert normalised(award) == award and check_award(ward, award) == {}, award
    # The district decided its level, the city the rest; in January of the next year.
    assert {(a.level.value, a.authority) for a in awards} == {
        ("huyen", "Chủ tịch UBND quận Gò Vấp"), ("tinh", "Chủ tịch UBND Thành phố")}
    assert all(a.decision_date.year == a.year + 1 and a.decision_date.month == 1 for a in awards)


def test_the_people_and_units_of_the_history_were_there_before_the_merger(ward):
    units = {r[0] for r in ward.execute("SELECT DISTINCT u.code FROM award a JOIN unit u ON u.id = a.unit_id")}
    assert units == set(HISTORY.units) == {"P10", "P17", "TYT10", "TYT17", "DU", "MNHM", "MNSC", "THKD", "THLTV",
                                           "THCSPVC", "THCSQT"}
    late = ward.execute("SELECT count(*) FROM award a JOIN staff s ON s.id = a.staff_id "
                        "WHERE s.recruited_on >= '2020-01-01'").fetchone()
    assert late == (0,)


def test_the_bonuses_follow_the_base_salary_in_force_on_the_decision_day(ward):
    # Lao động tiên tiến: 0,3 times 1.490.000 đ (Nghị định 38/2019) for 2020-2022, 1.800.000 đ (Nghị định
    # 24/2023) for 2023 (decided in January 2024), 2.340.000 đ (Nghị định 73/2024) for 2024 (January 2025),
    # rounded up to 10.000 đ.
    amounts = dict(ward.execute("SELECT year, group_concat(DISTINCT amount) FROM award WHERE kind = 'ldtt' "
                                "GROUP BY year").fetchall())
    assert amounts == {2020: "450000", 2021: "450000", 2022: "450000", 2023: "540000", 2024: "710000"}


def test_the_ratings_of_the_history_go_with_the_titles(ward):
    rated = {(s, y): level for s, y, level in ward.execute("SELECT staff_id, year, level FROM yearly_rating")}
    for staff_id, year, kind in ward.execute("SELECT staff_id, year, kind FROM award WHERE staff_id IS NOT NULL"):
        if kind == "ldtt":
            assert rated[staff_id, year] in ("tot", "xuat_sac")
        elif kind == "cstdcs":
            assert rated[staff_id, year] == "xuat_sac"
        elif kind == "bang_khen":  # "2 năm liên tục (2021-2022)": rated excellent both years
            assert rated[staff_id, 2021] == rated[staff_id, 2022] == "xuat_sac"
    assert {y for _s, y in rated} == {2020, 2021, 2022, 2023, 2024, 2025}
    # The ratings of 2024 are the register's history: its titles are not offered to propose again.
    assert title_years(ward) == [2025]


def _due(db, year) -> set[tuple[str, str, tuple[int, ...]]]:
    return {(e.rule.code, e.code, e.years) for e in due_entries(db, year)}


def test_the_due_lists_name_people_and_units_with_their_years(ward):
    due_2024 = _due(ward, 2024)
    assert {("cstd_tinh", "CB0008", (2022, 2023, 2024)), ("bang_khen_tinh", "CB0206", (2023, 2024)),
            ("bang_khen_tinh_tap_the", "THKD", (2023, 2024))} <= due_2024
    found = due_entries(ward, 2025)
    assert Counter(e.rule.code for e in found) == {"giay_khen_huyen": 231, "bang_khen_tinh": 7}
    bang_khen = [e for e in found if e.rule.code == "bang_khen_tinh"]
    assert [(e.code, e.name, e.unit_name) for e in bang_khen][:3] == [
        ("CB0296", "Vũ Minh Bảo", "Khu phố 6"), ("CB0298", "Nguyễn Thị Thanh Thảo", "Khu phố 7"),
        ("CB0112", "Hoàng Văn Minh Đạt", "Trạm Y tế phường Gò Vấp")]
    assert bang_khen[0].why.startswith("02 năm liên tục Hoàn thành xuất sắc nhiệm vụ trở lên: 2024, 2025. Căn cứ: "
                                       "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 74")
    # A person of the former Phường 10 is listed under the office of the ward they work in at the year's end.
    (moved,) = [e for e in found if (e.rule.code, e.code) == ("giay_khen_huyen", "CB0008")]
    assert moved.unit_name == "Văn phòng HĐND và UBND phường" and moved.years == (2024, 2025)


def test_the_due_list_of_2026_waits_for_the_2026_ratings(ward, tmp_path):
    """Each rule counts the year considered itself: on the sample's day (01/12/2026) no 2026 rating and no
    2026 award exists yet, so nobody is due in 2026; the first ratings entered bring their people in."""
    assert _due(ward, 2026) == set()
    copy = connect(tmp_path / "copy.sqlite3")
    ward.conn.backup(copy.conn)
    try:
        (staff_id,) = copy.execute("SELECT id FROM staff WHERE code = 'CB0206'").fetchone()
        set_rating(copy, staff_id, 2026, Level.XUAT_SAC)
        assert _due(copy, 2026) == {("bang_khen_tinh", "CB0206", (2025, 2026)),
                                    ("giay_khen_huyen", "CB0206", (2025, 2026))}
    finally:
        copy.close()
