"""Sample data for trying the program: the real units of Gò Vấp district in 2018, invented people.

The units are the ones the district had in 2018 (16 wards, the specialised offices, the Fatherland
Front and mass organisations, a few public service units, one Party organisation) plus one dissolved
unit. The 600 people are invented. Everything comes from one seeded generator and no clock, so every
build writes the same rows with the same ids.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from models.common.codes import Gender, StaffCategory, UnitKind
from models.store.db import connect
from models.demo.awards import build_demo_awards
from models.demo.campaign import build_demo_campaign
from models.demo.classification import build_demo_classifications
from models.demo.names import full_name, pick
from models.demo.titles import build_demo_titles
from models.common.errors import DomainError
from models.people.staff import Staff, add_staff, move_staff
from models.people.units import Unit, save_unit

SEED = 2018
DEMO_TODAY = dt.date(2018, 12, 1)
STAFF_TOTAL = 600
# The sample's latest event (a recruitment, a move, a departure) is on or before this day.
LAST_EVENT = dt.date(2018, 11, 30)
RECRUITED_BEFORE_2018 = dt.date(2017, 12, 31)
WARD_NUMBERS = (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)  # Gò Vấp has no Phường 2
NEWCOMERS = 8  # recruited in 2018, some less than 10 months before the year's end
MOVERS = 10  # moved to another unit during 2018
LEAVERS = 5  # left (retired, transferred out of the district) during 2018

CB, CC, VC, LD = (
    StaffCategory.CAN_BO,
    StaffCategory.CONG_CHUC,
    StaffCategory.VIEN_CHUC,
    StaffCategory.NGUOI_LAO_DONG,
)
NAM, NU = Gender.NAM, Gender.NU
ANY_AGE = (1960, 1996)
HEAD_FEMALE_RATIO = 0.6


@dataclass(frozen=True)
class _Slot:
    """A post in a unit's roster; ``born`` narrows the birth years, ``gender`` fixes the gender."""

    position: str
    category: StaffCategory
    is_leader: bool = False
    gender: Gender | None = None
    born: tuple[int, int] = ANY_AGE

    @property
    def ordinary(self) -> bool:
        """Anyone may hold it: the post may go to a newcomer, a mover or a leaver."""
        return not self.is_leader and self.gender is None and self.born == ANY_AGE


@dataclass(frozen=True)
class _UnitSpec:
    code: str
    name: str
    kind: UnitKind
    head_title: str
    deputy_title: str = ""
    size: int | tuple[int, int] = 0  # fixed, or (low, high) drawn at random
    deputies: tuple[int, int] = (1, 2)
    leader_category: StaffCategory = CC
    fixed: tuple[_Slot, ...] = ()
    pool: tuple[tuple[_Slot, float], ...] = ()  # the rest of the roster, drawn by weight
    female_share: float = 0.5
    head_born: tuple[int, int] = (1962, 1977)
    deputy_born: tuple[int, int] = (1965, 1985)
    active: bool = True


@dataclass
class _Person:
    code: str
    full_name: str
    gender: Gender
    category: StaffCategory
    position: str
    is_leader: bool
    birth: dt.date
    recruited: dt.date
    unit: str
    slot: _Slot = field(repr=False)
    ended: dt.date | None = None
    came_from: str | None = None  # unit before the 2018 move
    moved_on: dt.date | None = None


def _s(position: str, category: StaffCategory, **kw) -> _Slot:
    return _Slot(position, category, **kw)


# --- Units -------------------------------------------------------------------------------------

