"""Year-end review, commendation (issue #5): collectives assessed "Tiêu biểu xuất sắc" with no
criticism reason; individuals at the required level in every classified quarter of the campaign's
year with at least ``min_quarters`` classified; the why / why-not sentences; Vietnamese order."""
import pytest

from models.common.codes import Assessment, InitiativeKind, ListKind, ReviewReason, UnitKind
from models.yearend.review import ReviewSettings, campaign_review, draft_list, save_review_settings

from .year_end_data import (
    AFTER, DAY, HT, KHT, NOT_CLASSIFIED, REG, REP, TOT, XS, campaign, classify, head, person, register, unit,
)

C = ListKind.COMMENDATION
TB = Assessment.TIEU_BIEU


@pytest.fixture
def town(db):
    """P01 and NV take part in the campaign; P03 (created afterwards) does not."""
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    nv = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    cid = campaign(db).id
    p03 = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    return cid, p01, nv, p03


def _review(db, cid, as_of=AFTER):
    return campaign_review(db, cid, as_of)


def _assert_not_commended(review, subject, subject_id, why):
    """Not commended, for the reason ``why``, and nobody on the commendation list."""
    assert not (review.unit(subject_id) if subject == "unit" else review.person(subject_id)).commended
    assert review.why(C, subject, subject_id) == why
    assert review.candidates(C) == ([], [])


# --- collectives -----------------------------------------------------------------------------


def test_a_collective_assessed_outstanding_with_no_reason_is_commended(db, town):
    cid, p01, _nv, _ = town
    register(db, cid, p01, reported_on=REP, assessment=TB, title="Một cửa điện tử không giấy tờ")
    review = _review(db, cid)
    assert review.unit(p01).commended
    text = "Mô hình “Một cửa điện tử không giấy tờ” được Hội đồng đánh giá Tiêu biểu xuất sắc"
    assert review.unit(p01).commendation_text == text
    assert review.why(C, "unit", p01) == (
        "Đủ điều kiện nêu gương: mô hình “Một cửa điện tử không giấy tờ” được Hội đồng đánh giá Tiêu biểu xuất sắc.")
    collectives, individuals = review.candidates(C)
    assert [(e.subject, e.subject_id, e.name, e.position_unit, e.text) for e in collectives] == [
        ("unit", p01, "Ủy ban nhân dân Phường 1", "Phường", text)]
    assert individuals == []


def test_the_initiatives_kind_names_it_in_the_text(db, town):
    cid, p01, _nv, _ = town
    register(db, cid, p01, reported_on=REP, assessment=TB, title="Tiếp nhận hồ sơ qua mạng",
             kind=InitiativeKind.GIAI_PHAP)
    assert _review(db, cid).unit(p01).commendation_text == (
        "Giải pháp “Tiếp nhận hồ sơ qua mạng” được Hội đồng đánh giá Tiêu biểu xuất sắc")


@pytest.mark.parametrize("changes, why", [
    (dict(registered_on=REG + DAY),
     "Không đủ điều kiện nêu gương: mô hình được đánh giá Tiêu biểu xuất sắc nhưng đơn vị có lý do bị phê bình "
     "(Đăng ký trễ hạn)."),
    (dict(reported_on=REP + DAY),
     "Không đủ điều kiện nêu gương: mô hình được đánh giá Tiêu biểu xuất sắc nhưng đơn vị có lý do bị phê bình "
     "(Báo cáo kết quả trễ hạn)."),
])
def test_an_outstanding_collective_with_a_criticism_reason_is_not_commended(db, town, changes, why):
    cid, p01, _nv, _ = town
    register(db, cid, p01, **{"reported_on": REP, "assessment": TB, **changes})
    _assert_not_commended(_review(db, cid), "unit", p01, why)


def test_an_outstanding_collective_whose_head_failed_is_not_commended(db, town):
    cid, p01, _nv, _ = town
    register(db, cid, p01, reported_on=REP, assessment=TB)
    head(db, p01, KHT)
    assert _review(db, cid).why(C, "unit", p01) == (
        "Không đủ điều kiện nêu gương: mô hình được đánh giá Tiêu biểu xuất sắc nhưng đơn vị có lý do bị phê bình "
        "(Người đứng đầu không hoàn thành nhiệm vụ).")


