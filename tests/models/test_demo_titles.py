"""The sample data exercises every title rule (issue #7): a reprimand that costs a person Lao
động tiên tiến but not their unit its title, a warning that costs a ward Tập thể lao động tiên
tiến, a warning that bars the unit a mover belonged to on the decision date, the 10-month edge, a
cap that ranks by excellent quarters and the council's order, units with both collective titles,
maternity leave (all year long: left out of the unit's shares) and leavers; deterministic."""
import datetime as dt

import pytest

from models.common.codes import DisciplineForm, NotClassifiedReason, TitleCode
from models.people.discipline import list_discipline
from models.people.staff import unit_history
from models.yearend.title_lists import council_order, printable_list
from models.yearend.titles import Condition, title_proposals

from .db_rows import rows_of
from .demo_data import demo, rebuilt  # noqa: F401  (demo is a fixture)

LDTT, CSTDCS, TTLDTT, TTLDXS = TitleCode.LDTT, TitleCode.CSTDCS, TitleCode.TTLDTT, TitleCode.TTLDXS
TABLES = ("discipline", "title_priority", "initiative", "initiative_author", "staff")


@pytest.fixture(scope="module")
def proposals(demo):
    return title_proposals(demo, 2018)


def _disciplined(demo, proposals, form, number):
    (decision,) = [d for d in list_discipline(demo, year=2018) if d.form == form and d.decision_number == number]
    return proposals.person(decision.staff_id)


def test_every_title_is_proposed_to_someone(proposals):
    counts = {t: len(proposals.proposed(t)) for t in TitleCode}
    assert counts[LDTT] > 300 and counts[TTLDTT] > 20
    assert counts[CSTDCS] >= 2 and counts[TTLDXS] >= 1
    assert len(proposals.people) == 600


def test_a_reprimand_costs_a_person_ldtt_but_not_their_unit_its_title(demo, proposals):
    person = _disciplined(demo, proposals, DisciplineForm.KHIEN_TRACH, "12/QĐ-UBND")
    assert person.decisions[LDTT].failed == (
        Condition("Bị kỷ luật Khiển trách (Quyết định 12/QĐ-UBND ngày 01/06/2018)", False),)
    assert person.unit_name == "Phòng Quản lý đô thị"
    assert TTLDTT in proposals.unit(person.unit_id).titles


def test_a_warning_costs_a_ward_that_would_otherwise_be_ttldtt_its_title(demo, proposals):
    person = _disciplined(demo, proposals, DisciplineForm.CANH_CAO, "1520/QĐ-UBND")
    ward = proposals.unit(person.unit_id)
    assert ward.name == "Ủy ban nhân dân Phường 7" and ward.titles == ()
    assert ward.decisions[TTLDTT].failed == (Condition(
        f"Thành viên {person.full_name} bị kỷ luật Cảnh cáo (Quyết định 1520/QĐ-UBND ngày 14/08/2018)", False),)
    assert 2 * ward.earned_ldtt > ward.counted  # the share alone would have been enough
    assert LDTT not in person.titles


def test_a_warning_bars_the_unit_a_mover_belonged_to_on_the_decision_date(demo, proposals):
    person = _disciplined(demo, proposals, DisciplineForm.CANH_CAO, "1893/QĐ-UBND")
    before, after = unit_history(demo, person.staff_id)
    assert before.start < dt.date(2018, 9, 24) < after.start and person.unit_id == after.unit_id
    former = proposals.unit(before.unit_id)
    assert former.decisions[TTLDTT].failed == (Condition(
        f"Thành viên {person.full_name} bị kỷ luật Cảnh cáo (Quyết định 1893/QĐ-UBND ngày 24/09/2018) "
        "khi còn công tác tại đơn vị", False),)
    assert person.staff_id not in former.members and 2 * former.earned_ldtt > former.counted
    assert TTLDTT not in former.titles and former not in proposals.proposed(TTLDTT)
    assert TTLDTT not in proposals.unit(after.unit_id).titles  # a member at year end: barred there too
    assert LDTT not in person.titles


def test_a_member_on_maternity_leave_all_year_is_left_out_of_the_shares(demo, proposals):
    thai_san = NotClassifiedReason.THAI_SAN
    (person,) = [p for p in proposals.people if all(q.reason == thai_san for q in p.quarters)]
    assert len(person.quarters) == 3 and LDTT not in person.titles
    assert person.decisions[LDTT].failed == (Condition("Không có quý nào được xếp loại trong năm 2018", False),)
    unit = proposals.unit(person.unit_id)
    assert person.staff_id in unit.members and unit.counted == len(unit.members) - 1
    assert Condition("1 người không được xếp loại quý nào (không tính vào tỷ lệ)", None) in (
        unit.decisions[TTLDTT].conditions)
    pct = f"{100 * unit.earned_ldtt / unit.counted:.1f}".replace(".", ",")
    assert Condition(f"Có {unit.earned_ldtt}/{unit.counted} cá nhân ({pct}%) đạt danh hiệu Lao động tiên tiến, "
                     "trên 50%") in unit.decisions[TTLDTT].conditions  # the share without her
    assert unit.titles == (TTLDTT,)