_WARD_POOL = (
    (_s("Công chức Văn phòng - Thống kê", CC), 3),
    (_s("Công chức Địa chính - Xây dựng", CC), 3),
    (_s("Công chức Tư pháp - Hộ tịch", CC), 2),
    (_s("Công chức Tài chính - Kế toán", CC), 2),
    (_s("Công chức Văn hóa - Xã hội", CC), 3),
    (_s("Nhân viên phục vụ", LD), 0.5),
)
_WARD_FIXED = (
    _s("Chủ tịch Ủy ban MTTQ Việt Nam phường", CB, born=(1962, 1978)),
    _s("Bí thư Đoàn phường", CB, born=(1986, 1994)),
    _s("Chủ tịch Hội Liên hiệp Phụ nữ phường", CB, gender=NU, born=(1966, 1985)),
    _s("Chủ tịch Hội Cựu chiến binh phường", CB, gender=NAM, born=(1960, 1966)),
    _s("Chỉ huy trưởng Ban Chỉ huy Quân sự phường", CC, gender=NAM, born=(1970, 1988)),
    _s("Công chức Văn phòng - Thống kê", CC),
    _s("Công chức Địa chính - Xây dựng", CC),
    _s("Công chức Địa chính - Xây dựng", CC),
    _s("Công chức Tư pháp - Hộ tịch", CC),
    _s("Công chức Tư pháp - Hộ tịch", CC),
    _s("Công chức Tài chính - Kế toán", CC),
    _s("Công chức Văn hóa - Xã hội", CC),
    _s("Nhân viên bảo vệ", LD, gender=NAM, born=(1962, 1990)),
)
_OFFICE_POOL = (
    (_s("Chuyên viên", CC), 10),
    (_s("Chuyên viên chính", CC), 2),
    (_s("Cán sự", CC), 1),
)
_DRIVER = _s("Nhân viên lái xe", LD, gender=NAM, born=(1962, 1990))
_GUARD = _s("Nhân viên bảo vệ", LD, gender=NAM, born=(1962, 1990))


def _office(code, name, size, head="Trưởng phòng", deputy="Phó Trưởng phòng", **kw) -> _UnitSpec:
    kw.setdefault("pool", _OFFICE_POOL)
    return _UnitSpec(code, name, UnitKind.CO_QUAN, head, deputy, size, **kw)


def _mass(code, name, head="Chủ tịch", deputy="Phó Chủ tịch", **kw) -> _UnitSpec:
    pool = ((_s("Chuyên viên", CC), 1),)
    fixed = (_s("Kế toán", CC),)
    return _UnitSpec(
        code, name, UnitKind.MAT_TRAN, head, deputy, (5, 10),
        leader_category=CB, fixed=fixed, pool=pool, **kw,
    )


def _service(code, name, size, pool, fixed, **kw) -> _UnitSpec:
    return _UnitSpec(
        code, name, UnitKind.SU_NGHIEP, "Giám đốc", "Phó Giám đốc", size,
        leader_category=VC, fixed=(_s("Kế toán", VC),) + fixed,
        pool=tuple((_s(p, VC), w) for p, w in pool), **kw,
    )


