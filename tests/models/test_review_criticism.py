"""Year-end review, criticism (issue #5): every reason with its exact label, each deadline's edge
(the deadline day is on time), reports and registrations dated after the chosen day, switching
reasons off, late joiners with their own deadlines, inactive units, bad settings."""
import datetime as dt
from dataclasses import replace

import pytest

from models.campaigns.campaigns import add_participant
from models.common.codes import Assessment, ListKind, ReviewReason, UnitKind, label
from models.common.errors import DomainError, NotFound, ValidationError
from models.campaigns.initiatives import save_initiative
from models.yearend.review import ReviewSettings, campaign_review, printable_list, review_settings, save_review_settings
from models.people.units import set_unit_active

from .year_end_data import (
    AFTER, CAMPAIGN_NAME, DAY, HT, KHT, LATER, REG, REP, TOT, XS, campaign, dump, head, person, classify, register, unit,
)

R = ReviewReason
NOT_REGISTERED = "Không đăng ký mô hình, sáng kiến, giải pháp"
REGISTERED_LATE = "Đăng ký trễ hạn"
NOT_REPORTED = "Không báo cáo kết quả"
REPORTED_LATE = "Báo cáo kết quả trễ hạn"
INEFFECTIVE = "Thực hiện không hiệu quả"
HEAD_FAILED = "Người đứng đầu không hoàn thành nhiệm vụ"


@pytest.fixture
def p01(db):
    """One ward in the seed's campaign; returns (campaign id, unit id)."""
    unit_id = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    return campaign(db).id, unit_id


def _reasons(db, campaign_id, unit_id, as_of):
    return [f.reason for f in campaign_review(db, campaign_id, as_of).unit(unit_id).findings]


def _why(db, campaign_id, unit_id, as_of):
    return campaign_review(db, campaign_id, as_of).why(ListKind.CRITICISM, "unit", unit_id)


# --- the labels ------------------------------------------------------------------------------


def test_every_reason_has_its_exact_label_from_the_issue():
    assert [label(r) for r in ReviewReason] == [
        NOT_REGISTERED, REGISTERED_LATE, NOT_REPORTED, REPORTED_LATE, INEFFECTIVE, HEAD_FAILED]


# --- registration ----------------------------------------------------------------------------


def test_not_registered_is_not_applied_on_the_registration_deadline_day(db, p01):
    cid, uid = p01
    assert _reasons(db, cid, uid, REG) == []
    assert _why(db, cid, uid, REG) == "Không bị phê bình: chưa đến hạn đăng ký (chậm nhất ngày 03/11/2018)."


def test_not_registered_is_applied_the_day_after_the_registration_deadline(db, p01):
    cid, uid = p01
    review = campaign_review(db, cid, REG + DAY)
    found = review.unit(uid)
    assert [f.reason for f in found.findings] == [R.NOT_REGISTERED]
    assert found.reasons_text == NOT_REGISTERED
    assert review.why(ListKind.CRITICISM, "unit", uid) == (
        "Bị đề nghị phê bình: Không đăng ký mô hình, sáng kiến, giải pháp (hạn đăng ký chậm nhất ngày 03/11/2018).")
    collectives, individuals = review.candidates(ListKind.CRITICISM)
    assert [(e.name, e.position_unit, e.text) for e in collectives] == [
        ("Ủy ban nhân dân Phường 1", "Phường", NOT_REGISTERED)]
    assert individuals == []


@pytest.mark.parametrize("dates, reasons, why", [
    (dict(registered_on=REG, reported_on=REP), [],
     "Không bị phê bình: đăng ký đúng hạn (03/11/2018, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”), báo cáo kết quả đúng hạn (27/01/2019, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”)."),
    (dict(registered_on=REG + DAY, reported_on=REP), [R.REGISTERED_LATE],
     "Bị đề nghị phê bình: Đăng ký trễ hạn (đăng ký ngày 04/11/2018, hạn chậm nhất ngày 03/11/2018)."),
    (dict(reported_on=REP + DAY), [R.REPORTED_LATE],
     "Bị đề nghị phê bình: Báo cáo kết quả trễ hạn (báo cáo ngày 28/01/2019, hạn chậm nhất ngày 27/01/2019)."),
], ids=["registration-on-the-deadline-day-is-on-time", "registration-the-day-after-is-late",
        "a-report-the-day-after-is-late"])
