"""The titles under the law of 2022 (issue #14): the shipped 2024 and 2025 rule sets, Lao động tiên
tiến judged by the yearly rating (a rating exactly "tốt", none at all), Chiến sĩ thi đua cơ sở by
a list of achievements (none, one, another kind), the share's denominator, maternity leave counted
as worked, and the base salary of the decision's date at the edges of its change."""
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from models.common.codes import Achievement, BonusBaseDay, CapBase, HeadLevel, TitleCode, TitleJudging, TitleRank
from models.common.errors import NotFound, ValidationError
from models.quarters.classifications import Entry, save_quarter
from models.quarters.ratings import set_rating
from models.yearend.achievements import StaffAchievement, add_achievement, delete_achievement, list_achievements
from models.yearend.title_lists import decided_list, draft_list, printable_list
from models.yearend.title_rules import TitleRules, list_title_rules, rule_for, save_title_rules
from models.yearend.titles import Condition, title_proposals

from .db_rows import older_database, upgraded, upgraded_from
from . import titles_data
from .titles_data import TS, initiative, name, person, unit

LDTT, CSTDCS = TitleCode.LDTT, TitleCode.CSTDCS
XS, TOT, HT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH
YEAR = 2025
AS_OF = dt.date(2026, 1, 15)
ASKED = ("sáng kiến được công nhận ở cơ sở; đề tài, đề án, công trình khoa học đã nghiệm thu và áp dụng tại đơn "
         "vị; giải pháp công tác được cấp có thẩm quyền công nhận")


@pytest.fixture
def p01(db):
    return unit(db, "P01", "Ủy ban nhân dân Phường An Hội Tây")


def _rated(db, unit_id, levels, year=YEAR) -> list[int]:
    ids = [person(db, unit_id, name(i)) for i in range(len(levels))]
    for staff_id, level in zip(ids, levels):
        if level is not None:
            set_rating(db, staff_id, year, level)
    return ids


def _everyone_capped_out(db, year=YEAR, **changes):
    """The year's rule set with no cap to speak of (100%), and ``changes``."""
    save_title_rules(db, replace(rule_for(db, year), cstdcs_cap_percent=Decimal(100), **changes))


def _person(db, staff_id, year=YEAR, on=AS_OF):
    return title_proposals(db, year, on=on).person(staff_id)


# --- the shipped rule sets -------------------------------------------------------------------------


def test_2024_and_2025_ship_the_2022_law_beside_the_2018_set_with_their_sources_and_values_to_check(db):
    old, from_2024, from_2025 = list_title_rules(db)
    assert (old.from_year, old.judging, old.achievements, old.bonus_base_day, old.maternity_counts) == (
        2017, TitleJudging.QUARTERS, (Achievement.SANG_KIEN,), BonusBaseDay.YEAR_END, False)
    assert from_2024.name == "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP"
    assert from_2025.name == "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP"
    for rules in (from_2024, from_2025):
        assert (rules.judging, rules.required_level, rules.cap_base, rules.maternity_counts, rules.bonus_base_day) == (
            TitleJudging.YEARLY_RATING, TOT, CapBase.LDTT, True, BonusBaseDay.DECISION_DATE)
        assert rules.achievements == (Achievement.SANG_KIEN, Achievement.DE_TAI, Achievement.GIAI_PHAP)
        assert rules.bonus == {TitleCode.LDTT: Decimal("0.3"), TitleCode.CSTDCS: Decimal("1"),
                               TitleCode.TTLDTT: Decimal("0.8"), TitleCode.TTLDXS: Decimal("1.5")}
        assert rules.to_check == ("cstdcs_cap_percent", "cap_base", "min_months")
        assert rules.ranking == (TitleRank.YEARLY_RATING, TitleRank.COUNCIL_ORDER)
        assert "cần kiểm tra theo quy định của thành phố" in rules.source
    assert "Nghị định 98/2023/NĐ-CP" in from_2024.source and "Nghị định 152/2025/NĐ-CP" in from_2025.source