UNIT_SPECS: tuple[_UnitSpec, ...] = (
    *(
        _UnitSpec(
            f"P{n:02d}", f"Ủy ban nhân dân Phường {n}", UnitKind.PHUONG, "Chủ tịch", "Phó Chủ tịch",
            (20, 27), deputies=(2, 3), leader_category=CB, fixed=_WARD_FIXED, pool=_WARD_POOL,
            head_born=(1965, 1978),
        )
        for n in WARD_NUMBERS
    ),
    _office(
        "VP", "Văn phòng HĐND và UBND quận", 20, "Chánh Văn phòng", "Phó Chánh Văn phòng",
        deputies=(3, 3),
        fixed=(
            _s("Kế toán", CC), _s("Thủ quỹ", CC), _s("Văn thư", CC), _s("Văn thư", CC),
            _DRIVER, _DRIVER, _DRIVER, _DRIVER, _GUARD, _s("Nhân viên phục vụ", LD, gender=NU),
        ),
    ),
    _office("NV", "Phòng Nội vụ", 13),
    _office("TP", "Phòng Tư pháp", 9),
    _office("TCKH", "Phòng Tài chính - Kế hoạch", 14),
    _office("TNMT", "Phòng Tài nguyên và Môi trường", 12),
    _office("LDTBXH", "Phòng Lao động - Thương binh và Xã hội", 13),
    _office("VHTT", "Phòng Văn hóa và Thông tin", 9),
    _office("GDDT", "Phòng Giáo dục và Đào tạo", 12, female_share=0.65),
    _office("YT", "Phòng Y tế", 8, female_share=0.6),
    _office(
        "TTR", "Thanh tra quận", 12, "Chánh Thanh tra", "Phó Chánh Thanh tra",
        pool=(
            (_s("Thanh tra viên", CC), 6),
            (_s("Thanh tra viên chính", CC), 2),
            (_s("Chuyên viên", CC), 2),
        ),
    ),
    _office("KT", "Phòng Kinh tế", 10),
    _office("QLDT", "Phòng Quản lý đô thị", 15, deputies=(2, 3), fixed=(_DRIVER,)),
    _mass("MTTQ", "Ủy ban MTTQ Việt Nam quận", deputies=(2, 2)),
    _mass(
        "QD", "Quận đoàn", "Bí thư", "Phó Bí thư",
        head_born=(1980, 1987), deputy_born=(1984, 1992),
    ),
    _mass(
        "HLHPN", "Hội Liên hiệp Phụ nữ quận", female_share=1.0,
        head_born=(1966, 1977), deputy_born=(1970, 1985),
    ),
    _mass(
        "HCCB", "Hội Cựu chiến binh quận", female_share=0.0,
        head_born=(1960, 1963), deputy_born=(1960, 1968),
    ),
    _mass("LDLD", "Liên đoàn Lao động quận"),
    _service(
        "BQLDA", "Ban Quản lý dự án đầu tư xây dựng khu vực quận", 12,
        pool=(("Kỹ sư xây dựng", 5), ("Chuyên viên", 3), ("Cán sự", 1)), fixed=(_DRIVER,),
    ),
    _service(
        "TTVH", "Trung tâm Văn hóa - Thể thao quận", 10,
        pool=(("Hướng dẫn viên văn hóa", 4), ("Huấn luyện viên thể thao", 3), ("Chuyên viên", 2)),
        fixed=(_GUARD,),
    ),
    _service(
        "TTYT", "Trung tâm Y tế quận", 14,
        pool=(
            ("Bác sĩ", 4), ("Điều dưỡng", 4), ("Y sĩ", 2), ("Dược sĩ", 1),
            ("Kỹ thuật viên xét nghiệm", 1),
        ),
        fixed=(_DRIVER,), female_share=0.65,
    ),
    _service(
        "TTGDNN", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên quận", 10,
        pool=(("Giáo viên", 8), ("Chuyên viên", 1)), fixed=(_GUARD,), female_share=0.6,
    ),
    _UnitSpec(
        "DBCQ", "Đảng bộ cơ quan Chính quyền quận", UnitKind.DANG, "Bí thư", "Phó Bí thư", 4,
        deputies=(1, 1), leader_category=CB, fixed=(_s("Chuyên viên", CC), _s("Chuyên viên", CC)),
    ),
    _UnitSpec(
        "BCD09", "Ban Chỉ đạo 09 (đã giải thể)", UnitKind.KHAC, "Trưởng ban", active=False,
    ),
)

# --- Dates -------------------------------------------------------------------------------------


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, month=3, day=1)


def _birth(rng: random.Random, gender: Gender, years: tuple[int, int]) -> dt.date:
    first, last = years
    if gender == NU:
        # Women retired at 55 then: nobody still working was born before 1964.
        first, last = max(first, 1964), max(last, 1964)
    return _day_between(rng, dt.date(first, 1, 1), dt.date(last, 12, 31))


def _recruitment(rng: random.Random, birth: dt.date) -> dt.date:
    """Between the 21st and about the 30th birthday, before 2018."""
    earliest = _years_after(birth, 21)
    latest = min(_years_after(birth, 30), RECRUITED_BEFORE_2018)
    return _day_between(rng, earliest, max(earliest, latest))