def test_a_date_on_the_deadline_is_on_time_and_the_day_after_is_late(db, p01, dates, reasons, why):
    cid, uid = p01
    register(db, cid, uid, **dates)
    assert _reasons(db, cid, uid, AFTER) == reasons
    assert _why(db, cid, uid, AFTER) == why


def test_a_registration_dated_after_the_chosen_day_does_not_count_yet(db, p01):
    cid, uid = p01
    register(db, cid, uid, registered_on=REG + 5 * DAY)
    assert _reasons(db, cid, uid, REG + DAY) == [R.NOT_REGISTERED]
    assert _reasons(db, cid, uid, REG + 4 * DAY) == [R.NOT_REGISTERED]
    assert _reasons(db, cid, uid, REG + 5 * DAY) == [R.REGISTERED_LATE]


# --- report ----------------------------------------------------------------------------------


def test_a_report_on_the_report_deadline_day_is_on_time(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP)
    assert _reasons(db, cid, uid, REP) == []
    assert _reasons(db, cid, uid, AFTER) == []


def test_not_reported_is_applied_only_after_the_report_deadline(db, p01):
    cid, uid = p01
    register(db, cid, uid)
    assert _reasons(db, cid, uid, REP) == []
    assert _why(db, cid, uid, REP) == (
        "Không bị phê bình: đăng ký đúng hạn (03/11/2018, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”), chưa đến hạn báo cáo (chậm nhất ngày 27/01/2019).")
    assert _reasons(db, cid, uid, REP + DAY) == [R.NOT_REPORTED]
    assert _why(db, cid, uid, REP + DAY) == (
        "Bị đề nghị phê bình: Không báo cáo kết quả (hạn báo cáo chậm nhất ngày 27/01/2019).")


def test_a_report_dated_after_the_chosen_day_does_not_count_yet(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP + 10 * DAY)
    assert _reasons(db, cid, uid, REP) == []
    assert _reasons(db, cid, uid, REP + 9 * DAY) == [R.NOT_REPORTED]
    assert _reasons(db, cid, uid, REP + 10 * DAY) == [R.REPORTED_LATE]


# --- assessment and head ---------------------------------------------------------------------


def test_an_initiative_assessed_not_effective_is_ineffective(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP, assessment=Assessment.KHONG_HIEU_QUA)
    review = campaign_review(db, cid, AFTER)
    assert [f.reason for f in review.unit(uid).findings] == [R.INEFFECTIVE]
    assert review.unit(uid).reasons_text == INEFFECTIVE
    assert review.why(ListKind.CRITICISM, "unit", uid) == (
        "Bị đề nghị phê bình: Thực hiện không hiệu quả (Hội đồng đánh giá Không hiệu quả).")


def test_an_assessment_of_a_report_dated_after_the_chosen_day_is_not_used_yet(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP, assessment=Assessment.KHONG_HIEU_QUA)
    assert _reasons(db, cid, uid, REP - DAY) == []
    assert _reasons(db, cid, uid, REP) == [R.INEFFECTIVE]


@pytest.mark.parametrize("assessment", [Assessment.HIEU_QUA, Assessment.TIEU_BIEU])
def test_an_effective_initiative_is_not_ineffective(db, p01, assessment):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP, assessment=assessment)
    assert _reasons(db, cid, uid, AFTER) == []


def test_a_head_who_failed_in_the_campaigns_year_is_a_reason(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP)
    head(db, uid, KHT, year=2018)
    assert _reasons(db, cid, uid, AFTER) == [R.HEAD_FAILED]
    assert _why(db, cid, uid, AFTER) == (
        "Bị đề nghị phê bình: Người đứng đầu không hoàn thành nhiệm vụ (đánh giá năm 2018).")


def test_a_head_who_failed_in_another_year_is_not_a_reason(db, p01):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP)
    head(db, uid, KHT, year=2017)
    head(db, uid, KHT, year=2019)
    assert _reasons(db, cid, uid, AFTER) == []


@pytest.mark.parametrize("level, text", [
    (XS, "hoàn thành xuất sắc nhiệm vụ"), (TOT, "hoàn thành tốt nhiệm vụ"), (HT, "hoàn thành nhiệm vụ")])
def test_a_head_who_completed_the_tasks_is_named_in_the_why_not(db, p01, level, text):
    cid, uid = p01
    register(db, cid, uid, reported_on=REP)
    head(db, uid, level)
    assert _reasons(db, cid, uid, AFTER) == []
    assert _why(db, cid, uid, AFTER) == (
        f"Không bị phê bình: đăng ký đúng hạn (03/11/2018, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”), báo cáo kết quả đúng hạn (27/01/2019, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”), người đứng đầu {text} năm 2018.")


