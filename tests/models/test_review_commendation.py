"""Year-end review, commendation (issues #5, #13): collectives assessed "Tiêu biểu xuất sắc" with no
criticism reason; individuals from the campaign - the authors of those initiatives, no quarter of
the campaign's period below the chosen level, none of a criticised unit automatically; the why /
why-not sentences; Vietnamese order."""
import pytest

from models.campaigns.initiatives import Author
from models.common.codes import Assessment, AuthorRole, InitiativeKind, ListKind, ReviewReason, UnitKind
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


# --- individuals: the authors of the campaign's initiatives (issue 13) -------------------------

HQ = Assessment.HIEU_QUA
POSITION = "Phó Chủ tịch UBND phường"
CONDITION = ("không quý nào trong thời gian của đợt (quý 4/2018, quý 1/2019) xếp loại dưới mức Hoàn thành tốt "
             "nhiệm vụ")


def _person(db, unit_id, quarters, code="CB01", name="Nguyễn Văn An", leader=False):
    staff_id = person(db, code, name, unit_id, position=POSITION)
    if leader:
        db.execute("UPDATE staff SET is_leader = 1 WHERE id = ?", [staff_id])
    classify(db, unit_id, staff_id, quarters)
    return staff_id


def _authors(db, cid, unit_id, authors, assessment=TB, title="Một cửa điện tử", **kw):
    return register(db, cid, unit_id, reported_on=REP, assessment=assessment, title=title, authors=authors, **kw)


def test_the_authors_of_an_outstanding_initiative_are_commended_with_their_role_and_share(db, town):
    cid, p01, _nv, _ = town
    an = _person(db, p01, {4: XS})
    binh = _person(db, p01, {4: TOT}, "CB02", "Trần Thị Bình")
    _authors(db, cid, p01, (Author(an, AuthorRole.CHU_TRI, 60), Author(binh, AuthorRole.THAM_GIA, 40)),
             kind=InitiativeKind.SANG_KIEN)
    review = _review(db, cid)
    found = review.person(an)
    assert found.commended and review.person(binh).commended
    assert (found.author.role, found.author.share) == (AuthorRole.CHU_TRI, 60)
    assert found.quarters == (((2018, 4), XS), ((2019, 1), None))
    assert found.text == "Tác giả chủ trì (đóng góp 60%), sáng kiến được Hội đồng đánh giá Tiêu biểu xuất sắc"
    assert review.why(C, "staff", an) == (
        "Đủ điều kiện nêu gương: là tác giả (chủ trì, 60%) sáng kiến “Một cửa điện tử” được Hội đồng đánh giá "
        f"Tiêu biểu xuất sắc; {CONDITION} (đã xếp loại quý 4/2018).")
    _, individuals = review.candidates(C)
    assert [(e.subject_id, e.name, e.position_unit, e.initiative) for e in individuals] == [
        (an, "Nguyễn Văn An", f"{POSITION}, Ủy ban nhân dân Phường 1", "Sáng kiến “Một cửa điện tử”"),
        (binh, "Trần Thị Bình", f"{POSITION}, Ủy ban nhân dân Phường 1", "Sáng kiến “Một cửa điện tử”")]


def test_people_rated_excellent_but_authoring_nothing_are_not_proposed(db, town):
    """The issue's finding: the list was 52 leaders out of 60; the classification is no longer the source."""
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: XS, 3: XS, 4: XS}, leader=True)
    review = _review(db, cid)
    assert review.person(sid) is None and review.candidates(C) == ([], [])
    assert review.why(C, "staff", sid) == (
        "Không xét: không là tác giả mô hình, sáng kiến, giải pháp nào của đợt thi đua được Hội đồng đánh giá; "
        "muốn nêu gương, Hội đồng thêm vào danh sách và ghi rõ lý do.")


