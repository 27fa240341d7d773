"""The yearly title lists (issue #7): what each list prints (title, units in the council's order,
people in Vietnamese name order, bonuses rounded up to 10,000 đ, totals), the base salary in force
on 31/12, adjustments with reasons, approval that freezes the list, reopening, and the council's
order of priority."""
import datetime as dt

import pytest

from models.yearend.lists import Approval, PrintedEntry, adjust, approve, cancel_adjustment, reopen
from models.common.codes import DisciplineForm, TitleCode, UnitKind
from models.common.errors import DomainError, ValidationError
from models.quarters.rules import BaseSalary, set_base_salaries
from models.store.settings import CouncilNames, set_council_names
from models.yearend.title_lists import (
    council_order, draft_list, list_title, printable_list, set_council_order, total_line,
)
from models.yearend.titles import list_key, title_proposals

from .titles_data import GOOD, HT, TOT, YEAR, discipline, initiative, person, team, unit

LDTT, CSTDCS, TTLDTT, TTLDXS = TitleCode.LDTT, TitleCode.CSTDCS, TitleCode.TTLDTT, TitleCode.TTLDXS
AS_OF = dt.date(2019, 1, 10)
NOW = dt.datetime(2019, 1, 15, 9, 30)
APPROVAL = Approval("15/QĐ-HĐTĐKT", dt.date(2019, 1, 15), "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH",
                    "Nguyễn Văn Chủ", ("Như trên;", "Lưu: VT, NV."), "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")
NV_NAMES = ["Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Văn Chi", "Nguyễn Văn Dung", "Nguyễn Văn Đức",
            "Nguyễn Văn Giang", "Nguyễn Văn Hà"]


@pytest.fixture
def district(db):
    """Phòng Nội vụ: 7 good people, An the author of a recognised initiative (TTLĐXS). Phường 1:
    Dũng, Đào, Yến good and one below (TTLĐTT). Phường 3: two good, two below (50%: no title)."""
    nv = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    p03 = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    nv_ids = team(db, nv, [GOOD] * 7, names=NV_NAMES)
    initiative(db, nv, [nv_ids[0]], title="Một cửa điện tử")
    p01_ids = team(db, p01, [GOOD, GOOD, GOOD, (HT, TOT, TOT)],
                   names=["Phạm Thị Yến", "Trần Thị Đào", "Lê Văn Dũng", "Võ Văn Ân"])
    p03_ids = team(db, p03, [GOOD, GOOD, (HT, TOT, TOT), (HT, TOT, TOT)],
                   names=["Hồ Thị Mai", "Lý Văn Nam", "Đặng Văn Phúc", "Cao Thị Quý"])
    return {"NV": nv, "P01": p01, "P03": p03, "nv": nv_ids, "p01": p01_ids, "p03": p03_ids}


def _names(entries):
    return [(e.group, e.name) for e in entries]


# --- what each list prints ---------------------------------------------------------------------


def test_the_ldtt_list_groups_people_by_unit_in_the_councils_order_and_by_vietnamese_name(db, district):
    data = printable_list(db, YEAR, LDTT, AS_OF)
    assert data.title == "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2018"
    assert (data.kind, data.collectives, data.text_heading, data.as_of, data.approval) == ("ldtt", (), "Thành tích",
                                                                                         AS_OF, None)
    assert _names(data.individuals) == (
        [("Phòng Nội vụ", n) for n in NV_NAMES]
        + [("Ủy ban nhân dân Phường 1", n) for n in ("Lê Văn Dũng", "Trần Thị Đào", "Phạm Thị Yến")]
        + [("Ủy ban nhân dân Phường 3", n) for n in ("Hồ Thị Mai", "Lý Văn Nam")])
    first, second = data.individuals[:2]
    assert second == PrintedEntry("staff", district["nv"][1], "Nguyễn Văn Bình", "Chuyên viên",
                                  "Hoàn thành tốt nhiệm vụ trở lên 3/3 quý được xếp loại năm 2018", "Phòng Nội vụ",
                                  420_000)
    # An is Chiến sĩ thi đua cơ sở too: paid that bonus only (the higher one, see below).
    assert (first.name, first.amount) == ("Nguyễn Văn An", 0)
    assert {e.amount for e in data.individuals[1:]} == {420_000}
    assert data.total_line == "Tổng số: 12 cá nhân; tổng số tiền thưởng: 4.620.000 đồng"