def test_a_reason_switched_off_no_longer_stops_the_commendation(db, town):
    cid, p01, _nv, _ = town
    register(db, cid, p01, registered_on=REG + DAY, reported_on=REP, assessment=TB)
    save_review_settings(db, cid, ReviewSettings(frozenset({ReviewReason.REGISTERED_LATE})))
    assert _review(db, cid).unit(p01).commended


@pytest.mark.parametrize("build, why", [
    (lambda db, c, u: register(db, c, u, reported_on=REP, assessment=Assessment.HIEU_QUA),
     "Không đủ điều kiện nêu gương: mô hình “Một cửa điện tử” được đánh giá Hiệu quả (cần Tiêu biểu xuất sắc)."),
    (lambda db, c, u: register(db, c, u, reported_on=REP),
     "Không đủ điều kiện nêu gương: Hội đồng chưa đánh giá kết quả."),
    (lambda db, c, u: register(db, c, u),
     "Không đủ điều kiện nêu gương: chưa báo cáo kết quả."),
    (lambda db, c, u: None,
     "Không đủ điều kiện nêu gương: đơn vị không đăng ký mô hình, sáng kiến, giải pháp."),
])
def test_why_a_collective_is_not_commended(db, town, build, why):
    cid, p01, _nv, _ = town
    build(db, cid, p01)
    review = _review(db, cid)
    assert not review.unit(p01).commended
    assert review.why(C, "unit", p01) == why


def test_an_outstanding_report_dated_after_the_chosen_day_is_not_commended_yet(db, town):
    cid, p01, _nv, _ = town
    register(db, cid, p01, reported_on=REP, assessment=TB)
    assert not _review(db, cid, REP - DAY).unit(p01).commended
    assert _review(db, cid, REP - DAY).why(C, "unit", p01) == "Không đủ điều kiện nêu gương: chưa báo cáo kết quả."
    assert _review(db, cid, REP).unit(p01).commended


# --- individuals -----------------------------------------------------------------------------


def _person(db, unit_id, quarters, code="CB01", name="Nguyễn Văn An"):
    staff_id = person(db, code, name, unit_id, position="Phó Chủ tịch UBND phường")
    classify(db, unit_id, staff_id, quarters)
    return staff_id


@pytest.mark.parametrize("quarters, found_quarters, text, why", [
    ({2: XS, 3: XS, 4: XS}, ((2, XS), (3, XS), (4, XS)),
     "Hoàn thành xuất sắc nhiệm vụ 3/3 quý được xếp loại năm 2018",
     "Đủ điều kiện nêu gương: hoàn thành xuất sắc nhiệm vụ cả 3 quý được xếp loại năm 2018 (quý 2, 3, 4)."),
    # A quarter not classified counts neither for nor against.
    ({2: XS, 3: NOT_CLASSIFIED, 4: XS}, ((2, XS), (3, None), (4, XS)),
     "Hoàn thành xuất sắc nhiệm vụ 2/2 quý được xếp loại năm 2018",
     "Đủ điều kiện nêu gương: hoàn thành xuất sắc nhiệm vụ cả 2 quý được xếp loại năm 2018 (quý 2, 4)."),
], ids=["every-quarter", "a-quarter-not-classified"])
def test_excellent_in_every_classified_quarter_is_commended_with_its_text_and_why(
        db, town, quarters, found_quarters, text, why):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, quarters)
    review = _review(db, cid)
    found = review.person(sid)
    assert found.commended
    assert found.quarters == found_quarters
    assert found.text == text
    assert review.why(C, "staff", sid) == why
    _, individuals = review.candidates(C)
    assert [(e.subject, e.subject_id, e.name, e.position_unit, e.text) for e in individuals] == [
        ("staff", sid, "Nguyễn Văn An", "Phó Chủ tịch UBND phường, Ủy ban nhân dân Phường 1", text)]