# --- The plan: everything decided in memory, then written in one transaction -------------------


def _roster(rng: random.Random, spec: _UnitSpec, size: int) -> list[_Slot]:
    head = _Slot(spec.head_title, spec.leader_category, True, born=spec.head_born)
    deputies = [
        _Slot(spec.deputy_title, spec.leader_category, True, born=spec.deputy_born)
        for _ in range(rng.randint(*spec.deputies))
    ]
    slots = [head, *deputies, *spec.fixed]
    while len(slots) < size:
        slots.append(pick(rng, spec.pool))
    return slots[:size]


def _sizes(rng: random.Random, specs: tuple[_UnitSpec, ...], total: int) -> list[int]:
    """Each unit's head count; the wards absorb the difference so that the total is exact."""
    sizes = [s.size if isinstance(s.size, int) else rng.randint(*s.size) for s in specs]
    wards = [i for i, s in enumerate(specs) if s.kind == UnitKind.PHUONG]
    step = 1 if sum(sizes) < total else -1
    turn = 0
    while sum(sizes) != total:
        sizes[wards[turn % len(wards)]] += step
        turn += 1
    return sizes


def _gender(rng: random.Random, spec: _UnitSpec, slot: _Slot) -> Gender:
    if slot.gender is not None:
        return slot.gender
    share = spec.female_share
    if slot.position == spec.head_title and slot.is_leader and 0.0 < share < 1.0:
        share *= HEAD_FEMALE_RATIO  # fewer women head a unit than work in it
    return NU if rng.random() < share else NAM


def _plan(rng: random.Random) -> tuple[list[Unit], list[_Person]]:
    units, people = plan_units(rng, UNIT_SPECS, STAFF_TOTAL)
    _add_history(rng, people)
    return units, people


def plan_units(rng: random.Random, specs: tuple[_UnitSpec, ...], total: int) -> tuple[list[Unit], list[_Person]]:
    """The units of ``specs`` and ``total`` invented people filling their rosters (codes CB0001...)."""
    units: list[Unit] = []
    people: list[_Person] = []
    taken: set[str] = set()
    for spec, size in zip(specs, _sizes(rng, specs, total)):
        members = []
        for slot in _roster(rng, spec, size):
            gender = _gender(rng, spec, slot)
            birth = _birth(rng, gender, slot.born)
            members.append(
                _Person(
                    code=f"CB{len(people) + len(members) + 1:04d}",
                    full_name=full_name(rng, gender, birth.year, taken),
                    gender=gender,
                    category=slot.category,
                    position=slot.position,
                    is_leader=slot.is_leader,
                    birth=birth,
                    recruited=_recruitment(rng, birth),
                    unit=spec.code,
                    slot=slot,
                )
            )
        if members:
            head_name = members[0].full_name
        else:  # the dissolved unit: its head has gone back to their own agency
            head_name = full_name(rng, NAM, 1965, taken)
        units.append(
            Unit(spec.code, spec.name, spec.kind, head_name, spec.head_title, spec.active)
        )
        people.extend(members)
    return units, people