def test_a_cstdcs_person_is_also_on_the_ldtt_list(db, district):
    an = district["nv"][0]
    cstdcs = printable_list(db, YEAR, CSTDCS, AS_OF)
    assert cstdcs.title == "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2018"
    assert cstdcs.individuals == (PrintedEntry(
        "staff", an, "Nguyễn Văn An", "Chuyên viên",
        "Đạt danh hiệu Lao động tiên tiến; tác giả sáng kiến “Một cửa điện tử” được công nhận ở cơ sở",
        "Phòng Nội vụ", 1_390_000),)
    assert cstdcs.total_line == "Tổng số: 1 cá nhân; tổng số tiền thưởng: 1.390.000 đồng"
    assert an in [e.subject_id for e in printable_list(db, YEAR, LDTT, AS_OF).individuals]


def test_the_collective_lists_and_a_ttldxs_unit_also_on_the_ttldtt_list(db, district):
    ttldtt = printable_list(db, YEAR, TTLDTT, AS_OF)
    assert ttldtt.title == "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2018"
    assert ttldtt.individuals == ()
    assert ttldtt.collectives == (
        PrintedEntry("unit", district["NV"], "Phòng Nội vụ", "Cơ quan chuyên môn",
                     "7/7 cá nhân (100%) đạt danh hiệu Lao động tiên tiến (nhận tiền thưởng Tập thể lao động xuất sắc)",
                     "", 0),
        PrintedEntry("unit", district["P01"], "Ủy ban nhân dân Phường 1", "Phường",
                     "3/4 cá nhân (75%) đạt danh hiệu Lao động tiên tiến", "", 1_120_000),
    )
    assert ttldtt.total_line == "Tổng số: 2 tập thể; tổng số tiền thưởng: 1.120.000 đồng"
    ttldxs = printable_list(db, YEAR, TTLDXS, AS_OF)
    assert ttldxs.title == "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG XUẤT SẮC NĂM 2018"
    assert [(e.name, e.amount) for e in ttldxs.collectives] == [("Phòng Nội vụ", 2_090_000)]
    assert ttldxs.collectives[0].text == (
        "7/7 cá nhân hoàn thành nhiệm vụ; 7/7 cá nhân (100%) đạt danh hiệu Lao động tiên tiến; 1 cá nhân được "
        "đề nghị Chiến sĩ thi đua cơ sở")


def test_the_header_and_draft_signer_are_the_councils(db, district):
    set_council_names(db, CouncilNames(signer_name="Lê Văn Ký"))
    data = printable_list(db, YEAR, TTLDXS, AS_OF)
    assert (data.parent_body, data.issuing_body, data.place) == (
        "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Gò Vấp")
    assert (data.draft_signer.signer_title, data.draft_signer.signer_name) == ("CHỦ TỊCH", "Lê Văn Ký")


def test_an_empty_list_says_so_in_its_total(db, district):
    assert total_line(CSTDCS, 0, 0) == "Tổng số: 0 cá nhân"
    discipline(db, district["nv"][0], DisciplineForm.KHIEN_TRACH)
    assert printable_list(db, YEAR, CSTDCS, AS_OF).individuals == ()
    assert list_title(TTLDTT, 2019) == "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2019"


# --- the base salary ----------------------------------------------------------------------------


def test_bonuses_use_the_base_salary_in_force_on_31_12_of_the_year(db):
    set_base_salaries(db, [BaseSalary(dt.date(2018, 7, 1), 1_390_000), BaseSalary(dt.date(2019, 7, 1), 1_490_000),
                           BaseSalary(dt.date(2020, 12, 31), 1_600_000), BaseSalary(dt.date(2022, 1, 1), 1_700_000)])
    assert title_proposals(db, 2018).base_salary == 1_390_000
    assert title_proposals(db, 2019).bonus(LDTT) == 450_000  # 447,000 rounded up
    assert title_proposals(db, 2020).bonus(CSTDCS) == 1_600_000  # in force on 31/12 itself
    assert title_proposals(db, 2021).bonus(TTLDXS) == 2_400_000  # not yet 1,700,000


def test_without_a_base_salary_the_list_has_no_amounts(db, district):
    set_base_salaries(db, [BaseSalary(dt.date(2019, 1, 1), 1_390_000)])
    data = printable_list(db, YEAR, LDTT, AS_OF)
    assert {e.amount for e in data.individuals} == {0}
    assert data.total_line == "Tổng số: 12 cá nhân"


