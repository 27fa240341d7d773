"""Dated facts count only from their date (issue 13): a list "as of" a day uses the head-of-unit
evaluations decided by then, the quarters submitted (or locked) by then, and the reports received
by then."""
import datetime as dt

import pytest

from models.common.codes import Assessment, ListKind, ReviewReason
from models.common.errors import ValidationError
from models.people.heads import HeadEvaluation, get_evaluation, save_evaluation
from models.quarters.classifications import Entry, lock_quarter, save_quarter
from models.quarters.known import known_since
from models.yearend.review import campaign_review

from .year_end_data import HT, KHT, LATER, REG, REP, XS, campaign, person, register, unit

K, C = ListKind.CRITICISM, ListKind.COMMENDATION
TB = Assessment.TIEU_BIEU


@pytest.fixture
def p01(db):
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db).id
    register(db, cid, uid, reported_on=REP)
    return cid, uid


def _reasons(db, cid, uid, as_of):
    return [f.reason for f in campaign_review(db, cid, as_of).unit(uid).findings]


# --- head-of-unit evaluations --------------------------------------------------------------------


def test_a_head_rating_decided_in_january_does_not_criticise_the_unit_as_of_november(db, p01):
    cid, uid = p01
    save_evaluation(db, HeadEvaluation(unit_id=uid, year=2018, level=KHT, decided_on=dt.date(2019, 1, 15)))
    assert get_evaluation(db, uid, 2018).decided_on == dt.date(2019, 1, 15)
    assert _reasons(db, cid, uid, dt.date(2018, 11, 3)) == []
    assert campaign_review(db, cid, dt.date(2019, 1, 14)).why(K, "unit", uid) == (
        "Không bị phê bình: đăng ký đúng hạn (03/11/2018, đúng ngày hạn: đợt ghi hạn “chậm nhất ngày”), chưa đến "
        "hạn báo cáo (chậm nhất ngày 27/01/2019). Đánh giá người đứng đầu năm 2018 (quyết định ngày 15/01/2019) chưa "
        "tính vì sau ngày xét.")
    review = campaign_review(db, cid, dt.date(2019, 1, 15))  # the day it was decided
    assert [f.reason for f in review.unit(uid).findings] == [ReviewReason.HEAD_FAILED]
    assert review.why(K, "unit", uid).endswith(
        "Người đứng đầu không hoàn thành nhiệm vụ (đánh giá năm 2018, quyết định ngày 15/01/2019).")


def test_a_head_rating_without_a_decision_date_counts_from_the_end_of_its_year(db, p01):
    cid, uid = p01
    save_evaluation(db, HeadEvaluation(unit_id=uid, year=2018, level=KHT))
    assert _reasons(db, cid, uid, dt.date(2018, 12, 30)) == []
    assert campaign_review(db, cid, dt.date(2018, 12, 30)).why(K, "unit", uid).endswith(
        "Đánh giá người đứng đầu năm 2018 (chưa ghi ngày quyết định, tính từ 31/12/2018) chưa tính vì sau ngày xét.")
    assert _reasons(db, cid, uid, dt.date(2018, 12, 31)) == [ReviewReason.HEAD_FAILED]


@pytest.mark.parametrize("decided, ok", [
    (dt.date(2017, 12, 31), False), (dt.date(2018, 1, 1), True), (dt.date(2019, 12, 31), True),
    (dt.date(2020, 1, 1), False),
])
def test_a_decision_date_outside_the_year_and_the_next_is_refused(db, p01, decided, ok):
    _cid, uid = p01
    evaluation = HeadEvaluation(unit_id=uid, year=2018, level=XS, decided_on=decided)
    if ok:
        assert save_evaluation(db, evaluation).decided_on == decided
        return
    with pytest.raises(ValidationError) as caught:
        save_evaluation(db, evaluation)
    assert caught.value.errors == {"decided_on": (
        f"Ngày quyết định {decided:%d/%m/%Y} không thuộc năm 2018 hoặc năm 2019: đánh giá năm nào được quyết định "
        "trong năm đó hoặc đầu năm sau")}
    assert db.execute("SELECT count(*) FROM head_evaluation").fetchone() == (0,)


# --- quarterly classifications: by the quarter's submission or lock date ----------------------------


@pytest.fixture
def author(db):
    """P01's initiative "Tiêu biểu xuất sắc", reported 20/01/2019; An its author, Q4/2018 rated
    Hoàn thành nhiệm vụ (below the review's level)."""
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db).id
    an = person(db, "CB01", "Nguyễn Văn An", uid)
    register(db, cid, uid, registered_on=REG, reported_on=dt.date(2019, 1, 20), assessment=TB, authors=(an,))
    return db, cid, uid, an


def test_a_quarter_counts_from_the_day_the_unit_submitted_it(author):
    db, cid, uid, an = author
    save_quarter(db, uid, 2018, 4, [Entry(an, HT)], submitted_on=dt.date(2019, 1, 25), today=LATER)
    assert known_since(db, uid, 2018, 4) == dt.date(2019, 1, 25)
    before = campaign_review(db, cid, dt.date(2019, 1, 24))
    assert before.person(an).commended
    assert before.person(an).quarters == (((2018, 4), None), ((2019, 1), None))
    on_the_day = campaign_review(db, cid, dt.date(2019, 1, 25))
    assert not on_the_day.person(an).commended
    assert "quý 4/2018 xếp loại Hoàn thành nhiệm vụ" in on_the_day.why(C, "staff", an)


def test_a_quarter_never_submitted_counts_from_its_first_lock(author):
    db, cid, uid, an = author
    save_quarter(db, uid, 2018, 4, [Entry(an, HT)], today=LATER)
    lock_quarter(db, uid, 2018, 4, dt.datetime(2019, 1, 22, 9, 30))
    assert known_since(db, uid, 2018, 4) == dt.date(2019, 1, 22)
    assert campaign_review(db, cid, dt.date(2019, 1, 21)).person(an).commended
    assert not campaign_review(db, cid, dt.date(2019, 1, 22)).person(an).commended


def test_a_quarter_with_no_date_counts_from_the_day_after_it_ends(author):
    db, _cid, uid, an = author
    save_quarter(db, uid, 2018, 4, [Entry(an, HT)], today=LATER)
    assert known_since(db, uid, 2018, 4) == dt.date(2019, 1, 1)