def test_a_unit_with_several_reasons_gets_all_of_them_in_order(db, p01):
    cid, uid = p01
    register(db, cid, uid, registered_on=REG + DAY, reported_on=REP + DAY, assessment=Assessment.KHONG_HIEU_QUA)
    head(db, uid, KHT)
    review = campaign_review(db, cid, AFTER)
    assert [f.reason for f in review.unit(uid).findings] == [
        R.REGISTERED_LATE, R.REPORTED_LATE, R.INEFFECTIVE, R.HEAD_FAILED]
    collectives, _ = review.candidates(ListKind.CRITICISM)
    lower = [t[0].lower() + t[1:] for t in (REPORTED_LATE, INEFFECTIVE, HEAD_FAILED)]
    assert [e.text for e in collectives] == ["; ".join([REGISTERED_LATE, *lower])]  # "; " joins in lower case


def test_not_registered_and_head_failed_together(db, p01):
    cid, uid = p01
    head(db, uid, KHT)
    assert _reasons(db, cid, uid, AFTER) == [R.NOT_REGISTERED, R.HEAD_FAILED]


def test_registered_late_and_not_reported(db, p01):
    cid, uid = p01
    register(db, cid, uid, registered_on=REG + DAY)
    assert _reasons(db, cid, uid, AFTER) == [R.REGISTERED_LATE, R.NOT_REPORTED]


def test_with_two_initiatives_one_unreported_is_enough_for_not_reported(db):
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db, max_per_unit=2).id
    register(db, cid, uid, reported_on=REP, title="Một cửa điện tử")
    register(db, cid, uid, title="Dân vận khéo")
    assert _reasons(db, cid, uid, AFTER) == [R.NOT_REPORTED]


# --- switching reasons off --------------------------------------------------------------------


def _only_off(reason):
    return ReviewSettings(disabled_reasons=frozenset({reason}))


@pytest.mark.parametrize("reason, build, label_", [
    (R.NOT_REGISTERED, lambda db, c, u: None, NOT_REGISTERED),
    (R.REGISTERED_LATE, lambda db, c, u: register(db, c, u, registered_on=REG + DAY, reported_on=REP),
     REGISTERED_LATE),
    (R.NOT_REPORTED, lambda db, c, u: register(db, c, u), NOT_REPORTED),
    (R.REPORTED_LATE, lambda db, c, u: register(db, c, u, reported_on=REP + DAY), REPORTED_LATE),
    (R.INEFFECTIVE, lambda db, c, u: register(db, c, u, reported_on=REP, assessment=Assessment.KHONG_HIEU_QUA),
     INEFFECTIVE),
    (R.HEAD_FAILED, lambda db, c, u: (register(db, c, u, reported_on=REP), head(db, u, KHT)), HEAD_FAILED),
])
def test_a_reason_switched_off_disappears_and_the_why_says_it_is_not_applied(db, p01, reason, build, label_):
    cid, uid = p01
    build(db, cid, uid)
    assert _reasons(db, cid, uid, AFTER) == [reason]
    save_review_settings(db, cid, _only_off(reason))
    assert review_settings(db, cid).disabled_reasons == {reason}
    review = campaign_review(db, cid, AFTER)
    assert review.unit(uid).findings == ()
    assert review.candidates(ListKind.CRITICISM) == ([], [])
    why = review.why(ListKind.CRITICISM, "unit", uid)
    assert why.startswith("Không bị phê bình: ")
    assert why.endswith(f"(lý do “{label_}” không áp dụng trong đợt này).")


def test_switching_one_reason_off_keeps_the_others(db, p01):
    cid, uid = p01
    register(db, cid, uid, registered_on=REG + DAY)
    head(db, uid, KHT)
    save_review_settings(db, cid, _only_off(R.NOT_REPORTED))
    assert _reasons(db, cid, uid, AFTER) == [R.REGISTERED_LATE, R.HEAD_FAILED]
    save_review_settings(db, cid, ReviewSettings())
    assert _reasons(db, cid, uid, AFTER) == [R.REGISTERED_LATE, R.NOT_REPORTED, R.HEAD_FAILED]


