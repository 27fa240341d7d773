"""The second sample: the emulation council of Phường Gò Vấp (Ho Chi Minh City) in 2026.

The facts it rests on: from 01/07/2025 Ho Chi Minh City has two levels of local government and no
districts; its 168 commune-level units were set by **Nghị quyết 1685/NQ-UBTVQH15** (2025) of the
Ủy ban Thường vụ Quốc hội. The former Gò Vấp district, cut from 16 to 12 wards on 01/01/2025,
became six wards: Hạnh Thông, An Nhơn, Gò Vấp, An Hội Đông, Thông Tây Hội, An Hội Tây. **Phường Gò
Vấp** was formed from **Phường 10 and Phường 17** of the former district (its seat, 332 Quang Trung,
is the former Phường 10 headquarters). Read in the published lists of the new wards (maisonoffice.vn
"Sáp nhập phường Quận Gò Vấp", thegioibanghe.vn "Ủy ban Gò Vấp", and a public table of the 168 units
giving "Phường Gò Vấp | Phường 10, 17 (Gò Vấp) | 332 Quang Trung"); the resolution's own text was
not read: check it before relying on the composition. The ward's offices (Văn phòng HĐND và UBND,
an economic office, a cultural-social office, the public administration service centre) are named
as the city's wards commonly name them; every person, school and khu phố is invented.

What the sample holds (one seeded generator, no clock: the same database every time):

- the units before the merger: Ủy ban nhân dân Phường 10 and Phường 17, their health stations;
  from 01/07/2025 the ward's offices, its health station and the Fatherland Front committee. On
  that day each former ward is split (chia tách) among the offices and the Front by post, and the
  two health stations merge (sáp nhập) into the ward's (``models.people.succession``);
- units that go on through the merger: the ward's Party committee, six schools, eight khu phố;
- about 300 people; the quarterly classifications of 2025, Q1-Q2 in the former units and Q3-Q4 in
  the new ones, all locked but one unit's Q3 (over the leaders' cap); the yearly ratings of 2025;
- a campaign of the second half of 2025 (finished, assessed, with the heads' evaluations of 2025)
  and the 2026 campaign in progress (registrations in, reports due 15/12/2026, none assessed);
- the council's printed names set for the ward (Tệp > Thông tin in trên văn bản);
- the award register of 2020-2024 (``HISTORY``, by ``models.demo.awards``): the former wards' people
  and units, decided by the district and the city before the merger, with the yearly ratings 2020-2024.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from sqlite_utils import Database

from models.campaigns.campaigns import Campaign, default_fields
from models.campaigns.initiatives import get_initiative, save_initiative
from models.campaigns.recognitions import Recognition, save_recognition
from models.common.codes import (
    Assessment, CouncilLevel, HeadLevel, InitiativeKind, RecognitionBody, RecognitionScope, StaffCategory, UnitKind,
)
from models.demo.awards import AwardPlan, build_demo_awards
from models.demo.campaign import CampaignPlan, build_demo_campaign
from models.demo.classification import QuarterPlan, build_demo_classifications
from models.demo.sample import CB, CC, LD, NAM, NU, VC, _Slot, _UnitSpec, plan_units, refuse_if_not_empty, save_plan
from models.people.succession import SuccessionKind, apply_succession, plan_succession
from models.store.settings import CouncilNames, set_council_names

SEED = 2026
DEMO_TODAY = dt.date(2026, 12, 1)  # the day the sample is entered
MERGER = dt.date(2025, 7, 1)
STAFF_TOTAL = 300
BASIS = "Nghị quyết 1685/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội (sắp xếp đơn vị hành chính cấp xã năm 2025)"
AGES = (1968, 2000)  # people still working in 2026
OVER_CAP_UNIT = "VP"  # every leader rated excellent in Q3/2025

# --- Units ------------------------------------------------------------------------------------------


def _slot(position: str, category: StaffCategory, **kw) -> _Slot:
    kw.setdefault("born", AGES)
    return _Slot(position, category, **kw)


_WARD_FIXED = (
    _slot("Chủ tịch Ủy ban MTTQ Việt Nam phường", CB, born=(1968, 1982)),
    _slot("Bí thư Đoàn phường", CB, born=(1990, 1999)),
    _slot("Chủ tịch Hội Liên hiệp Phụ nữ phường", CB, gender=NU, born=(1972, 1988)),
    _slot("Chủ tịch Hội Cựu chiến binh phường", CB, gender=NAM, born=(1966, 1972)),
    _slot("Chỉ huy trưởng Ban Chỉ huy Quân sự phường", CC, gender=NAM, born=(1975, 1992)),
)
_WARD_POOL = (
    (_slot("Công chức Văn phòng - Thống kê", CC), 3),
    (_slot("Công chức Địa chính - Xây dựng", CC), 3),
    (_slot("Công chức Tư pháp - Hộ tịch", CC), 2),
    (_slot("Công chức Tài chính - Kế toán", CC), 2),
    (_slot("Công chức Văn hóa - Xã hội", CC), 3),
    (_slot("Nhân viên phục vụ", LD), 0.5),
)
# Where a former ward's people go on 01/07/2025, by the first words of their post (else the Văn phòng).
_DESTINATION = (
    ("Chủ tịch Ủy ban MTTQ", "MTTQ"), ("Bí thư Đoàn", "MTTQ"), ("Chủ tịch Hội", "MTTQ"),
    ("Công chức Địa chính", "KT"), ("Công chức Tài chính", "KT"),
    ("Công chức Văn hóa", "VHXH"), ("Công chức Tư pháp", "TTHCC"),
)
_HEALTH_POOL = tuple((_slot(p, VC), w) for p, w in
                     (("Bác sĩ", 2), ("Y sĩ", 2), ("Điều dưỡng", 3), ("Nữ hộ sinh", 1), ("Dược sĩ", 1)))
_SCHOOL_POOL = ((_slot("Giáo viên", VC), 12), (_slot("Nhân viên thư viện", VC), 0.5),
                (_slot("Nhân viên y tế học đường", VC), 0.5))
_SCHOOL_FIXED = (_slot("Kế toán", VC), _slot("Nhân viên văn thư", VC),
                 _slot("Nhân viên bảo vệ", LD, gender=NAM, born=(1968, 1995)))
_OFFICE = dict(kind=UnitKind.CO_QUAN, size=0, deputies=(0, 0))  # people come by the merger


def _ward(n: int) -> _UnitSpec:
    return _UnitSpec(f"P{n}", f"Ủy ban nhân dân Phường {n}", UnitKind.PHUONG, "Chủ tịch", "Phó Chủ tịch",
                     (36, 40), deputies=(2, 2), leader_category=CB, fixed=_WARD_FIXED, pool=_WARD_POOL,
                     head_born=(1970, 1980), deputy_born=(1975, 1988))


def _health(code: str, name: str, size) -> _UnitSpec:
    return _UnitSpec(code, name, UnitKind.TRAM_Y_TE, "Trưởng Trạm", "Phó Trưởng Trạm", size, deputies=(1, 1),
                     leader_category=VC, pool=_HEALTH_POOL, female_share=0.7, head_born=(1970, 1985),
                     deputy_born=(1975, 1990))


def _school(code: str, name: str) -> _UnitSpec:
    return _UnitSpec(code, name, UnitKind.TRUONG_HOC, "Hiệu trưởng", "Phó Hiệu trưởng", (24, 30), deputies=(1, 2),
                     leader_category=VC, fixed=_SCHOOL_FIXED, pool=_SCHOOL_POOL, female_share=0.75,
                     head_born=(1970, 1980), deputy_born=(1975, 1988))


def _khu_pho(n: int) -> _UnitSpec:
    return _UnitSpec(f"KP{n:02d}", f"Khu phố {n}", UnitKind.KHU_PHO, "Trưởng khu phố", "Phó Trưởng khu phố", 2,
                     deputies=(1, 1), leader_category=LD, head_born=(1968, 1980), deputy_born=(1975, 1995))


OLD_WARDS = ("P10", "P17")
OLD_HEALTH = ("TYT10", "TYT17")
OFFICES = ("VP", "KT", "VHXH", "TTHCC", "MTTQ")  # the former wards' people go to these
UNIT_SPECS: tuple[_UnitSpec, ...] = (
    _ward(10), _ward(17),
    _health("TYT10", "Trạm Y tế Phường 10", 7), _health("TYT17", "Trạm Y tế Phường 17", 6),
    _UnitSpec("VP", "Văn phòng HĐND và UBND phường", head_title="Chánh Văn phòng", **_OFFICE),
    _UnitSpec("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", head_title="Trưởng phòng", **_OFFICE),
    _UnitSpec("VHXH", "Phòng Văn hóa - Xã hội", head_title="Trưởng phòng", **_OFFICE),
    _UnitSpec("TTHCC", "Trung tâm Phục vụ hành chính công phường", UnitKind.TRUNG_TAM_HCC, "Giám đốc", size=0,
              deputies=(0, 0)),
    _health("TYT", "Trạm Y tế phường Gò Vấp", 0),
    _UnitSpec("MTTQ", "Ủy ban MTTQ Việt Nam phường Gò Vấp", UnitKind.MAT_TRAN, "Chủ tịch", size=0, deputies=(0, 0)),
    _UnitSpec("DU", "Đảng ủy phường Gò Vấp", UnitKind.DANG, "Bí thư", "Phó Bí thư", 4, deputies=(1, 1),
              leader_category=CB, fixed=(_slot("Chuyên viên Ban Tổ chức", CB), _slot("Chuyên viên Văn phòng", CB)),
              head_born=(1968, 1976), deputy_born=(1972, 1985)),
    _school("MNHM", "Trường Mầm non Hoa Mai"), _school("MNSC", "Trường Mầm non Sơn Ca"),
    _school("THKD", "Trường Tiểu học Kim Đồng"), _school("THLTV", "Trường Tiểu học Lương Thế Vinh"),
    _school("THCSPVC", "Trường THCS Phan Văn Chiêu"), _school("THCSQT", "Trường THCS Quang Trung"),
    *(_khu_pho(n) for n in range(1, 9)),
)

# The award history of 2020-2024 (``models.demo.awards``): the people of the time and the units that were
# there before the merger (the former wards and health stations, the Party committee, the schools). The
# seed is the first after SEED + 5 whose due list of 2024 holds every kind of shipped rule but one.
HISTORY = AwardPlan(years=(2020, 2021, 2022, 2023, 2024), seed=SEED + 7, bang_khen_year=2022, bang_khen_share=0.6,
                    bang_khen_rated=True, units=tuple(s.code for s in UNIT_SPECS if s.code not in (*OFFICES, "TYT")
                                                      and s.kind != UnitKind.KHU_PHO))

_UNITS_REGISTER = "Mỗi cơ quan, đơn vị, trường học, khu phố đăng ký 01 mô hình, sáng kiến, giải pháp"
# (name, start, registration deadline, report deadline, description) by year
RECOGNISED_ON = dt.date(2025, 12, 30)  # the Hội đồng sáng kiến cơ sở's decisions on the 2025 campaign
_CAMPAIGNS = {
    2025: ("Đợt thi đua “Phường mới - Hành động mới” năm 2025", (7, 15), (8, 15), (12, 20),
           f"Phát động khi thành lập phường Gò Vấp (01/07/2025). {_UNITS_REGISTER} về cải cách hành chính và "
           "chính quyền số."),
    2026: ("Phong trào thi đua cải cách hành chính, chuyển đổi số năm 2026", (3, 2), (3, 31), (12, 15),
           f"{_UNITS_REGISTER} trước 31/03/2026 và báo cáo kết quả trước 15/12/2026."),
}
COUNCIL = CouncilNames(
    level=CouncilLevel.WARD,
    area="phường",
    area_name="Gò Vấp",
    parent_body="ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP",
    issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    place="Gò Vấp",
    signer_authority="TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    signer_title="CHỦ TỊCH",
    recipients=("Thường trực Đảng ủy phường;", "Thường trực HĐND phường;",
                "Các cơ quan, đơn vị, trường học, khu phố thuộc phường;", "Lưu: VT, VP."),
)
CAMPAIGN_2025, CAMPAIGN_2026 = (
    Campaign(name=name, year=year, start_date=dt.date(year, *start), registration_deadline=dt.date(year, *reg),
             report_deadline=dt.date(year, *report), description=text, fields=default_fields(COUNCIL))
    for year, (name, start, reg, report, text) in _CAMPAIGNS.items())


def _destination(position: str) -> str:
    return next((code for start, code in _DESTINATION if position.startswith(start)), "VP")


def _ratings(db: Database, year: int) -> None:
    """Each person's rating of ``year`` from their quarters: the level reached in at least half of
    their classified quarters (the lower one on a tie), none without a classified quarter."""
    order = list(HeadLevel)
    levels: dict[int, list[HeadLevel]] = {}
    for staff_id, level in db.execute(
            "SELECT staff_id, level FROM classification WHERE year = ? AND level IS NOT NULL ORDER BY staff_id, quarter",
            [year]):
        levels.setdefault(staff_id, []).append(HeadLevel(level))
    db.conn.executemany(
        "INSERT INTO yearly_rating (staff_id, year, level, note) VALUES (?, ?, ?, '')",
        [(s, year, sorted(ls, key=order.index)[len(ls) // 2].value) for s, ls in sorted(levels.items())])


def _recognise_outstanding(db: Database, campaign_id: int, entered: dt.date) -> None:
    """The council recognises the outstanding ones ("Tiêu biểu xuất sắc") as sáng kiến at the cơ sở
    (a recognition record dated in 2025): their authors may become Chiến sĩ thi đua cơ sở of 2025."""
    rows = db.execute("SELECT id FROM initiative WHERE campaign_id = ? AND assessment = ? ORDER BY id",
                      [campaign_id, Assessment.TIEU_BIEU.value]).fetchall()
    for n, (initiative_id,) in enumerate(rows, start=1):
        found = get_initiative(db, initiative_id)
        save_initiative(db, replace(found, kind=InitiativeKind.SANG_KIEN), entered)
        save_recognition(db, Recognition(RecognitionBody.CO_SO, f"{n:02d}/QĐ-HĐSK", RECOGNISED_ON,
                                         RecognitionScope.DON_VI, initiative_id=initiative_id), entered)


def build_ward_sample(db: Database, today: dt.date = DEMO_TODAY) -> None:
    """Fill an empty, migrated database with the 2026 ward sample, in one transaction (the same
    rows every time). Raises :class:`DomainError` when the database already has units."""
    units, people = plan_units(random.Random(SEED), UNIT_SPECS, STAFF_TOTAL)
    with db.atomic():
        refuse_if_not_empty(db)
        ids = save_plan(db, units, people, today)
        entered = dt.date(2026, 1, 20)
        build_demo_classifications(db, QuarterPlan(((2025, 1), (2025, 2)), SEED + 1, entered, None,
                                                   ("P17", (2025, 2)), None))
        code_of = {p.code: p for p in people}
        for ward in OLD_WARDS:
            plan = plan_succession(db, SuccessionKind.CHIA_TACH, [ids[ward]], [ids[c] for c in OFFICES], MERGER,
                                   today)
            targets = {m.staff_id: ids[_destination(code_of[m.code].position)] for m in plan.moves}
            plan = plan_succession(db, SuccessionKind.CHIA_TACH, [ids[ward]], [ids[c] for c in OFFICES], MERGER,
                                   today, targets)
            apply_succession(db, plan, BASIS)
        health = plan_succession(db, SuccessionKind.SAP_NHAP, [ids[c] for c in OLD_HEALTH], [ids["TYT"]], MERGER, today)
        apply_succession(db, health, BASIS)
        build_demo_classifications(db, QuarterPlan(((2025, 3), (2025, 4)), SEED + 2, entered,
                                                   (OVER_CAP_UNIT, (2025, 3)), ("THKD", (2025, 3)), None,
                                                   salaries=False))
        _ratings(db, 2025)
        campaign_2025 = build_demo_campaign(db, CampaignPlan(
            CAMPAIGN_2025, SEED + 3, entered, missing=1, late=2, not_reported=1, reported_late=1, not_effective=1,
            outstanding=5, not_assessed=1, story=False))
        _recognise_outstanding(db, campaign_2025, entered)
        build_demo_campaign(db, CampaignPlan(CAMPAIGN_2026, SEED + 4, today, not_reported=0, reported_late=0,
                                             heads=False, story=False))
        build_demo_awards(db, HISTORY)
        set_council_names(db, COUNCIL)