# --- adjustments ---------------------------------------------------------------------------------


def test_removing_a_candidate_and_adding_people_with_reasons(db, district):
    key = list_key(YEAR, LDTT)
    assert (key.kind, key.year, key.campaign_id) == ("ldtt", 2018, None)
    dung, phuc = district["p01"][2], district["p03"][2]
    newcomer = person(db, district["P01"], "Lê Thị Ánh", recruited=dt.date(2018, 11, 1))  # never classified
    adjust(db, key, "remove", "staff", dung, "Chuyển công tác ra ngoài quận", NOW)
    adjust(db, key, "add", "staff", phuc, "Hội đồng ghi nhận thành tích đột xuất", NOW,
           text="Có thành tích đột xuất trong cải cách hành chính")
    adjust(db, key, "add", "staff", newcomer, "Điều động từ đơn vị khác, đã đủ thời gian", NOW, text="Hoàn thành tốt")
    proposals = title_proposals(db, YEAR)
    entries = proposals.entries(LDTT)
    assert _names(entries)[7:] == [
        ("Ủy ban nhân dân Phường 1", "Lê Thị Ánh"), ("Ủy ban nhân dân Phường 1", "Trần Thị Đào"),
        ("Ủy ban nhân dân Phường 1", "Phạm Thị Yến"), ("Ủy ban nhân dân Phường 3", "Hồ Thị Mai"),
        ("Ủy ban nhân dân Phường 3", "Lý Văn Nam"), ("Ủy ban nhân dân Phường 3", "Đặng Văn Phúc")]
    added = next(e for e in entries if e.subject_id == phuc)
    assert (added.text, added.amount, added.position_unit) == (
        "Có thành tích đột xuất trong cải cách hành chính", 420_000, "Chuyên viên")
    assert proposals.why(LDTT, "staff", dung) == (
        "Đã bị loại khỏi danh sách (điều chỉnh): Chuyển công tác ra ngoài quận.")
    assert proposals.why(LDTT, "staff", phuc) == (
        "Được thêm vào danh sách (điều chỉnh): Hội đồng ghi nhận thành tích đột xuất.")
    assert proposals.person(dung).titles == (LDTT,)  # the rules still propose him
    assert draft_list(db, proposals, LDTT, AS_OF).total_line == (
        "Tổng số: 13 cá nhân; tổng số tiền thưởng: 5.040.000 đồng")  # 12 x 420.000: An is paid as CSTĐCS


def test_a_unit_can_be_added_to_a_collective_list_and_an_adjustment_taken_back(db, district):
    key = list_key(YEAR, TTLDTT)
    adjustment = adjust(db, key, "add", "unit", district["P03"], "Đơn vị có nhiều đóng góp", NOW,
                        text="Hoàn thành xuất sắc nhiệm vụ được giao")
    assert [e.name for e in printable_list(db, YEAR, TTLDTT, AS_OF).collectives] == [
        "Phòng Nội vụ", "Ủy ban nhân dân Phường 1", "Ủy ban nhân dân Phường 3"]
    cancel_adjustment(db, key, adjustment)
    assert len(printable_list(db, YEAR, TTLDTT, AS_OF).collectives) == 2


def test_a_person_list_takes_no_unit_and_a_unit_list_no_person(db, district):
    with pytest.raises(DomainError) as caught:
        adjust(db, list_key(YEAR, LDTT), "add", "unit", district["P03"], "Lý do", NOW, text="Thành tích")
    assert str(caught.value) == "Danh sách này chỉ gồm cá nhân, không thêm tập thể được"
    with pytest.raises(DomainError) as caught:
        adjust(db, list_key(YEAR, TTLDXS), "add", "staff", district["p03"][0], "Lý do", NOW, text="Thành tích")
    assert str(caught.value) == "Danh sách này chỉ gồm tập thể (đơn vị), không thêm cá nhân được"


def test_the_why_of_a_title_that_does_not_apply_to_the_subject(db, district):
    proposals = title_proposals(db, YEAR)
    assert proposals.why(TTLDTT, "staff", district["nv"][0]) == "Tập thể lao động tiên tiến là danh hiệu tập thể."
    assert proposals.why(LDTT, "unit", district["NV"]) == "Lao động tiên tiến là danh hiệu cá nhân."
    assert proposals.why(TTLDTT, "unit", 999) == "Không xét: đơn vị không có cán bộ được xếp loại năm 2018."