def test_settings_are_per_campaign_and_default_when_never_saved(db, p01):
    cid, uid = p01
    other = campaign(db, name="Phong trào thi đua Dân vận khéo", unit_ids=[uid]).id
    save_review_settings(db, cid, ReviewSettings(frozenset({R.HEAD_FAILED}), XS, True))
    assert review_settings(db, cid) == ReviewSettings(frozenset({R.HEAD_FAILED}), XS, True)
    assert review_settings(db, other) == ReviewSettings(frozenset(), TOT, False)
    assert db.execute("SELECT campaign_id, disabled_reasons, required_level, include_effective FROM review_config"
                      ).fetchall() == [(cid, '["crit_head_failed"]', "xuat_sac", 1)]


# --- late joiners and inactive units ---------------------------------------------------------


@pytest.fixture
def late(db, p01):
    """P03 joins on 20/11/2018: its own deadlines are 21/11/2018 and 14/02/2019."""
    cid, _ = p01
    uid = unit(db, "P03", "Ủy ban nhân dân Phường 3")
    joined = add_participant(db, cid, uid, dt.date(2018, 11, 20))
    assert (joined.registration_deadline, joined.report_deadline) == (dt.date(2018, 11, 21), dt.date(2019, 2, 14))
    return cid, uid


def test_a_late_joiner_not_registered_uses_its_own_registration_deadline(db, late):
    cid, uid = late
    assert _reasons(db, cid, uid, dt.date(2018, 11, 21)) == []
    assert _why(db, cid, uid, dt.date(2018, 11, 21)) == "Không bị phê bình: chưa đến hạn đăng ký (chậm nhất ngày 21/11/2018)."
    assert _reasons(db, cid, uid, dt.date(2018, 11, 22)) == [R.NOT_REGISTERED]


def test_a_late_joiner_registering_on_its_own_deadline_is_on_time_and_the_day_after_late(db, late):
    cid, uid = late
    initiative = register(db, cid, uid, registered_on=dt.date(2018, 11, 21))
    assert _reasons(db, cid, uid, dt.date(2018, 12, 1)) == []
    save_initiative(db, replace(initiative, registered_on=dt.date(2018, 11, 22)), LATER)
    assert _reasons(db, cid, uid, dt.date(2018, 12, 1)) == [R.REGISTERED_LATE]
    assert _why(db, cid, uid, dt.date(2018, 12, 1)) == (
        "Bị đề nghị phê bình: Đăng ký trễ hạn (đăng ký ngày 22/11/2018, hạn chậm nhất ngày 21/11/2018).")


def test_a_late_joiner_reports_by_its_own_report_deadline(db, late):
    cid, uid = late
    initiative = register(db, cid, uid, registered_on=dt.date(2018, 11, 21), reported_on=dt.date(2019, 2, 14))
    assert _reasons(db, cid, uid, AFTER) == []  # after the campaign's 27/01/2019, on its own deadline
    save_initiative(db, replace(initiative, reported_on=None), LATER)
    assert _reasons(db, cid, uid, dt.date(2019, 2, 14)) == []
    assert _reasons(db, cid, uid, dt.date(2019, 2, 15)) == [R.NOT_REPORTED]


def test_a_late_joiner_not_yet_joined_on_the_chosen_day_is_not_considered(db, late):
    cid, uid = late
    review = campaign_review(db, cid, dt.date(2018, 11, 19))
    assert review.unit(uid) is None
    assert [u.unit_code for u in review.units] == ["P01"]
    assert review.why(ListKind.CRITICISM, "unit", uid) == "Đơn vị không tham gia đợt thi đua này."
    assert campaign_review(db, cid, dt.date(2018, 11, 20)).unit(uid) is not None


def test_an_inactive_unit_is_listed_but_never_criticised_and_its_people_are_not_considered(db, p01):
    cid, uid = p01
    person_id = person(db, "CB01", "Nguyễn Văn An", uid)
    classify(db, uid, person_id, {2: XS, 3: XS, 4: XS})
    head(db, uid, KHT)
    set_unit_active(db, uid, False)
    review = campaign_review(db, cid, AFTER)
    found = review.unit(uid)
    assert (found.active, found.findings, found.commended) == (False, (), False)
    assert review.why(ListKind.CRITICISM, "unit", uid) == "Không xét: đơn vị đã ngừng hoạt động."
    assert review.why(ListKind.COMMENDATION, "unit", uid) == "Không xét: đơn vị đã ngừng hoạt động."
    assert review.candidates(ListKind.CRITICISM) == ([], [])
    assert review.people == ()


