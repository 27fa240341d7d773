"""Units that merge, split or are renamed: who moves, the date's edges, undo, the history."""
import datetime as dt
import json

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.common.errors import DomainError, ValidationError
from models.people.staff import Staff, add_staff, list_staff, move_staff, unit_history, unit_on
from models.people.succession import (
    SuccessionKind, active_in_year, apply_succession, list_successions, plan_succession, succession_note,
    undo_succession, unit_ends,
)
from models.people.units import list_units
from models.quarters.ratings import set_rating
from tests.models.units_data import save_unit_ids

MERGER = dt.date(2025, 7, 1)
TODAY = dt.date(2026, 1, 15)
UNITS = [("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
         ("P17", "Ủy ban nhân dân Phường 17", UnitKind.PHUONG),
         ("GV", "Ủy ban nhân dân phường Gò Vấp", UnitKind.PHUONG),
         ("VP", "Văn phòng HĐND và UBND phường", UnitKind.CO_QUAN),
         ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", UnitKind.CO_QUAN)]


def _person(db, code, unit_id, recruited=dt.date(2010, 1, 1), ended=None):
    return add_staff(db, Staff(code, f"Nguyễn Văn {code}", Gender.NAM, StaffCategory.CONG_CHUC, unit_id,
                               recruited_on=recruited, ended_on=ended), TODAY).id


@pytest.fixture
def wards(db):
    ids = save_unit_ids(db, UNITS)
    people = {"A": _person(db, "A", ids["P10"]), "B": _person(db, "B", ids["P10"]),
              "C": _person(db, "C", ids["P17"]),
              "GONE": _person(db, "GONE", ids["P17"], ended=dt.date(2025, 6, 30)),
              "LAST": _person(db, "LAST", ids["P17"], ended=MERGER)}
    return db, ids, people


def _merge(db, ids, day=MERGER):
    plan = plan_succession(db, SuccessionKind.SAP_NHAP, [ids["P10"], ids["P17"]], [ids["GV"]], day, TODAY)
    return apply_succession(db, plan, note="Nghị quyết 1685/NQ-UBTVQH15")


def test_a_merger_moves_every_current_member_on_its_date(wards):
    db, ids, people = wards
    done = _merge(db, ids)
    moved = {m.code for m in done.plan.moves}
    # Whoever left before 01/07/2025 stays in the old unit; whoever left on that day moves (still there that day).
    assert moved == {"A", "B", "C", "LAST"}
    assert [(h.unit_name, h.start) for h in unit_history(db, people["A"])] == [
        ("Ủy ban nhân dân Phường 10", dt.date(2010, 1, 1)), ("Ủy ban nhân dân phường Gò Vấp", MERGER)]
    assert [h.unit_name for h in unit_history(db, people["GONE"])] == ["Ủy ban nhân dân Phường 17"]
    assert {p.code for p in list_staff(db, ids["GV"])} == {"A", "B", "C", "LAST"}
    assert {u.code for u in list_units(db, active_only=True)} == {"GV", "VP", "KT"}
    assert done.plan.sentence() == ("Ủy ban nhân dân Phường 10, Ủy ban nhân dân Phường 17 sáp nhập vào "
                                    "Ủy ban nhân dân phường Gò Vấp từ 01/07/2025")


def test_the_old_unit_ends_on_30_06_and_the_new_begins_on_01_07(wards):
    db, ids, people = wards
    _merge(db, ids)
    assert unit_on(db, people["A"], dt.date(2025, 6, 30)) == ids["P10"]
    assert unit_on(db, people["A"], MERGER) == ids["GV"]
    assert unit_ends(db) == {ids["P10"]: MERGER, ids["P17"]: MERGER}
    assert succession_note(db, ids["P10"]) == "Sáp nhập vào Ủy ban nhân dân phường Gò Vấp từ 01/07/2025"
    assert succession_note(db, ids["GV"]) == ""
    # In activity for the lists of 2024, not of 2025 (it ended before 31/12/2025).
    assert active_in_year(False, MERGER, 2024) is True
    assert active_in_year(False, MERGER, 2025) is False
    assert active_in_year(False, dt.date(2026, 1, 1), 2025) is True


def test_a_person_who_joined_the_old_unit_on_the_merger_day_or_after_is_refused(wards):
    db, ids, people = wards
    move_staff(db, people["B"], ids["P17"], MERGER, TODAY)
    with pytest.raises(ValidationError) as e:
        _merge(db, ids)
    assert e.value.errors["effective_on"] == ("Nguyễn Văn B (B) bắt đầu ở đơn vị hiện tại từ 01/07/2025: "
                                              "ngày có hiệu lực phải sau ngày đó")
    assert db.execute("SELECT count(*) FROM unit_succession").fetchone() == (0,)
    # A day later is fine: B moved on 01/07, the merger takes effect on 02/07.
    done = _merge(db, ids, dt.date(2025, 7, 2))
    assert unit_on(db, people["B"], dt.date(2025, 7, 1)) == ids["P17"]
    assert unit_on(db, people["B"], dt.date(2025, 7, 2)) == ids["GV"]
    assert {m.code for m in done.plan.moves} == {"A", "B", "C"}  # LAST left on 01/07, before 02/07


def test_wrong_successions_are_refused_with_the_field_named(wards):
    db, ids, _people = wards
    cases = [
        (SuccessionKind.SAP_NHAP, [ids["P10"]], [ids["GV"], ids["VP"]], MERGER,
         {"new": "Sáp nhập: chọn đúng một đơn vị mới nhận các đơn vị cũ"}),
        (SuccessionKind.CHIA_TACH, [ids["P10"]], [ids["GV"]], MERGER,
         {"new": "Chia tách: chọn một đơn vị cũ và ít nhất hai đơn vị mới"}),
        (SuccessionKind.DOI_TEN, [ids["P10"], ids["P17"]], [ids["GV"]], MERGER,
         {"old": "Đổi tên: chọn đúng một đơn vị cũ và một đơn vị mới (mang tên mới)"}),
        (SuccessionKind.SAP_NHAP, [ids["P10"]], [ids["P10"]], MERGER,
         {"new": "Một đơn vị không thể vừa là đơn vị cũ vừa là đơn vị mới"}),
        (SuccessionKind.SAP_NHAP, [ids["P10"]], [ids["GV"]], dt.date(2026, 1, 16),
         {"effective_on": "Ngày có hiệu lực 16/01/2026 ở tương lai: hãy ghi nhận vào ngày đó hoặc sau"}),
    ]
    for kind, old, new, day, errors in cases:
        with pytest.raises(ValidationError) as e:
            plan_succession(db, kind, old, new, day, TODAY)
        assert e.value.errors == errors
    _merge(db, ids)
    with pytest.raises(ValidationError) as e:
        plan_succession(db, SuccessionKind.DOI_TEN, [ids["P10"]], [ids["VP"]], MERGER, TODAY)
    assert e.value.errors == {"old": "“Ủy ban nhân dân Phường 10” đã được sáp nhập, chia tách hoặc đổi tên "
                                     "từ ngày 01/07/2025"}


def test_a_split_sends_each_person_to_the_unit_chosen(wards):
    db, ids, people = wards
    plan = plan_succession(db, SuccessionKind.CHIA_TACH, [ids["P10"]], [ids["VP"], ids["KT"]], MERGER, TODAY,
                           targets={people["B"]: ids["KT"]})
    apply_succession(db, plan)
    assert unit_on(db, people["A"], MERGER) == ids["VP"]  # not chosen: the first new unit
    assert unit_on(db, people["B"], MERGER) == ids["KT"]
    assert {(s.from_name, s.to_name, s.kind) for s in list_successions(db)} == {
        ("Ủy ban nhân dân Phường 10", "Văn phòng HĐND và UBND phường", SuccessionKind.CHIA_TACH),
        ("Ủy ban nhân dân Phường 10", "Phòng Kinh tế, Hạ tầng và Đô thị", SuccessionKind.CHIA_TACH)}
    with pytest.raises(ValidationError) as e:
        plan_succession(db, SuccessionKind.CHIA_TACH, [ids["P17"]], [ids["VP"], ids["KT"]], MERGER, TODAY,
                        targets={people["C"]: ids["GV"]})
    assert e.value.errors == {"targets": "Chỉ chuyển cán bộ sang một trong các đơn vị mới"}


def test_undo_puts_everything_back_and_the_history_records_both(wards):
    db, ids, people = wards
    before = {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("unit", "staff_unit")}
    logged = db.execute("SELECT max(id) FROM change_log").fetchone()[0]
    done = _merge(db, ids)
    changes = db.execute("SELECT table_name, action, new FROM change_log WHERE id > ? ORDER BY id", [logged]).fetchall()
    assert [(t, a) for t, a, _n in changes].count(("staff_unit", "insert")) == 4
    assert [(t, a) for t, a, _n in changes].count(("unit_succession", "insert")) == 2
    assert [json.loads(n)["active"] for t, a, n in changes if t == "unit"] == [0, 0]
    undo_succession(db, done)
    assert {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("unit", "staff_unit")} == before
    assert db.execute("SELECT count(*) FROM unit_succession").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM change_log WHERE id > ? AND action = 'delete' "
                      "AND table_name = 'staff_unit'", [logged]).fetchone() == (4,)


def test_undo_is_refused_once_a_moved_membership_was_changed(wards):
    db, ids, people = wards
    done = _merge(db, ids)
    db.execute("UPDATE staff_unit SET start_date = '2025-07-02' WHERE id = ?", [done.membership_ids[0]])
    with pytest.raises(DomainError, match="Không hoàn tác được"):
        undo_succession(db, done)
    assert db.execute("SELECT count(*) FROM unit_succession").fetchone() == (2,)


def test_undo_is_refused_once_the_new_unit_holds_quarters_of_the_people_moved(wards):
    from models.common.codes import HeadLevel

    db, ids, people = wards
    done = _merge(db, ids)
    _classify(db, ids["GV"], 2025, 3, {people["A"]: HeadLevel.TOT})
    with pytest.raises(DomainError) as e:
        undo_succession(db, done)
    assert str(e.value) == ("Không hoàn tác được: đã có 1 kết quả xếp loại quý của cán bộ đã chuyển, ghi ở đơn vị mới; "
                            "hãy xóa các kết quả đó trước")
    assert unit_on(db, people["A"], MERGER) == ids["GV"]


# --------------------------------------------------------------------------- a year across the merger

def _classify(db, unit_id, year, quarter, levels):
    from models.quarters.classifications import Entry, save_quarter

    save_quarter(db, unit_id, year, quarter, [Entry(s, lv) for s, lv in levels.items()], None, TODAY)


def test_a_year_across_the_merger_is_judged_whole_in_the_unit_of_year_end(wards):
    from models.common.codes import HeadLevel, TitleCode
    from models.yearend.titles import title_proposals

    db, ids, people = wards
    xs, tot = HeadLevel.XUAT_SAC, HeadLevel.TOT
    _classify(db, ids["P10"], 2024, 4, {people["A"]: tot, people["B"]: tot})
    for q in (1, 2):
        _classify(db, ids["P10"], 2025, q, {people["A"]: xs, people["B"]: tot})
        _classify(db, ids["P17"], 2025, q, {people["C"]: tot})
    _merge(db, ids)
    for q in (3, 4):
        _classify(db, ids["GV"], 2025, q, {people["A"]: xs, people["B"]: tot, people["C"]: tot})
    # The rule sets of 2024 on judge by the year-end rating (Luật 06/2022/QH15).
    for year, rated in ((2024, {"A": tot, "B": tot}), (2025, {"A": xs, "B": tot, "C": tot})):
        for who, level in rated.items():
            set_rating(db, people[who], year, level)
    found = title_proposals(db, 2025)
    a = found.person(people["A"])
    assert a.unit_name == "Ủy ban nhân dân phường Gò Vấp"
    assert [q.unit_id for q in a.quarters] == [ids["P10"], ids["P10"], ids["GV"], ids["GV"]]
    assert found.why(TitleCode.LDTT, "staff", people["A"]) == (
        "Đủ điều kiện Lao động tiên tiến: xếp loại chất lượng cuối năm 2025: Hoàn thành xuất sắc nhiệm vụ, "
        "đạt hoàn thành tốt nhiệm vụ trở lên (Q1-Q2 tại Ủy ban nhân dân Phường 10 (cũ), Q3-Q4 tại Ủy ban nhân dân phường Gò Vấp); "
        "đủ 10 tháng công tác (tuyển dụng 01/01/2010); không bị kỷ luật trong năm 2025.")
    # The collective titles of 2025 go to the new ward, counting all three; the old wards are not on them.
    assert [(u.code, u.counted, u.earned_ldtt) for u in found.units] == [("GV", 3, 3)]
    assert TitleCode.TTLDTT in found.units[0].titles
    # 2024 is judged as it was: Phường 10 was in activity all that year.
    before = title_proposals(db, 2024)
    # Phường 17's people had neither a rating nor a quarter in 2024: listed, told so, no title for the unit.
    assert [(u.code, u.active, u.counted) for u in before.units] == [("P10", True, 2), ("P17", True, 0)]
    assert TitleCode.TTLDTT in before.units[0].titles and not before.units[1].titles
    assert before.why(TitleCode.LDTT, "staff", people["C"]).startswith(
        "Không đủ điều kiện Lao động tiên tiến: chưa có xếp loại chất lượng cuối năm 2024")


def test_the_history_names_the_old_unit_and_says_what_became_of_it(wards):
    from models.store.history import list_changes

    db, ids, _people = wards
    _merge(db, ids)
    found = sorted((c.subject, c.summary) for c in list_changes(db) if c.table == "unit_succession")
    assert found[0] == ("Ủy ban nhân dân Phường 10 (P10)",
                        "Đơn vị cũ: Ủy ban nhân dân Phường 10 (P10); Đơn vị mới: Ủy ban nhân dân phường Gò Vấp (GV); "
                        "Hình thức: Sáp nhập; Có hiệu lực từ ngày: 01/07/2025; Căn cứ: Nghị quyết 1685/NQ-UBTVQH15")


def test_the_review_of_a_year_before_the_merger_still_looks_at_the_old_units(wards):
    from models.campaigns.campaigns import Campaign, save_campaign
    from models.yearend.review import campaign_review

    db, ids, _people = wards
    campaign = save_campaign(db, Campaign(name="Đợt thi đua năm 2024", year=2024, start_date=dt.date(2024, 3, 1),
                                          registration_deadline=dt.date(2024, 3, 31),
                                          report_deadline=dt.date(2024, 12, 15)), [ids["P10"], ids["GV"]])
    _merge(db, ids)
    review = campaign_review(db, campaign.id, dt.date(2025, 1, 31))
    p10 = review.unit(ids["P10"])
    assert p10.active and p10.why_criticism.startswith("Bị đề nghị phê bình: Không đăng ký")
    db.execute("UPDATE unit SET active = 0 WHERE id = ?", [ids["GV"]])  # deactivated by hand, not merged
    assert campaign_review(db, campaign.id, dt.date(2025, 1, 31)).unit(ids["GV"]).why_criticism == (
        "Không xét: đơn vị đã ngừng hoạt động.")


def test_the_units_a_years_list_may_name(wards):
    from models.people.succession import units_in_activity

    db, ids, _people = wards
    _merge(db, ids)
    db.execute("UPDATE unit SET active = 0 WHERE id = ?", [ids["KT"]])  # deactivated by hand: gone for every year
    assert [u.code for u in units_in_activity(db, 2024)] == ["GV", "P10", "P17", "VP"]
    assert [u.code for u in units_in_activity(db, 2025)] == ["GV", "VP"]


def test_the_check_finds_someone_left_in_a_unit_after_its_end(wards):
    from models.check import full_check

    db, ids, people = wards
    _merge(db, ids)
    assert full_check(db) == []
    # Someone added to Phường 17 afterwards (an import of old data, say): still in a unit that has ended.
    late = _person(db, "MUON", ids["GV"])
    db.execute("UPDATE staff_unit SET unit_id = ? WHERE staff_id = ?", [ids["P17"], late])
    assert [(f.what, f.serious) for f in full_check(db)] == [(
        "Cán bộ MUON - Nguyễn Văn MUON vẫn thuộc Ủy ban nhân dân Phường 17, đơn vị đã sáp nhập, chia tách hoặc đổi tên "
        "từ ngày 01/07/2025: hãy chuyển sang đơn vị mới (màn hình Cán bộ)", False)]