# --- approval ----------------------------------------------------------------------------------


def test_an_approved_list_prints_its_frozen_snapshot_until_reopened(db, district):
    key = list_key(YEAR, LDTT)
    draft = printable_list(db, YEAR, LDTT, AS_OF)
    record = approve(db, key, APPROVAL, draft, NOW, who="Thư ký")
    discipline(db, district["nv"][1], DisciplineForm.KHIEN_TRACH)  # a late decision changes the proposals
    assert len(title_proposals(db, YEAR).proposed(LDTT)) == 11
    frozen = printable_list(db, YEAR, LDTT, dt.date(2019, 6, 1))
    assert frozen.individuals == draft.individuals and frozen.as_of == AS_OF
    assert frozen.approval.decision_number == "15/QĐ-HĐTĐKT" and record.intact
    assert frozen.total_line == "Tổng số: 12 cá nhân; tổng số tiền thưởng: 4.620.000 đồng"
    with pytest.raises(DomainError) as caught:
        adjust(db, key, "remove", "staff", district["nv"][2], "Lý do", NOW)
    assert str(caught.value).startswith("Danh sách đã được phê duyệt theo Quyết định số 15/QĐ-HĐTĐKT ngày 15/01/2019")
    reopen(db, key, "Có quyết định kỷ luật sau khi phê duyệt", NOW)
    reopened = printable_list(db, YEAR, LDTT, dt.date(2019, 6, 1))
    assert reopened.approval is None and len(reopened.individuals) == 11
    assert reopened.total_line == "Tổng số: 11 cá nhân; tổng số tiền thưởng: 4.620.000 đồng"


def test_each_title_has_its_own_list_to_approve(db, district):
    approve(db, list_key(YEAR, TTLDXS), APPROVAL, printable_list(db, YEAR, TTLDXS, AS_OF), NOW)
    adjust(db, list_key(YEAR, TTLDTT), "remove", "unit", district["P01"], "Chưa hoàn thành chỉ tiêu thu ngân sách", NOW)
    assert [e.name for e in printable_list(db, YEAR, TTLDTT, AS_OF).collectives] == ["Phòng Nội vụ"]
    assert printable_list(db, YEAR, TTLDXS, AS_OF).approval.decision_number == "15/QĐ-HĐTĐKT"
    assert printable_list(db, 2019, TTLDXS, AS_OF).approval is None


# --- the council's order -----------------------------------------------------------------------


def test_the_councils_order_is_replaced_as_a_whole_and_kept_per_year(db, district):
    a, b, c = district["nv"][:3]
    set_council_order(db, YEAR, [c, a])
    set_council_order(db, 2019, [b])
    assert council_order(db, YEAR) == [c, a] and council_order(db, 2019) == [b]
    set_council_order(db, YEAR, [a, b, c])
    assert council_order(db, YEAR) == [a, b, c]
    set_council_order(db, YEAR, [])
    assert council_order(db, YEAR) == [] and council_order(db, 2019) == [b]


@pytest.mark.parametrize("year, ids, errors", [
    (YEAR, [1, 1], {"staff_ids": "Mỗi cán bộ chỉ có một vị trí trong thứ tự ưu tiên"}),
    (YEAR, [1, 999], {"staff_ids": "Có cán bộ không có trong danh sách cán bộ"}),
    (1999, [1], {"year": "Năm “1999” không hợp lệ (từ 2000 đến 2100)"}),
])
def test_a_wrong_council_order_is_refused_and_nothing_is_written(db, district, year, ids, errors):
    set_council_order(db, YEAR, [2])
    with pytest.raises(ValidationError) as caught:
        set_council_order(db, year, ids)
    assert caught.value.errors == errors
    assert council_order(db, YEAR) == [2]


def test_the_councils_order_cannot_change_while_the_cstdcs_list_is_approved(db, district):
    approve(db, list_key(YEAR, CSTDCS), APPROVAL, printable_list(db, YEAR, CSTDCS, AS_OF), NOW)
    with pytest.raises(DomainError) as caught:
        set_council_order(db, YEAR, [1])
    assert str(caught.value) == (
        "Danh sách Chiến sĩ thi đua cơ sở năm 2018 đã được phê duyệt theo Quyết định số 15/QĐ-HĐTĐKT; hãy mở lại "
        "danh sách trước khi đổi thứ tự ưu tiên")
    set_council_order(db, 2019, [1])
    assert council_order(db, YEAR) == []