def test_a_unit_not_in_the_campaign_is_not_reviewed(db, p01):
    cid, _ = p01
    outsider = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)  # created after the campaign
    review = campaign_review(db, cid, AFTER)
    assert review.unit(outsider) is None
    assert review.why(ListKind.COMMENDATION, "unit", outsider) == "Đơn vị không tham gia đợt thi đua này."


def test_units_are_listed_offices_first_then_wards_in_vietnamese_order(db):
    for code, name, kind in [("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
                             ("P9", "Ủy ban nhân dân Phường 9", UnitKind.PHUONG),
                             ("TP", "Phòng Tư pháp", UnitKind.CO_QUAN),
                             ("DT", "Quận đoàn", UnitKind.MAT_TRAN),
                             ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN)]:
        unit(db, code, name, kind)
    cid = campaign(db).id
    review = campaign_review(db, cid, AFTER)
    assert [u.unit_name for u in review.units] == [
        "Phòng Nội vụ", "Phòng Tư pháp", "Quận đoàn", "Ủy ban nhân dân Phường 9", "Ủy ban nhân dân Phường 10"]
    collectives, _ = review.entries(ListKind.CRITICISM)
    assert [e.name for e in collectives] == [u.unit_name for u in review.units]


# --- bad input -------------------------------------------------------------------------------


def test_a_campaign_with_no_units_is_refused_with_a_clear_message(db):
    unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db, unit_ids=[]).id
    before = dump(db)
    message = f"Đợt thi đua “{CAMPAIGN_NAME}” chưa có đơn vị tham gia nào: không có gì để xét"
    with pytest.raises(DomainError) as caught:
        campaign_review(db, cid, AFTER)
    assert str(caught.value) == message
    with pytest.raises(DomainError) as caught:
        printable_list(db, cid, ListKind.CRITICISM, AFTER)
    assert str(caught.value) == message
    assert dump(db) == before


def test_an_unknown_campaign_is_not_found(db):
    with pytest.raises(NotFound) as caught:
        campaign_review(db, 99, AFTER)
    assert str(caught.value) == "Không có đợt thi đua số 99"
    with pytest.raises(NotFound):
        save_review_settings(db, 99, ReviewSettings())


def test_a_quarterly_level_that_is_not_a_level_is_refused_and_nothing_written(db, p01):
    cid, _ = p01
    save_review_settings(db, cid, ReviewSettings(frozenset({R.HEAD_FAILED}), XS))
    before = dump(db)
    with pytest.raises(ValidationError) as caught:
        save_review_settings(db, cid, ReviewSettings(required_level="A"))
    assert caught.value.errors == {"required_level": "Chưa chọn mức xếp loại quý tối thiểu"}
    assert dump(db) == before
    assert review_settings(db, cid).required_level == XS


# --- "trước ngày X": the deadline day itself is late (issue 13) --------------------------------


@pytest.mark.parametrize("registered, reported, why", [
    (REG - DAY, REP - DAY, "Không bị phê bình: đăng ký đúng hạn (02/11/2018), báo cáo kết quả đúng hạn."),
    (REG, REP - DAY, "Bị đề nghị phê bình: Đăng ký trễ hạn (đăng ký ngày 03/11/2018, hạn trước ngày 03/11/2018)."),
    (REG - DAY, REP, "Bị đề nghị phê bình: Báo cáo kết quả trễ hạn (báo cáo ngày 27/01/2019, hạn trước ngày "
                     "27/01/2019)."),
])
def test_before_the_day_the_deadline_day_itself_is_late(db, registered, reported, why):
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db, deadline_day_counts=False).id
    register(db, cid, uid, registered_on=registered, reported_on=reported)
    assert campaign_review(db, cid, AFTER).why(ListKind.CRITICISM, "unit", uid) == why


def test_before_the_day_not_registering_is_a_reason_from_the_deadline_day_itself(db):
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db, deadline_day_counts=False).id
    assert campaign_review(db, cid, REG - DAY).why(ListKind.CRITICISM, "unit", uid) == (
        "Không bị phê bình: chưa đến hạn đăng ký (trước ngày 03/11/2018).")
    assert campaign_review(db, cid, REG).why(ListKind.CRITICISM, "unit", uid) == (
        "Bị đề nghị phê bình: Không đăng ký mô hình, sáng kiến, giải pháp (hạn đăng ký trước ngày 03/11/2018).")