def test_migration_0015_keeps_every_existing_rule_set_as_it_judged(tmp_path):
    with upgraded_from(tmp_path, "0015_title_rule_shapes", "UPDATE title_rule_set SET initiative_required = 0") as db:
        shipped = rule_for(db, 2018)
        assert (shipped.achievements, shipped.judging, shipped.cap_base, shipped.maternity_counts,
                shipped.bonus_base_day) == ((), TitleJudging.QUARTERS, CapBase.LDTT, False, BonusBaseDay.YEAR_END)


def test_migration_0016_leaves_a_year_the_user_already_gave_a_rule_set(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = older_database(path, "0016_title_rules_2024_2025")
    save_title_rules(old, TitleRules(name="Quy định riêng của thành phố", from_year=2024))
    old.close()
    with upgraded(path) as db:
        assert [r.name for r in list_title_rules(db)][1:] == [
            "Quy định riêng của thành phố", "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP"]


# --- Lao động tiên tiến by the yearly rating -------------------------------------------------------


@pytest.mark.parametrize("level, earned", [(XS, True), (TOT, True), (HT, False), (HeadLevel.KHONG_HOAN_THANH, False)])
def test_a_rating_of_tot_or_better_earns_ldtt(db, p01, level, earned):
    (staff_id,) = _rated(db, p01, [level])
    decision = _person(db, staff_id).decisions[LDTT]
    assert decision.proposed is earned
    if level == TOT:
        assert decision.conditions[0] == Condition(
            "Xếp loại chất lượng cuối năm 2025: Hoàn thành tốt nhiệm vụ, đạt hoàn thành tốt nhiệm vụ trở lên")
        assert decision.text == "Xếp loại chất lượng cuối năm 2025: Hoàn thành tốt nhiệm vụ"
    if level == HT:
        assert decision.why == (
            "Không đủ điều kiện Lao động tiên tiến: xếp loại chất lượng cuối năm 2025: Hoàn thành nhiệm vụ (cần hoàn "
            "thành tốt nhiệm vụ trở lên).")


def test_a_person_classified_in_the_quarters_but_without_a_rating_is_told_the_rating_is_missing(db, p01):
    staff_id = person(db, p01, "Trần Thị Chưa Xếp Loại")
    save_quarter(db, p01, YEAR, 1, [Entry(staff_id, XS)])
    decision = _person(db, staff_id).decisions[LDTT]
    assert not decision.proposed
    assert decision.why == ("Không đủ điều kiện Lao động tiên tiến: chưa có xếp loại chất lượng cuối năm 2025: hãy "
                            "nhập xếp loại để xét danh hiệu.")
    unit = title_proposals(db, YEAR, on=AS_OF).unit(p01)
    assert Condition("1 người chưa có xếp loại cuối năm (không tính vào tỷ lệ)", None) in unit.decisions[
        TitleCode.TTLDTT].conditions


def test_someone_working_with_neither_a_rating_nor_a_quarter_is_listed_as_not_proposed_and_told_why(db, p01):
    staff_id = person(db, p01, "Lê Văn Vắng")
    proposals = title_proposals(db, YEAR, on=AS_OF)
    found = proposals.person(staff_id)
    assert found is not None and found.unit_id == p01
    assert not found.decisions[LDTT].proposed and not found.decisions[CSTDCS].proposed
    assert proposals.why(LDTT, "staff", staff_id) == (
        "Không đủ điều kiện Lao động tiên tiến: chưa có xếp loại chất lượng cuối năm 2025: hãy nhập xếp loại để xét "
        "danh hiệu.")
    assert Condition("1 người chưa có xếp loại cuối năm (không tính vào tỷ lệ)", None) in proposals.unit(
        p01).decisions[TitleCode.TTLDTT].conditions


@pytest.mark.parametrize("recruited, ended, listed", [
    (dt.date(2025, 12, 31), None, True), (dt.date(2026, 1, 1), None, False),
    (dt.date(2010, 1, 1), dt.date(2025, 12, 31), True), (dt.date(2010, 1, 1), dt.date(2025, 12, 30), False)])
def test_only_those_working_on_31_12_are_listed_without_a_rating(db, p01, recruited, ended, listed):
    staff_id = person(db, p01, "Lê Văn Vắng")  # saved "today" (2019): the dates are moved after
    db.execute("UPDATE staff SET recruited_on = ?, ended_on = ? WHERE id = ?",
               [recruited.isoformat(), ended and ended.isoformat(), staff_id])
    db.execute("UPDATE staff_unit SET start_date = ? WHERE staff_id = ?", [recruited.isoformat(), staff_id])
    assert (_person(db, staff_id) is not None) is listed


def test_under_the_quarters_someone_without_a_quarter_is_still_not_considered(db, p01):
    staff_id = person(db, p01, "Lê Văn Vắng")
    proposals = title_proposals(db, 2018)
    assert proposals.person(staff_id) is None
    assert proposals.why(LDTT, "staff", staff_id) == "Không xét: không có kết quả xếp loại quý nào năm 2018."


def test_a_unit_completed_its_tasks_unless_a_member_is_rated_khong_hoan_thanh(db, p01):
    _everyone_capped_out(db, ttldxs_min_cstdcs=0)
    _rated(db, p01, [XS, TOT, TOT, HeadLevel.KHONG_HOAN_THANH])
    unit = title_proposals(db, YEAR, on=AS_OF).unit(p01)
    assert (unit.counted, unit.earned_ldtt, unit.completed) == (4, 3, 3)
    assert Condition("Chưa đủ 100% cá nhân hoàn thành nhiệm vụ (3/4): Nguyễn Văn Dung cuối năm 2025 xếp loại "
                     "Không hoàn thành nhiệm vụ", False) in unit.decisions[TitleCode.TTLDXS].conditions


# --- Chiến sĩ thi đua cơ sở: at least one achievement ----------------------------------------------


def test_without_any_achievement_the_why_not_names_what_was_asked(db, p01):
    _everyone_capped_out(db)
    (staff_id,) = _rated(db, p01, [XS])
    decision = _person(db, staff_id).decisions[CSTDCS]
    assert not decision.eligible
    assert decision.failed == (Condition(f"Không có thành tích nào để xét năm 2025 (cần ít nhất một: {ASKED})", False),)


def test_one_accepted_research_work_is_enough_and_the_list_names_it(db, p01):
    _everyone_capped_out(db)
    (staff_id,) = _rated(db, p01, [TOT])
    add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.DE_TAI, "Số hóa hồ sơ hộ tịch",
                                         "Biên bản nghiệm thu 12/BB ngày 20/11/2025"))
    decision = _person(db, staff_id).decisions[CSTDCS]
    assert decision.proposed
    assert decision.conditions[1] == Condition(
        "Có thành tích: đề tài, đề án, công trình khoa học “Số hóa hồ sơ hộ tịch” đã nghiệm thu và áp dụng tại đơn vị")
    assert decision.text == ("Đạt danh hiệu Lao động tiên tiến; đề tài, đề án, công trình khoa học “Số hóa hồ sơ hộ "
                             "tịch” đã nghiệm thu và áp dụng tại đơn vị")