@pytest.mark.parametrize("assessment, reported, why", [
    (HQ, True, "Không đủ điều kiện nêu gương: là tác giả (chủ trì) mô hình “Một cửa điện tử” được đánh giá Hiệu quả "
               "(cần Tiêu biểu xuất sắc)."),
    (Assessment.KHONG_HIEU_QUA, True, "Không đủ điều kiện nêu gương: là tác giả (chủ trì) mô hình “Một cửa điện tử” "
                                      "được đánh giá Không hiệu quả (cần Tiêu biểu xuất sắc)."),
    (None, True, "Không đủ điều kiện nêu gương: là tác giả (chủ trì) mô hình “Một cửa điện tử”, Hội đồng chưa đánh "
                 "giá kết quả."),
    (None, False, "Không đủ điều kiện nêu gương: là tác giả (chủ trì) mô hình “Một cửa điện tử”, chưa báo cáo kết "
                  "quả."),
])
def test_why_an_author_is_not_commended(db, town, assessment, reported, why):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {4: XS})
    register(db, cid, p01, reported_on=REP if reported else None, assessment=assessment, authors=(sid,))
    _assert_not_commended(_review(db, cid), "staff", sid, why)


def test_the_effective_setting_adds_the_authors_of_initiatives_assessed_effective(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {4: TOT})
    _authors(db, cid, p01, (sid,), assessment=HQ)
    assert not _review(db, cid).person(sid).commended
    save_review_settings(db, cid, ReviewSettings(include_effective=True))
    review = _review(db, cid)
    assert review.person(sid).commended
    assert review.person(sid).text == "Tác giả chủ trì, mô hình được Hội đồng đánh giá Hiệu quả"
    chin = _person(db, _nv, {}, "CB09", "Lê Văn Chín")
    _authors(db, cid, _nv, (chin,), assessment=Assessment.KHONG_HIEU_QUA)
    assert _review(db, cid).why(C, "staff", chin).endswith("(cần Tiêu biểu xuất sắc hoặc Hiệu quả).")


@pytest.mark.parametrize("quarters, why_end", [
    ({4: HT}, "nhưng quý 4/2018 xếp loại Hoàn thành nhiệm vụ (điều kiện: " + CONDITION + ")."),
    ({4: KHT}, "nhưng quý 4/2018 xếp loại Không hoàn thành nhiệm vụ (điều kiện: " + CONDITION + ")."),
])
def test_a_quarter_of_the_campaign_below_the_level_keeps_an_author_off(db, town, quarters, why_end):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, quarters)
    _authors(db, cid, p01, (sid,))
    review = _review(db, cid)
    assert not review.person(sid).commended
    assert review.why(C, "staff", sid).endswith(why_end)


def test_quarters_outside_the_campaigns_period_do_not_count(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {2: KHT, 3: HT})  # before the campaign started (02/11/2018)
    _authors(db, cid, p01, (sid,))
    review = _review(db, cid)
    assert review.person(sid).commended
    assert review.why(C, "staff", sid).endswith(f"{CONDITION} (chưa có quý nào được xếp loại).")


def test_the_level_is_a_setting(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {4: TOT})
    _authors(db, cid, p01, (sid,))
    assert _review(db, cid).person(sid).commended
    save_review_settings(db, cid, ReviewSettings(required_level=XS))
    assert not _review(db, cid).person(sid).commended
    save_review_settings(db, cid, ReviewSettings(required_level=HT))
    assert _review(db, cid).person(sid).commended


def test_an_author_of_a_criticised_unit_is_not_proposed_and_adding_one_says_so(db, town):
    from models.yearend.lists import adjust
    from models.yearend.review import list_key
    import datetime as dt

    cid, p01, _nv, _ = town
    sid = _person(db, p01, {4: XS})
    _authors(db, cid, p01, (sid,), registered_on=REG + DAY)  # registered late: P01 is criticised
    review = _review(db, cid)
    assert not review.unit(p01).commended and review.unit(p01).criticised
    assert not review.person(sid).commended
    assert review.why(C, "staff", sid) == (
        "Không đề xuất tự động: là tác giả (chủ trì) mô hình “Một cửa điện tử” được đánh giá Tiêu biểu xuất sắc nhưng "
        "Ủy ban nhân dân Phường 1 bị đề nghị phê bình (Đăng ký trễ hạn); muốn nêu gương, Hội đồng thêm vào danh sách "
        "và ghi rõ lý do.")
    adjust(db, list_key(cid, C), "add", "staff", sid, "Đóng góp chính cho mô hình", dt.datetime(2019, 3, 2),
           text="Chủ trì mô hình Một cửa điện tử")
    review = _review(db, cid)
    assert [e.subject_id for e in review.entries(C)[1]] == [sid]
    assert review.why(C, "staff", sid) == (
        "Được thêm vào danh sách (điều chỉnh): Đóng góp chính cho mô hình. Lưu ý: Ủy ban nhân dân Phường 1 bị đề "
        "nghị phê bình (Đăng ký trễ hạn).")