@pytest.mark.parametrize("quarters, why", [
    ({2: XS, 3: TOT, 4: XS}, "Không đủ điều kiện nêu gương: quý 3/2018 xếp loại Hoàn thành tốt nhiệm vụ."),
    ({2: HT, 3: TOT, 4: XS}, "Không đủ điều kiện nêu gương: quý 2/2018 xếp loại Hoàn thành nhiệm vụ."),
    ({2: XS, 3: XS, 4: KHT}, "Không đủ điều kiện nêu gương: quý 4/2018 xếp loại Không hoàn thành nhiệm vụ."),
    ({2: NOT_CLASSIFIED, 3: NOT_CLASSIFIED, 4: XS},
     "Không đủ điều kiện nêu gương: chỉ có 1 quý được xếp loại trong năm 2018 (cần ít nhất 2)."),
    ({4: XS}, "Không đủ điều kiện nêu gương: chỉ có 1 quý được xếp loại trong năm 2018 (cần ít nhất 2)."),
    ({2: NOT_CLASSIFIED, 3: NOT_CLASSIFIED},
     "Không đủ điều kiện nêu gương: chỉ có 0 quý được xếp loại trong năm 2018 (cần ít nhất 2)."),
])
def test_why_a_person_is_not_commended(db, town, quarters, why):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, quarters)
    _assert_not_commended(_review(db, cid), "staff", sid, why)


def test_exactly_min_quarters_classified_is_enough(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {3: XS, 4: XS})
    assert _review(db, cid).person(sid).commended


def test_raising_min_quarters_drops_a_person_and_lowering_it_adds_one(db, town):
    cid, p01, _nv, _ = town
    two = _person(db, p01, {3: XS, 4: XS}, "CB01", "Nguyễn Văn An")
    one = _person(db, p01, {4: XS}, "CB02", "Trần Thị Bình")
    save_review_settings(db, cid, ReviewSettings(min_quarters=3))
    review = _review(db, cid)
    assert (review.person(two).commended, review.person(one).commended) == (False, False)
    assert review.why(C, "staff", two) == (
        "Không đủ điều kiện nêu gương: chỉ có 2 quý được xếp loại trong năm 2018 (cần ít nhất 3).")
    save_review_settings(db, cid, ReviewSettings(min_quarters=1))
    review = _review(db, cid)
    assert (review.person(two).commended, review.person(one).commended) == (True, True)
    assert review.person(one).text == "Hoàn thành xuất sắc nhiệm vụ 1/1 quý được xếp loại năm 2018"


def test_a_required_level_of_good_commends_people_rated_good_in_every_quarter(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: TOT, 3: TOT, 4: TOT})
    assert not _review(db, cid).person(sid).commended
    save_review_settings(db, cid, ReviewSettings(required_level=TOT))
    review = _review(db, cid)
    assert review.person(sid).commended
    assert review.person(sid).text == "Từ hoàn thành tốt nhiệm vụ trở lên 3/3 quý được xếp loại năm 2018"
    assert review.why(C, "staff", sid) == (
        "Đủ điều kiện nêu gương: từ hoàn thành tốt nhiệm vụ trở lên cả 3 quý được xếp loại năm 2018 (quý 2, 3, 4).")


def test_a_required_level_of_good_still_refuses_a_quarter_below_it(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: TOT, 3: HT, 4: TOT})
    save_review_settings(db, cid, ReviewSettings(required_level=TOT))
    assert _review(db, cid).why(C, "staff", sid) == (
        "Không đủ điều kiện nêu gương: quý 3/2018 xếp loại Hoàn thành nhiệm vụ.")


def test_a_required_level_of_good_accepts_quarters_rated_better(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: XS, 3: TOT, 4: XS})
    save_review_settings(db, cid, ReviewSettings(required_level=TOT))
    review = _review(db, cid)
    assert review.person(sid).commended, review.why(C, "staff", sid)


def test_only_the_campaigns_year_counts(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: XS, 3: XS, 4: XS})
    classify(db, p01, sid, {1: TOT, 2: HT}, year=2019)
    assert _review(db, cid).person(sid).commended
    only_2019 = _person(db, p01, {}, "CB02", "Trần Thị Bình")
    classify(db, p01, only_2019, {1: XS, 2: XS}, year=2019)
    review = _review(db, cid)
    assert review.person(only_2019) is None
    assert review.why(C, "staff", only_2019) == "Không xét: không có kết quả xếp loại quý nào năm 2018."


