"""Sample data for the seed's campaign: "Đợt thi đua cao điểm về Cải cách hành chính" (Gò Vấp, 2018).

Registration before 03/11/2018, results before 27/01/2019. A realistic mix: most units on time
(17 of them on the deadline day itself, which the campaign counts: "chậm nhất ngày"), a few late, a
few missing, assessments of every kind, and the heads' evaluations for 2018 (decided 28/12/2018; the
failed head of a unit that never registered only on 15/01/2019). Each initiative's authors carry
their role and share; the sáng kiến assessed "Tiêu biểu xuất sắc" are recognised by the Hội đồng sáng
kiến cơ sở, and one initiative outside the campaign by the district's council. One outstanding
initiative has a co-author from a unit that never registered (the review does not propose her).
Deterministic: one seeded generator, no clock.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlite_utils import Database

from models.campaigns.campaigns import DEFAULT_FIELDS, Campaign, save_campaign
from models.campaigns.recognitions import Recognition, save_recognition
from models.common.codes import Assessment, AuthorRole, HeadLevel, InitiativeKind, RecognitionBody, RecognitionScope
from models.people.heads import Criterion, HeadEvaluation, criteria_template, save_evaluation
from models.campaigns.initiatives import Author, Initiative, save_initiative

SEED = 2019
# The sample is entered as of this day: the report deadline has passed, the council has met.
ENTERED_ON = dt.date(2019, 3, 1)
CAMPAIGN = Campaign(
    name="Đợt thi đua cao điểm về Cải cách hành chính",
    year=2018,
    start_date=dt.date(2018, 11, 2),
    registration_deadline=dt.date(2018, 11, 3),
    report_deadline=dt.date(2019, 1, 27),
    description=(
        "Phát động ngày 02/11/2018 theo Kế hoạch số 4776/KH-UBND ngày 23/10/2018 của UBND Thành phố. "
        "Mỗi cơ quan, đơn vị, UBND 16 phường đăng ký 01 mô hình, sáng kiến, giải pháp."
    ),
)

TITLES = {
    DEFAULT_FIELDS[0]: ["Ứng dụng phần mềm một cửa điện tử trong tiếp nhận hồ sơ",
                        "Tra cứu tình trạng hồ sơ qua tin nhắn và mã QR"],
    DEFAULT_FIELDS[1]: ["Giải quyết hồ sơ hộ tịch trước hẹn một ngày",
                        "Theo dõi hồ sơ trễ hạn bằng bảng điện tử tại bộ phận một cửa"],
    DEFAULT_FIELDS[2]: ["Công khai danh mục thành phần hồ sơ tại từng quầy tiếp nhận"],
    DEFAULT_FIELDS[3]: ["Số hóa hồ sơ lưu trữ phục vụ chính quyền điện tử"],
    DEFAULT_FIELDS[4]: ["Hướng dẫn người dân nộp hồ sơ trực tuyến mức độ 3, 4",
                        "Một cửa liên thông đăng ký khai sinh, thường trú, bảo hiểm y tế cho trẻ dưới 6 tuổi"],
    DEFAULT_FIELDS[5]: ["Rà soát, đơn giản hóa thủ tục chứng thực bản sao"],
    DEFAULT_FIELDS[6]: ["Ủy quyền ký chứng thực cho Phó Chủ tịch phường"],
    DEFAULT_FIELDS[7]: ["Khảo sát sự hài lòng của người dân bằng máy tính bảng"],
    DEFAULT_FIELDS[8]: ["Mô hình “Dân vận khéo” trong vận động chỉnh trang đô thị",
                        "Tổ dân phố tự quản về an ninh trật tự"],
    DEFAULT_FIELDS[9]: ["Chi trả thu nhập tăng thêm gắn với kết quả xếp loại hằng quý"],
    DEFAULT_FIELDS[10]: ["Sắp xếp lại vị trí việc làm, nâng cao năng suất lao động"],
}
KINDS = (InitiativeKind.MO_HINH, InitiativeKind.SANG_KIEN, InitiativeKind.GIAI_PHAP)


@dataclass(frozen=True)
class CampaignPlan:
    """A sample campaign and its mix of units: how many never register, register late, do not
    report, report late, and how the reports are assessed (2018's seed campaign by default). A
    report or an assessment that would come after ``entered_on`` is not there yet: a campaign still
    in progress."""

    campaign: Campaign = CAMPAIGN
    seed: int = SEED
    entered_on: dt.date = ENTERED_ON
    missing: int = 3  # units that never register
    late: int = 4  # registered after the deadline
    not_reported: int = 2
    reported_late: int = 3
    not_effective: int = 3
    outstanding: int = 6
    not_assessed: int = 2
    heads: bool = True  # the heads' evaluations of the campaign's year
    # The 2018 seed's own cases (issue #13): dated head evaluations, one decided late, the outstanding
    # sáng kiến recognised in 2019, a co-author from a unit that never registered, an initiative
    # recognised outside any campaign.
    story: bool = True


SHARES = {1: (100,), 2: (60, 40), 3: (50, 30, 20)}  # the authors' shares in percent, chủ trì first
RECOGNISED_ON = dt.date(2019, 2, 15)  # the Hội đồng sáng kiến cơ sở's decisions
HEADS_DECIDED_ON = dt.date(2018, 12, 28)
LATE_HEAD_DECIDED_ON = dt.date(2019, 1, 15)  # the failed head: decided after the others
# An initiative recognised outside any campaign (by the district's council, before the campaign).
OUTSIDE = ("TP", "Sổ tay hướng dẫn thủ tục chứng thực bỏ túi", "125/QĐ-UBND", dt.date(2018, 9, 20))


def _authors(staff_ids) -> tuple[Author, ...]:
    shares = SHARES[len(staff_ids)] if staff_ids else ()
    return tuple(Author(s, AuthorRole.CHU_TRI if n == 0 else AuthorRole.THAM_GIA, share)
                 for n, (s, share) in enumerate(zip(staff_ids, shares)))


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def build_demo_campaign(db: Database, plan: CampaignPlan = CampaignPlan()) -> int:
    """Add the sample campaign with initiatives and the heads' evaluations; returns its id."""
    rng = random.Random(plan.seed)
    spec, days = plan.campaign, dt.timedelta
    campaign = save_campaign(db, spec)
    units = db.execute(
        "SELECT u.id, u.code, u.name FROM campaign_unit cu JOIN unit u ON u.id = cu.unit_id "
        "WHERE cu.campaign_id = ? ORDER BY u.code", [campaign.id]
    ).fetchall()
    order = list(range(len(units)))
    rng.shuffle(order)
    missing = set(order[:plan.missing])
    late = set(order[plan.missing:plan.missing + plan.late])
    registered = [i for i in range(len(units)) if i not in missing]
    rng.shuffle(registered)
    not_reported = set(registered[:plan.not_reported])
    reported_late = set(registered[plan.not_reported:plan.not_reported + plan.reported_late])
    reported = [i for i in registered if i not in not_reported]
    rng.shuffle(reported)
    cut = [plan.not_effective, plan.not_effective + plan.outstanding,
           plan.not_effective + plan.outstanding + plan.not_assessed]
    assessment = {}
    for n, i in enumerate(reported):
        assessment[i] = (Assessment.KHONG_HIEU_QUA if n < cut[0] else Assessment.TIEU_BIEU if n < cut[1]
                         else None if n < cut[2] else Assessment.HIEU_QUA)
    assessed = spec.report_deadline < plan.entered_on  # the council assesses after the deadline
    # The campaign's own fields (a ward's delegation field is worded for a ward), with the titles
    # written for the default field at the same place.
    fields, titles = list(spec.fields), list(TITLES.values())
    recognised: list[int] = []
    outsider = _outside_co_author(db, [units[i][0] for i in sorted(missing)]) if plan.story else None
    for i, (unit_id, code, name) in enumerate(units):
        if i in missing:
            continue
        at = rng.randrange(len(fields))
        field = fields[at]
        title = rng.choice(titles[at])
        if i in late:
            registered_on = _day(rng, spec.registration_deadline + days(2), spec.registration_deadline + days(17))
        else:
            registered_on = _day(rng, spec.start_date, spec.registration_deadline)
        reported_on = None
        if i not in not_reported:
            reported_on = (_day(rng, spec.report_deadline + days(1), spec.report_deadline + days(16)) if i in reported_late
                           else _day(rng, spec.report_deadline - days(19), spec.report_deadline))
            if reported_on > plan.entered_on:
                reported_on = None
        staff = [r[0] for r in db.execute(
            "SELECT s.id FROM staff s JOIN staff_unit h ON h.staff_id = s.id AND h.unit_id = ? "
            "WHERE s.ended_on IS NULL ORDER BY s.id", [unit_id]
        )]
        kind = KINDS[rng.randrange(3)]
        verdict = assessment.get(i) if assessed and reported_on else None
        authors = _authors(rng.sample(staff, k=min(len(staff), rng.randint(1, 3))))
        if verdict == Assessment.TIEU_BIEU and outsider is not None:  # the first outstanding one only
            authors, outsider = authors + (Author(outsider),), None
        saved = save_initiative(db, Initiative(
            campaign_id=campaign.id, unit_id=unit_id, title=title, kind=kind, field=field,
            registered_on=registered_on, reported_on=reported_on,
            result_summary=("Đã triển khai tại bộ phận tiếp nhận và trả kết quả; người dân đánh giá tốt."
                            if reported_on else ""),
            assessment=verdict,
            assessment_note={Assessment.KHONG_HIEU_QUA: "Chưa triển khai thực tế, kết quả chưa rõ.",
                             Assessment.TIEU_BIEU: "Có thể nhân rộng ra các đơn vị khác."}.get(verdict, ""),
            authors=authors,
        ), plan.entered_on)
        if verdict == Assessment.TIEU_BIEU and kind == InitiativeKind.SANG_KIEN:
            recognised.append(saved.id)
    if plan.story:
        for n, initiative_id in enumerate(recognised, start=1):
            save_recognition(db, Recognition(RecognitionBody.CO_SO, f"{n:02d}/QĐ-HĐSK", RECOGNISED_ON,
                                             RecognitionScope.DON_VI, initiative_id=initiative_id), ENTERED_ON)
        _outside_recognition(db)
    if plan.heads:
        _head_evaluations(db, rng, [u[0] for u in units], missing, spec.year, plan.story)
    return campaign.id


def _outside_co_author(db: Database, unit_ids: list[int]) -> int | None:
    """A deputy head of the first unit that never registers: co-author of an outstanding initiative
    of another unit (the issue's case: such a person must not be proposed automatically)."""
    for unit_id in unit_ids:
        row = db.execute("SELECT s.id FROM staff s JOIN staff_unit h ON h.staff_id = s.id AND h.unit_id = ? "
                         "WHERE s.ended_on IS NULL AND s.position LIKE 'Phó%' ORDER BY s.id LIMIT 1",
                         [unit_id]).fetchone()
        if row:
            return row[0]
    return None


def _outside_recognition(db: Database) -> None:
    code, title, number, day = OUTSIDE
    (unit_id,) = db.execute("SELECT id FROM unit WHERE code = ?", [code]).fetchone()
    staff = [r[0] for r in db.execute(
        "SELECT s.id FROM staff s JOIN staff_unit h ON h.staff_id = s.id AND h.unit_id = ? "
        "WHERE s.ended_on IS NULL ORDER BY s.id LIMIT 2", [unit_id])]
    save_recognition(db, Recognition(RecognitionBody.QUAN, number, day, RecognitionScope.QUAN, title=title,
                                     unit_id=unit_id, authors=_authors(staff),
                                     note="Áp dụng tại bộ phận tiếp nhận và trả kết quả của 16 phường"), ENTERED_ON)


def _head_evaluations(db: Database, rng: random.Random, unit_ids: list[int], missing: set[int], year: int,
                      dated: bool) -> None:
    criteria = criteria_template(db)
    failing = {unit_ids[i] for i in sorted(missing)[:1]}  # one head of a unit that did not register
    for unit_id in unit_ids:
        if unit_id in failing:
            level = HeadLevel.KHONG_HOAN_THANH
        else:
            level = rng.choices([HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH], [3, 6, 2])[0]
        results = ["Đạt" if level != HeadLevel.KHONG_HOAN_THANH or n % 3 else "Chưa đạt"
                   for n in range(len(criteria))]
        save_evaluation(db, HeadEvaluation(
            unit_id=unit_id, year=year, level=level,
            decided_on=(LATE_HEAD_DECIDED_ON if level == HeadLevel.KHONG_HOAN_THANH else HEADS_DECIDED_ON)
            if dated else None,
            note="Chưa đăng ký mô hình, sáng kiến trong đợt thi đua." if level == HeadLevel.KHONG_HOAN_THANH else "",
            criteria=tuple(Criterion(c, r) for c, r in zip(criteria, results)),
        ))