def test_an_achievement_the_rule_set_does_not_accept_does_not_count(db, p01):
    _everyone_capped_out(db, achievements=(Achievement.SANG_KIEN, Achievement.DE_TAI))
    (staff_id,) = _rated(db, p01, [TOT])
    add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.GIAI_PHAP, "Một cửa liên thông"))
    decision = _person(db, staff_id).decisions[CSTDCS]
    assert decision.failed[0].text.startswith("Không có thành tích nào để xét năm 2025 (cần ít nhất một: sáng kiến")


def test_a_recognised_initiative_counts_and_an_unrecognised_one_is_named(db, p01, monkeypatch):
    monkeypatch.setattr(titles_data, "LATER", AS_OF)  # "today" when the 2025 initiatives are saved
    _everyone_capped_out(db)
    first, second = _rated(db, p01, [TOT, TOT])
    initiative(db, p01, [first], True, YEAR, "Hẹn giờ trả kết quả qua Zalo")
    initiative(db, p01, [second], False, YEAR, "Tủ hồ sơ thông minh")
    proposals = title_proposals(db, YEAR, on=AS_OF)
    assert proposals.person(first).decisions[CSTDCS].conditions[1] == Condition(
        "Có thành tích: sáng kiến “Hẹn giờ trả kết quả qua Zalo” được công nhận ở cơ sở")
    assert proposals.person(second).decisions[CSTDCS].failed[0].text.endswith(
        "; “Tủ hồ sơ thông minh” chưa được công nhận là sáng kiến ở cơ sở")