def test_people_of_a_unit_not_in_the_campaign_are_not_considered(db, town):
    cid, _p01, _nv, p03 = town
    sid = _person(db, p03, {2: XS, 3: XS, 4: XS})
    review = _review(db, cid)
    assert review.person(sid) is None
    assert review.candidates(C) == ([], [])
    unit_name = db.execute("SELECT name FROM unit WHERE id = ?", [p03]).fetchone()[0]
    assert review.why(C, "staff", sid) == (
        f"Không xét: quý được xếp loại cuối cùng của năm 2018 (quý 4) thuộc {unit_name}, đơn vị không tham gia "
        "đợt thi đua.")


def test_a_person_is_not_on_the_criticism_list(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: KHT, 3: KHT})
    review = _review(db, cid)
    assert review.why(ListKind.CRITICISM, "staff", sid) == "Danh sách phê bình chỉ gồm tập thể."
    assert review.candidates(ListKind.CRITICISM)[1] == []


def test_people_are_listed_in_vietnamese_order_given_name_first(db, town):
    cid, p01, nv, _ = town
    # By code point the given names would sort Anh, Dũng, Ánh, Đạt; Vietnamese order is
    # Anh, Ánh, Dũng, Đạt, and the same given name is ordered by the family name.
    names = [("CB1", "Trần Văn Đạt", p01), ("CB2", "Phạm Thị Ánh", nv), ("CB3", "Nguyễn Văn Dũng", p01),
             ("CB4", "Vũ Văn Anh", nv), ("CB5", "Trần Thị Anh", p01), ("CB6", "Lê Văn Bình", nv)]
    for code, name, uid in names:
        _person(db, uid, {2: XS, 3: XS, 4: XS}, code, name)
    expected = ["Trần Thị Anh", "Vũ Văn Anh", "Phạm Thị Ánh", "Lê Văn Bình", "Nguyễn Văn Dũng", "Trần Văn Đạt"]
    review = _review(db, cid)
    assert [p.full_name for p in review.people] == expected
    assert [e.name for e in review.entries(C)[1]] == expected
    assert [e.name for e in draft_list(db, review, C).individuals] == expected


def test_the_draft_commendation_list_has_both_collectives_and_individuals(db, town):
    cid, p01, nv, _ = town
    register(db, cid, p01, reported_on=REP, assessment=TB)
    register(db, cid, nv, reported_on=REP, assessment=TB, title="Số hóa hồ sơ công chức")
    sid = _person(db, nv, {2: XS, 3: XS, 4: XS})
    _person(db, p01, {2: XS, 3: TOT}, "CB02", "Lê Văn Bình")
    printable = draft_list(db, _review(db, cid), C)
    assert printable.title == "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG"
    assert printable.subtitle == "Đợt thi đua cao điểm về Cải cách hành chính năm 2018"
    assert printable.text_heading == "Thành tích"
    assert [e.name for e in printable.collectives] == ["Phòng Nội vụ", "Ủy ban nhân dân Phường 1"]
    assert [e.subject_id for e in printable.individuals] == [sid]
    assert printable.total_line == "Tổng số: 2 tập thể, 1 cá nhân."
    assert printable.approval is None
    assert printable.as_of == AFTER


def test_the_draft_criticism_list_prints_reasons_and_counts_collectives(db, town):
    cid, p01, nv, _ = town
    register(db, cid, p01, registered_on=REG + DAY, reported_on=REP)
    printable = draft_list(db, _review(db, cid), ListKind.CRITICISM)
    assert printable.title == "DANH SÁCH TẬP THỂ BỊ PHÊ BÌNH"
    assert printable.text_heading == "Lý do"
    assert [(e.name, e.text) for e in printable.collectives] == [
        ("Phòng Nội vụ", "Không đăng ký mô hình, sáng kiến, giải pháp"),
        ("Ủy ban nhân dân Phường 1", "Đăng ký trễ hạn")]
    assert printable.individuals == ()
    assert printable.total_line == "Tổng số: 2 tập thể."
