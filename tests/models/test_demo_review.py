"""The 2018 sample data exercises issue 13: the campaign's commended individuals are its authors,
a co-author from a criticised unit is not proposed, a registration on the deadline day is on time,
a head rating decided late counts only from its date, recognitions inside and outside the campaign.
The figures: 13 criticised and 6 commended collectives (unchanged), 12 commended individuals (the
old rule proposed every person rated excellent in every quarter: 60)."""
import datetime as dt

import pytest

from models.campaigns.campaigns import list_campaigns
from models.campaigns.recognitions import list_recognitions, recognised_initiatives
from models.common.codes import ListKind, RecognitionBody, ReviewReason
from models.people.heads import list_evaluations
from models.yearend.review import campaign_review

from .demo_data import demo  # noqa: F401  (demo is a fixture)

REVIEW_DAY = dt.date(2019, 1, 28)  # the review's default: the day after the report deadline
K, C = ListKind.CRITICISM, ListKind.COMMENDATION


@pytest.fixture(scope="module")
def review(demo):
    (campaign,) = list_campaigns(demo)
    return campaign_review(demo, campaign.id, REVIEW_DAY)


def test_the_lists_figures(review):
    assert len(review.entries(K)[0]) == 13
    collectives, individuals = review.entries(C)
    assert (len(collectives), len(individuals)) == (6, 12)
    # Every commended person authored an initiative assessed "Tiêu biểu xuất sắc", and none belongs to a
    # criticised unit.
    criticised = {u.unit_id for u in review.units if u.criticised}
    for e in individuals:
        person = review.person(e.subject_id)
        assert person.initiative.assessment == "tieu_bieu" and person.unit_id not in criticised
        assert e.initiative == person.initiative_text and e.text.startswith("Tác giả ")


def test_a_co_author_of_a_criticised_unit_is_not_proposed(review):
    (person,) = [p for p in review.people if p.why.startswith("Không đề xuất tự động")]
    assert not person.commended and person.initiative.unit_id != person.unit_id  # a co-author from elsewhere
    assert review.why(C, "staff", person.staff_id).startswith("Không đề xuất tự động: là tác giả (tham gia) ")
    assert "bị đề nghị phê bình (Không đăng ký mô hình, sáng kiến, giải pháp; người đứng đầu không hoàn thành " \
           "nhiệm vụ); muốn nêu gương, Hội đồng thêm vào danh sách và ghi rõ lý do." in review.why(C, "staff",
                                                                                                person.staff_id)


def test_a_registration_on_the_deadline_day_is_on_time_and_says_so(review):
    on_the_day = [u for u in review.units if "03/11/2018, đúng ngày hạn" in u.why_criticism]
    assert on_the_day
    assert all(ReviewReason.REGISTERED_LATE not in {f.reason for f in u.findings} for u in on_the_day)


def test_the_failed_head_decided_late_counts_only_from_its_date(demo, review):
    (failed,) = [e for e in list_evaluations(demo, 2018) if e.level == "khong_hoan_thanh"]
    assert failed.decided_on == dt.date(2019, 1, 15)
    assert ReviewReason.HEAD_FAILED in {f.reason for f in review.unit(failed.unit_id).findings}
    earlier = campaign_review(demo, review.campaign.id, dt.date(2019, 1, 14))
    assert ReviewReason.HEAD_FAILED not in {f.reason for f in earlier.unit(failed.unit_id).findings}
    assert earlier.unit(failed.unit_id).why_criticism.endswith(
        "(hạn đăng ký chậm nhất ngày 03/11/2018). Đánh giá người đứng đầu năm 2018 (quyết định ngày 15/01/2019) chưa "
        "tính vì sau ngày xét.")


def test_recognitions_inside_and_outside_the_campaign(demo):
    found = list_recognitions(demo)
    outside = [r for r in found if r.initiative_id is None]
    assert [(r.name, r.body, r.unit_name) for r in outside] == [
        ("Sổ tay hướng dẫn thủ tục chứng thực bỏ túi", RecognitionBody.QUAN, "Phòng Tư pháp")]
    assert len(outside[0].authors) == 2
    inside = [r for r in found if r.initiative_id is not None]
    assert inside and all(r.body == RecognitionBody.CO_SO for r in inside)
    people = recognised_initiatives(demo, 2018)
    assert any(x.recognition.initiative_id is None for items in people.values() for x in items)