def test_the_share_counted_on_everyone_considered_allows_more(db, p01):
    levels = [TOT] * 10 + [HT] * 10  # 10 of 20 earn Lao động tiên tiến
    ids = _rated(db, p01, levels)
    for staff_id in ids[:10]:
        add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.GIAI_PHAP, f"Giải pháp {staff_id}"))
    (group,) = title_proposals(db, YEAR, on=AS_OF).cap_groups
    assert group.quota == 1  # 15% of 10, rounded down
    save_title_rules(db, replace(rule_for(db, YEAR), cap_base=CapBase.MEMBERS))
    proposals = title_proposals(db, YEAR, on=AS_OF)
    (group,) = proposals.cap_groups
    assert group.quota == 3  # 15% of 20
    assert len(proposals.proposed(CSTDCS)) == 3
    within = proposals.person(proposals.proposed(CSTDCS)[0].staff_id).decisions[CSTDCS].conditions[-1]
    assert within.text.endswith("chỉ tiêu 3 (15% của 20 cá nhân được xét)")


def test_over_the_cap_the_better_year_end_rating_comes_first(db, p01):
    ids = _rated(db, p01, [TOT] * 6 + [XS])  # the one rated "xuất sắc" is last by name
    for staff_id in ids:
        add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.GIAI_PHAP, f"Giải pháp {staff_id}"))
    proposals = title_proposals(db, YEAR, on=AS_OF)
    assert [p.staff_id for p in proposals.proposed(CSTDCS)] == [ids[-1]]  # 15% of 7: one
    first = proposals.person(ids[-1]).decisions[CSTDCS]
    assert first.conditions[-1].text.startswith(
        "Xếp thứ 1/7 người đủ điều kiện của Ủy ban nhân dân Phường An Hội Tây (xếp loại cuối năm: Hoàn thành xuất "
        "sắc nhiệm vụ, chưa có thứ tự ưu tiên của Hội đồng)")
    assert proposals.person(ids[0]).decisions[CSTDCS].verdict == (
        "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 2, chỉ tiêu 1.")


# --- maternity leave -------------------------------------------------------------------------------


def _on_leave(db, unit_id, year, quarters, name="Phạm Thị Thai Sản"):
    staff_id = person(db, unit_id, name)
    for quarter in quarters:
        save_quarter(db, unit_id, year, quarter, [Entry(staff_id, reason=TS)])
    return staff_id


def test_a_year_on_maternity_leave_without_a_rating_counts_as_worked_when_the_rule_set_says_so(db, p01):
    staff_id = _on_leave(db, p01, YEAR, (1, 2, 3, 4))
    decision = _person(db, staff_id).decisions[LDTT]
    assert decision.proposed
    assert decision.conditions[:2] == (
        Condition("Chưa có xếp loại chất lượng cuối năm 2025: xét theo các quý (nghỉ thai sản được tính là thời gian "
                  "công tác)", None),
        Condition("Nghỉ thai sản cả năm 2025: 4 quý nghỉ thai sản được tính là thời gian công tác"))
    assert title_proposals(db, YEAR, on=AS_OF).unit(p01).counted == 1
    save_title_rules(db, replace(rule_for(db, YEAR), maternity_counts=False))
    assert _person(db, staff_id).decisions[LDTT].failed[0].text.startswith("Chưa có xếp loại chất lượng cuối năm")