def test_a_leader_whose_quarter_broke_the_leaders_cap_is_flagged(db, town):
    cid, p01, _nv, _ = town
    an = _person(db, p01, {}, leader=True)
    binh = _person(db, p01, {}, "CB02", "Trần Thị Bình", leader=True)
    classify(db, p01, an, {4: XS})
    save_quarter_both = [(an, XS), (binh, XS)]  # 2/2 leaders excellent: over the 50% cap
    from models.quarters.classifications import Entry, save_quarter
    save_quarter(db, p01, 2018, 4, [Entry(s, lv) for s, lv in save_quarter_both])
    _authors(db, cid, p01, (an,))
    review = _review(db, cid)
    assert review.person(an).commended
    assert review.person(an).flags == (
        "quý 4/2018, Ủy ban nhân dân Phường 1 có 2/2 lãnh đạo xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt mức 50%",)
    assert review.why(C, "staff", an).endswith(
        " Lưu ý - quý vượt giới hạn tỷ lệ: quý 4/2018, Ủy ban nhân dân Phường 1 có 2/2 lãnh đạo xếp loại Hoàn "
        "thành xuất sắc nhiệm vụ, vượt mức 50%.")


def test_a_person_is_not_on_the_criticism_list(db, town):
    cid, p01, _nv, _ = town
    sid = _person(db, p01, {4: KHT})
    _authors(db, cid, p01, (sid,))
    review = _review(db, cid)
    assert review.why(ListKind.CRITICISM, "staff", sid) == "Danh sách phê bình chỉ gồm tập thể."
    assert review.candidates(ListKind.CRITICISM)[1] == []


def test_people_are_listed_in_vietnamese_order_given_name_first(db, town):
    cid, p01, nv, _ = town
    # By code point the given names would sort Anh, Dũng, Ánh, Đạt; Vietnamese order is
    # Anh, Ánh, Dũng, Đạt, and the same given name is ordered by the family name.
    names = [("CB1", "Trần Văn Đạt", p01), ("CB2", "Phạm Thị Ánh", nv), ("CB3", "Nguyễn Văn Dũng", p01),
             ("CB4", "Vũ Văn Anh", nv), ("CB5", "Trần Thị Anh", p01), ("CB6", "Lê Văn Bình", nv)]
    ids = {uid: [] for uid in (p01, nv)}
    for code, name, uid in names:
        ids[uid].append(_person(db, uid, {4: XS}, code, name))
    for uid, authors in ids.items():
        _authors(db, cid, uid, tuple(authors), title=f"Mô hình {uid}")
    expected = ["Trần Thị Anh", "Vũ Văn Anh", "Phạm Thị Ánh", "Lê Văn Bình", "Nguyễn Văn Dũng", "Trần Văn Đạt"]
    review = _review(db, cid)
    assert [p.full_name for p in review.people] == expected
    assert [e.name for e in review.entries(C)[1]] == expected
    assert [e.name for e in draft_list(db, review, C).individuals] == expected


def test_the_draft_commendation_list_has_both_collectives_and_individuals(db, town):
    cid, p01, nv, _ = town
    sid = _person(db, nv, {4: XS})
    other = _person(db, p01, {4: HT}, "CB02", "Lê Văn Bình")
    register(db, cid, p01, reported_on=REP, assessment=TB, authors=(other,))
    register(db, cid, nv, reported_on=REP, assessment=TB, title="Số hóa hồ sơ công chức", authors=(sid,))
    printable = draft_list(db, _review(db, cid), C)
    assert printable.title == "DANH SÁCH TẬP THỂ, CÁ NHÂN TIÊU BIỂU XUẤT SẮC ĐƯỢC NÊU GƯƠNG"
    assert printable.subtitle == "Đợt thi đua cao điểm về Cải cách hành chính năm 2018"
    assert printable.text_heading == "Thành tích"
    assert [e.name for e in printable.collectives] == ["Phòng Nội vụ", "Ủy ban nhân dân Phường 1"]
    assert [(e.subject_id, e.initiative) for e in printable.individuals] == [(sid, "Mô hình “Số hóa hồ sơ công chức”")]
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