def test_the_newcomer_of_exactly_ten_months_qualifies_and_later_ones_do_not(proposals):
    (edge,) = [p for p in proposals.people if p.recruited_on == dt.date(2018, 3, 1)]
    assert Condition("Đủ 10 tháng công tác (tuyển dụng 01/03/2018)") in edge.decisions[LDTT].conditions
    assert edge.titles == (LDTT,)
    later = [p for p in proposals.people if p.recruited_on and p.recruited_on > dt.date(2018, 3, 1)]
    assert len(later) >= 3
    for p in later:
        assert Condition(f"Chưa đủ 10 tháng công tác (tuyển dụng {p.recruited_on:%d/%m/%Y})", False) in (
            p.decisions[LDTT].failed)


def test_a_cap_ranks_by_excellent_quarters_then_the_councils_order(demo, proposals):
    (group,) = [g for g in proposals.cap_groups if g.scope == "Phòng Tài chính - Kế hoạch"]
    assert group.binding and group.quota == 1 and len(group.ranked) == 3
    first, second, third = (proposals.person(s).decisions[CSTDCS].rank for s in group.ranked)
    assert first.excellent_quarters == second.excellent_quarters > third.excellent_quarters
    assert first.council_order < second.council_order and third.council_order == 1
    assert (first.within, second.within, third.within) == (True, False, False)
    assert council_order(demo, 2018) == [group.ranked[2], group.ranked[0], group.ranked[1]]
    assert proposals.person(group.ranked[1]).decisions[CSTDCS].why == (
        "Đủ điều kiện nhưng ngoài giới hạn 15%: xếp thứ 2, chỉ tiêu 1.")
    assert proposals.unit(group.unit_id).titles == (TTLDTT, TTLDXS)


def test_ttldxs_units_are_also_ttldtt_and_cstdcs_people_also_ldtt(proposals):
    assert all(TTLDTT in u.titles for u in proposals.proposed(TTLDXS))
    assert all(LDTT in p.titles for p in proposals.proposed(CSTDCS))
    failing = [u for u in proposals.units if u.decisions[TTLDTT].proposed and not u.decisions[TTLDXS].proposed]
    assert failing  # some units are only TTLĐTT


def test_maternity_leave_and_leavers_are_noted(proposals):
    notes = [c.text for p in proposals.people for c in p.decisions[LDTT].conditions if c.met is None]
    assert any(n.endswith("(Nghỉ thai sản): thời gian nghỉ thai sản được tính là thời gian công tác") for n in notes)
    leavers = [p for p in proposals.people if p.left_on is not None]
    assert leavers and all(LDTT not in p.titles for p in leavers)


def test_the_printed_lists_carry_the_bonuses(demo, proposals):
    data = printable_list(demo, 2018, LDTT, dt.date(2019, 1, 10))
    n = len(proposals.proposed(LDTT))
    cstdcs = {p.staff_id for p in proposals.proposed(CSTDCS)}
    assert len(data.individuals) == n and {e.amount for e in data.individuals} == {420_000, 0}
    # The Chiến sĩ thi đua cơ sở are paid that bonus only (the higher one): 0 on this list.
    unpaid = [e for e in data.individuals if not e.amount]
    assert {e.subject_id for e in unpaid} == cstdcs and len(cstdcs) == 3
    assert all(e.text.endswith("3 quý được xếp loại năm 2018 (nhận tiền thưởng Chiến sĩ thi đua cơ sở)") for e in unpaid)
    assert data.total_line == "Tổng số: 413 cá nhân; tổng số tiền thưởng: 172.200.000 đồng"  # 410 x 420.000
    assert printable_list(demo, 2018, CSTDCS, dt.date(2019, 1, 10)).total_line == (
        "Tổng số: 3 cá nhân; tổng số tiền thưởng: 4.170.000 đồng")
    groups = list(dict.fromkeys(e.group for e in data.individuals))
    assert groups == [u.name for u in proposals.units if u.earned_ldtt]  # the council's unit order
    assert groups.index("Ủy ban nhân dân Phường 9") < groups.index("Ủy ban nhân dân Phường 10")
    assert groups.index("Phòng Nội vụ") < groups.index("Ủy ban nhân dân Phường 1")


def test_two_builds_write_the_same_title_rows(demo, tmp_path):
    assert rebuilt(tmp_path, lambda db: rows_of(db, TABLES)) == rows_of(demo, TABLES)