def test_under_the_quarters_a_maternity_quarter_counts_only_when_the_rule_set_says_so(db, p01):
    staff_id = _on_leave(db, p01, 2018, (2,))
    save_quarter(db, p01, 2018, 3, [Entry(staff_id, TOT)])
    save_quarter(db, p01, 2018, 4, [Entry(staff_id, TOT)])
    decision = _person(db, staff_id, 2018).decisions[LDTT]
    assert decision.conditions[0] == Condition("2/2 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên")
    rules = rule_for(db, 2018)
    save_title_rules(db, replace(rules, maternity_counts=True, min_classified_quarters=3))
    decision = _person(db, staff_id, 2018).decisions[LDTT]
    assert decision.proposed and decision.conditions[0] == Condition(
        "2/2 quý được xếp loại năm 2018 đạt Hoàn thành tốt nhiệm vụ trở lên; 1 quý nghỉ thai sản được tính là thời "
        "gian công tác")
    save_title_rules(db, replace(rule_for(db, 2018), maternity_counts=False))
    assert _person(db, staff_id, 2018).decisions[LDTT].failed == (
        Condition("Chỉ có 2 quý được xếp loại trong năm 2018 (cần ít nhất 3)", False),)


# --- the base salary of the decision's date --------------------------------------------------------


@pytest.mark.parametrize("day, base, ldtt", [
    (dt.date(2024, 6, 30), 1_800_000, 540_000),
    (dt.date(2024, 7, 1), 2_340_000, 710_000),  # 0.3 x 2,340,000 = 702,000, rounded up
    (dt.date(2026, 1, 15), 2_340_000, 710_000),
])
def test_the_bonus_uses_the_base_salary_in_force_on_the_decision_date(db, p01, day, base, ldtt):
    _rated(db, p01, [TOT], year=2024)
    proposals = title_proposals(db, 2024, on=day)
    assert (proposals.base_salary, proposals.bonus(LDTT)) == (base, ldtt)


def test_without_a_date_the_bonus_uses_31_12_and_the_2018_set_always_does(db, p01):
    assert title_proposals(db, 2024).base_salary == 2_340_000
    assert title_proposals(db, 2023, on=dt.date(2024, 7, 1)).base_salary == 1_800_000  # the 2018 set: 31/12/2023


def test_the_list_states_which_base_salary_and_its_decree_the_2018_list_does_not(db, p01):
    _rated(db, p01, [TOT, XS])
    data = printable_list(db, YEAR, LDTT, AS_OF)
    assert data.total_line == ("Tổng số: 2 cá nhân; tổng số tiền thưởng: 1.420.000 đồng\n"
                               "Mức lương cơ sở 2.340.000 đồng theo Nghị định 73/2024/NĐ-CP")
    draft_2018 = draft_list(db, title_proposals(db, 2018, on=AS_OF), LDTT, AS_OF)
    assert "Mức lương cơ sở" not in draft_2018.total_line


def test_a_decided_list_takes_the_base_salary_of_its_decision_date(db, p01):
    _rated(db, p01, [TOT], year=2024)
    drafted = title_proposals(db, 2024, on=dt.date(2024, 7, 15))
    assert draft_list(db, drafted, LDTT, dt.date(2024, 7, 15)).individuals[0].amount == 710_000
    decided = decided_list(db, drafted, LDTT, dt.date(2024, 7, 15), dt.date(2024, 6, 30))
    assert decided.individuals[0].amount == 540_000
    assert decided.total_line.endswith("Mức lương cơ sở 1.800.000 đồng theo Nghị định 24/2023/NĐ-CP")


# --- achievements entered per person ---------------------------------------------------------------