def _add_history(rng: random.Random, people: list[_Person]) -> None:
    """Make a few people newcomers of 2018, a few movers during 2018, and a few leavers."""
    kinds = {s.code: s.kind for s in UNIT_SPECS}
    ordinary = [i for i, p in enumerate(people) if p.slot.ordinary]

    newcomers = sorted(rng.sample(ordinary, NEWCOMERS))
    # Spread over the year: the first three have worked 10 months or more by the year's end (the third exactly).
    months = (1, 2, 3, 5, 6, 7, 8, 9)
    for i, month in zip(newcomers, months):
        p = people[i]
        p.birth = _birth(rng, p.gender, (1990, 1996))
        p.recruited = _day_between(rng, dt.date(2018, month, 1), dt.date(2018, month, 28))
        if month == 3:  # exactly 10 months by 31/12: the edge of the Lao động tiên tiến rule
            p.recruited = dt.date(2018, 3, 1)

    rest = [i for i in ordinary if i not in newcomers]
    movable = [i for i in rest if kinds[people[i].unit] in (UnitKind.PHUONG, UnitKind.CO_QUAN)]
    movers = sorted(rng.sample(movable, MOVERS))
    for i in movers:
        p = people[i]
        # Rotation between units of the same kind keeps the post consistent (ward to ward...).
        origins = [
            s.code for s in UNIT_SPECS
            if s.kind == kinds[p.unit] and s.code != p.unit and s.active
        ]
        p.came_from = rng.choice(origins)
        p.moved_on = dt.date(2018, rng.randint(2, 10), rng.choice((1, 15)))

    leavable = [i for i in rest if i not in movers and kinds[people[i].unit] != UnitKind.DANG]
    for i in sorted(rng.sample(leavable, LEAVERS)):
        people[i].ended = _day_between(rng, dt.date(2018, 1, 31), LAST_EVENT)


# --- Public ------------------------------------------------------------------------------------


def _unit_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM unit").fetchone()[0]


def refuse_if_not_empty(db: Database) -> None:
    n = _unit_count(db)
    if n:
        raise DomainError(
            f"Tệp dữ liệu đã có {n} đơn vị: chỉ tạo dữ liệu mẫu trong một tệp mới. "
            "Hãy chọn tên tệp khác để không ghi lẫn vào dữ liệu thật."
        )


def save_plan(db: Database, units: list[Unit], people: list[_Person], today: dt.date) -> dict[str, int]:
    """Write the planned units and people (with their moves); gives the unit ids by code."""
    ids = {unit.code: save_unit(db, unit).id for unit in units}
    for p in people:
        saved = add_staff(
            db,
            Staff(
                code=p.code,
                full_name=p.full_name,
                gender=p.gender,
                category=p.category,
                unit_id=ids[p.came_from or p.unit],
                birth_date=p.birth,
                position=p.position,
                is_leader=p.is_leader,
                recruited_on=p.recruited,
                ended_on=p.ended,
            ),
            today,
        )
        if p.moved_on is not None:
            move_staff(db, saved.id, ids[p.unit], p.moved_on, today)
    return ids


def build_demo(db: Database, today: dt.date = DEMO_TODAY) -> None:
    """Fill an empty, migrated database with the sample units and people, in one transaction.

    The content is the same on every run (same rows, same ids). ``today`` is the day the data
    is entered; the sample describes 2018, so it may not be earlier than 01/12/2018.
    Raises :class:`DomainError` when the database already has units; then nothing is written.
    """
    if today < DEMO_TODAY:
        raise DomainError("Dữ liệu mẫu mô tả năm 2018: ngày nhập phải từ 01/12/2018 trở đi")
    units, people = _plan(random.Random(SEED))
    with db.atomic():
        refuse_if_not_empty(db)
        save_plan(db, units, people, today)
        build_demo_campaign(db)
        build_demo_classifications(db)
        build_demo_titles(db, today)
        build_demo_awards(db)


SAMPLES = ("2018", "2026")  # the district of 2018 (this module), the ward of 2026 (models.demo.sample_2026)


def create_demo_database(path: str | Path, sample: str = "2018") -> None:
    """Create (or fill, when it has no unit yet) the database file ``path`` with the sample data
    ``sample``: "2018" (quận Gò Vấp, the seed's campaign) or "2026" (phường Gò Vấp after the 2025 merger).

    Raises :class:`DomainError` and leaves the file's data alone when it already holds units.
    """
    if sample not in SAMPLES:
        raise DomainError(f"Không có dữ liệu mẫu “{sample}”: chọn một trong {', '.join(SAMPLES)}")
    db = connect(path, who="Dữ liệu mẫu")
    try:
        refuse_if_not_empty(db)
        if sample == "2026":
            from models.demo.sample_2026 import build_ward_sample  # it builds on this module

            build_ward_sample(db)
        else:
            build_demo(db)
    finally:
        db.close()
