"""Small databases for the year-end review tests (issue #5): units, a campaign with the seed's
deadlines, initiatives, head evaluations and quarterly classifications, all through the models'
own APIs."""
import datetime as dt
from types import SimpleNamespace

from models.campaigns.campaigns import Campaign, save_campaign
from models.quarters.classifications import Entry, save_quarter
from models.common.codes import Assessment, Gender, HeadLevel, InitiativeKind, NotClassifiedReason, StaffCategory, UnitKind
from models.people.heads import HeadEvaluation, save_evaluation
from models.campaigns.initiatives import Initiative, save_initiative
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit

from .db_rows import every_row

START = dt.date(2018, 11, 2)
REG = dt.date(2018, 11, 3)  # "trước 03/11/2018"
REP = dt.date(2019, 1, 27)  # "trước 27/01/2019"
DAY = dt.timedelta(days=1)
AFTER = dt.date(2019, 3, 1)  # both deadlines passed
LATER = dt.date(2019, 12, 31)  # "today" for saving: nothing here is in the future
CAMPAIGN_NAME = "Đợt thi đua cao điểm về Cải cách hành chính"

XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
NOT_CLASSIFIED = NotClassifiedReason.THAI_SAN  # a quarter "không đánh giá"


def unit(db, code, name, kind=UnitKind.PHUONG) -> int:
    return save_unit(db, Unit(code=code, name=name, kind=kind)).id


def campaign(db, unit_ids=None, **changes):
    values = dict(name=CAMPAIGN_NAME, year=2018, start_date=START, registration_deadline=REG, report_deadline=REP)
    values.update(changes)
    return save_campaign(db, Campaign(**values), unit_ids)


def register(db, campaign_id, unit_id, registered_on=REG, reported_on=None, assessment=None,
             title="Một cửa điện tử", kind=InitiativeKind.MO_HINH, authors=()):
    """``authors``: staff ids (the first chủ trì) or :class:`Author` records."""
    ids = tuple(a for a in authors if isinstance(a, int))
    records = tuple(a for a in authors if not isinstance(a, int))
    return save_initiative(db, Initiative(
        campaign_id=campaign_id, unit_id=unit_id, title=title, kind=kind, registered_on=registered_on,
        reported_on=reported_on, assessment=assessment, author_ids=ids, authors=records), LATER)


def head(db, unit_id, level, year=2018):
    return save_evaluation(db, HeadEvaluation(unit_id=unit_id, year=year, level=level))


def person(db, code, full_name, unit_id, position="Chuyên viên") -> int:
    return add_staff(db, Staff(
        code=code, full_name=full_name, gender=Gender.NAM, category=StaffCategory.CONG_CHUC, unit_id=unit_id,
        position=position, recruited_on=dt.date(2010, 1, 1)), LATER).id


def classify(db, unit_id, staff_id, quarters: dict, year=2018):
    """{quarter: level, or NOT_CLASSIFIED for "không đánh giá"} (the rules start at Q2/2018)."""
    for quarter, level in quarters.items():
        entry = (Entry(staff_id, level) if isinstance(level, HeadLevel)
                 else Entry(staff_id, reason=level, note="Nghỉ thai sản"))
        save_quarter(db, unit_id, year, quarter, [entry])


def dump(db):
    """Every table of the file, row by row (the history included)."""
    return every_row(db)


def outstanding_town(db) -> SimpleNamespace:
    """P01 (an initiative assessed Tiêu biểu xuất sắc, An its author) with An (excellent in every quarter); NV (Phòng
    Nội vụ) registered nothing. Gives db, cid, p01, nv and an."""
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    nv = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    cid = campaign(db).id
    an = person(db, "CB01", "Nguyễn Văn An", p01)
    register(db, cid, p01, reported_on=REP, assessment=Assessment.TIEU_BIEU, authors=(an,))
    classify(db, p01, an, {2: XS, 3: XS, 4: XS})
    return SimpleNamespace(db=db, cid=cid, p01=p01, nv=nv, an=an)


def decision_date_cases(what: str = "Ngày quyết định"):
    """(day, message) at both edges of a decision date about the campaign of ``campaign`` (issue 13):
    not before its start (02/11/2018), at most two years after its report deadline (27/01/2019)."""
    return [
        (dt.date(2018, 11, 1), f"{what} 01/11/2018 trước ngày bắt đầu đợt thi đua (02/11/2018): kiểm tra lại ngày, "
                               "tháng, năm"),
        (dt.date(2018, 11, 2), ""),
        (dt.date(2021, 1, 27), ""),
        (dt.date(2021, 1, 28), f"{what} 28/01/2021 sau hạn báo cáo kết quả của đợt (27/01/2019) hơn 2 năm: kiểm tra "
                               "lại năm"),
    ]