def test_an_achievement_is_recorded_refused_when_wrong_and_deleted(db, p01):
    (staff_id,) = _rated(db, p01, [TOT])
    saved = add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.GIAI_PHAP, "  Một cửa   số  "))
    assert list_achievements(db, YEAR) == [saved] and saved.title == "Một cửa số"
    with pytest.raises(ValidationError) as caught:
        add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.GIAI_PHAP, "Một cửa số"))
    assert caught.value.errors == {
        "title": "Đã có giải pháp công tác được cấp có thẩm quyền công nhận “Một cửa số” của cán bộ này năm 2025"}
    with pytest.raises(ValidationError) as caught:
        add_achievement(db, StaffAchievement(staff_id, YEAR, Achievement.SANG_KIEN, " "))
    assert caught.value.errors == {
        "kind": "Chỉ nhập đề tài khoa học hoặc giải pháp công tác (sáng kiến lấy từ các đợt thi đua)",
        "title": "Chưa nhập tên thành tích"}
    delete_achievement(db, saved.id)
    assert list_achievements(db, YEAR) == []
    with pytest.raises(NotFound):
        delete_achievement(db, saved.id)


def test_ticking_the_values_as_checked_is_in_the_history_in_vietnamese(db):
    from models.store.history import list_changes

    save_title_rules(db, replace(rule_for(db, YEAR), to_check=()))
    (change,) = list_changes(db, table="title_rule_set", since=dt.date(2000, 1, 1))
    assert change.summary == ("Giá trị cần kiểm tra: Tỷ lệ tối đa Chiến sĩ thi đua cơ sở, Tỷ lệ Chiến sĩ thi đua cơ sở "
                              "tính trên, Số tháng công tác tối thiểu → (không có)")


def test_the_years_offered_are_those_classified_or_rated_under_a_rule_set_judging_by_the_rating(db, p01):
    from models.yearend.title_lists import title_years

    staff_id = person(db, p01, "Lê Văn Một")
    save_quarter(db, p01, 2018, 4, [Entry(staff_id, TOT)])
    for year in (2014, 2016, 2017, 2025):  # ratings kept for the history before 2024: no list of titles
        set_rating(db, staff_id, year, TOT)
    assert title_years(db) == [2025, 2018]


def test_a_rated_year_whose_advanced_workers_the_register_already_holds_is_history(db, p01):
    """The 2026 sample's ratings of 2024 go with its award register of 2024 (typed or imported titles):
    no list of 2024 titles to propose again; a year whose titles an approval wrote stays offered."""
    from models.awards.register import Award, delete_award, save_award
    from models.common.award_codes import AwardKind, AwardLevel
    from models.yearend.lists import Approval, approve
    from models.yearend.title_lists import title_years
    from models.yearend.titles import list_key

    staff_id = person(db, p01, "Lê Văn Một")
    set_rating(db, staff_id, 2024, TOT)
    set_rating(db, staff_id, 2025, TOT)
    assert title_years(db) == [2025, 2024]
    typed = save_award(db, Award(staff_id, None, 2024, AwardKind.LDTT, "Lao động tiên tiến", AwardLevel.HUYEN))
    assert title_years(db) == [2025]
    delete_award(db, typed.id)
    approve(db, list_key(2024, TitleCode.LDTT), Approval("05/QĐ-UBND", dt.date(2025, 1, 15), "CHỦ TỊCH", "CHỦ TỊCH",
                                                          "Trần Văn A", ()),
            printable_list(db, 2024, TitleCode.LDTT, dt.date(2025, 1, 10)), dt.datetime(2025, 1, 15, 9, 0))
    assert db.execute("SELECT count(*) FROM award WHERE year = 2024 AND approval_id IS NOT NULL").fetchone() == (1,)
    assert title_years(db) == [2025, 2024]
    # a supplement typed beside the approved list (a second decision): the approved year stays open to view
    other = person(db, p01, "Trần Thị Hai")
    save_award(db, Award(other, None, 2024, AwardKind.LDTT, "Lao động tiên tiến", AwardLevel.HUYEN))
    assert title_years(db) == [2025, 2024]
