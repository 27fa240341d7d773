"""Small databases for the yearly title tests (issue #7), built through the models' own APIs:
units, people with their quarters of 2018 (the classification rules start at Q2/2018), discipline
decisions and initiatives of a 2018 campaign."""
import datetime as dt

from models.campaigns.campaigns import Campaign, add_participant, save_campaign
from models.quarters.classifications import Entry, save_quarter
from models.common.codes import DisciplineForm, Gender, HeadLevel, InitiativeKind, NotClassifiedReason, StaffCategory, UnitKind
from models.people.discipline import Discipline, save_discipline
from models.campaigns.initiatives import Initiative, save_initiative
from models.people.staff import Staff, add_staff
from models.people.units import Unit, save_unit

YEAR = 2018
LATER = dt.date(2019, 12, 31)  # "today" for saving: nothing here is in the future
XS, TOT, HT, KHT = HeadLevel.XUAT_SAC, HeadLevel.TOT, HeadLevel.HOAN_THANH, HeadLevel.KHONG_HOAN_THANH
TS = NotClassifiedReason.THAI_SAN  # a quarter "không đánh giá" (maternity leave)
GOOD = (TOT, TOT, TOT)  # Q2, Q3, Q4
LONG_AGO = dt.date(2010, 1, 1)
# In Vietnamese alphabet order, so that a team's people come in list order within a family name.
GIVEN = ("An", "Bình", "Chi", "Dung", "Đức", "Giang", "Hà", "Hạnh", "Khoa", "Lan", "Linh", "Mai", "Minh", "Nam",
         "Ngọc", "Oanh", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Vân", "Xuân", "Yến")
FAMILY = ("Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị")


def name(i: int) -> str:
    """The i-th generated name (0-based): "Nguyễn Văn An", "Nguyễn Văn Bình", ..."""
    return f"{FAMILY[i // len(GIVEN)]} {GIVEN[i % len(GIVEN)]}"


def unit(db, code, name, kind=UnitKind.PHUONG) -> int:
    return save_unit(db, Unit(code=code, name=name, kind=kind)).id


def person(db, unit_id, full_name, recruited=LONG_AGO, ended=None, position="Chuyên viên") -> int:
    (n,) = db.execute("SELECT count(*) FROM staff").fetchone()
    return add_staff(db, Staff(
        code=f"CB{n + 1:04d}", full_name=full_name, gender=Gender.NU, category=StaffCategory.CONG_CHUC,
        unit_id=unit_id, position=position, recruited_on=recruited, ended_on=ended), LATER).id


def classify(db, unit_id, results: dict[int, tuple]) -> None:
    """{staff id: (Q2, Q3, Q4)}; a level, ``TS`` for "không đánh giá", or None for no row."""
    for i, quarter in enumerate((2, 3, 4)):
        entries = []
        for staff_id, levels in results.items():
            value = levels[i]
            if isinstance(value, HeadLevel):
                entries.append(Entry(staff_id, value))
            elif value is not None:
                entries.append(Entry(staff_id, reason=value))
        if entries:
            save_quarter(db, unit_id, YEAR, quarter, entries)


def team(db, unit_id, levels: list[tuple], names: list[str] | None = None, **person_args) -> list[int]:
    """People of the unit with their quarters; named :func:`name` (0, 1, ...) unless ``names``."""
    ids = [person(db, unit_id, names[i] if names else name(i), **person_args)
           for i in range(len(levels))]
    classify(db, unit_id, dict(zip(ids, levels)))
    return ids


def discipline(db, staff_id, form=DisciplineForm.KHIEN_TRACH, number="12/QĐ-UBND", day=dt.date(2018, 6, 1)):
    return save_discipline(db, Discipline(staff_id, form, number, day), LATER)


def initiative(db, unit_id, authors, recognised=True, year=YEAR, title="Số hóa hồ sơ lưu trữ"):
    """An initiative of ``unit_id`` in a campaign of ``year`` (created on first use)."""
    row = db.execute("SELECT id FROM campaign WHERE year = ?", [year]).fetchone()
    if row is None:
        campaign_id = save_campaign(db, Campaign(
            name="Đợt thi đua cao điểm về Cải cách hành chính", year=year, start_date=dt.date(year, 11, 2),
            registration_deadline=dt.date(year, 11, 3), report_deadline=dt.date(year + 1, 1, 27),
            max_per_unit=50)).id
    else:
        campaign_id = row[0]
    if db.execute("SELECT 1 FROM campaign_unit WHERE campaign_id = ? AND unit_id = ?",
                  [campaign_id, unit_id]).fetchone() is None:
        add_participant(db, campaign_id, unit_id, dt.date(year, 11, 2))
    return save_initiative(db, Initiative(
        campaign_id=campaign_id, unit_id=unit_id, title=title, kind=InitiativeKind.SANG_KIEN,
        registered_on=dt.date(year, 11, 3), recognised=recognised, author_ids=tuple(authors)), LATER)
