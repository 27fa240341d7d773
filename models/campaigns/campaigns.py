"""Emulation campaigns (đợt / phong trào thi đua): deadlines, offered fields, participating units."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.common.codes import CouncilLevel, UnitKind
from models.common.dates import format_date, from_iso
from models.common.errors import DomainError, NotFound, ValidationError
from models.common.text import clean, fold, nfc
from models.store.records import save_record
from models.store.settings import CouncilNames

# The fields named in the seed article (Gò Vấp, 02/11/2018): the default list offered to units.
DEFAULT_FIELDS = (
    "Ứng dụng công nghệ thông tin trong quản lý, dịch vụ công trực tuyến",
    "Giải quyết hồ sơ đúng hạn, trước hạn",
    "Không yêu cầu thêm thành phần hồ sơ ngoài quy định đã công khai",
    "Xây dựng kiến trúc chính quyền điện tử",
    "Dịch vụ công trực tuyến mức độ 3, 4 và một cửa liên thông",
    "Rà soát, đơn giản hóa và công khai thủ tục hành chính",
    "Ủy quyền của Chủ tịch UBND quận cho Chủ tịch UBND phường, thủ trưởng cơ quan",
    "Đo lường sự hài lòng của người dân, doanh nghiệp",
    "Dân vận khéo và thực hiện quy chế dân chủ cơ sở",
    "Chi thu nhập tăng thêm cho cán bộ, công chức",
    "Sắp xếp lại công việc, nâng cao năng suất lao động",
)
DELEGATION = 6  # the field of the delegation, worded by the council's level (``default_fields``)


def default_fields(names: CouncilNames) -> tuple[str, ...]:
    """The fields offered to a new campaign of the council: :data:`DEFAULT_FIELDS`, whose delegation
    field names who delegates to whom at the council's level (a ward has no district above it)."""
    if names.level == CouncilLevel.DISTRICT:
        return DEFAULT_FIELDS
    if names.level == CouncilLevel.DEPARTMENT:
        delegation = "Ủy quyền của người đứng đầu cơ quan cho cấp phó, trưởng phòng, thủ trưởng đơn vị"
    else:
        delegation = f"Ủy quyền của Chủ tịch UBND {clean(names.area)} cho Phó Chủ tịch, thủ trưởng cơ quan, đơn vị"
    return (*DEFAULT_FIELDS[:DELEGATION], delegation, *DEFAULT_FIELDS[DELEGATION + 1:])


@dataclass(frozen=True)
class Campaign:
    name: str
    year: int
    start_date: dt.date
    registration_deadline: dt.date
    report_deadline: dt.date
    description: str = ""
    max_per_unit: int = 1
    fields: tuple[str, ...] = DEFAULT_FIELDS
    id: int | None = None
    # "chậm nhất ngày X": the deadline day itself is on time; False: "trước ngày X", it is late.
    deadline_day_counts: bool = True

    @property
    def subtitle(self) -> str:
        return campaign_subtitle(self.name, self.year)

    def deadline_text(self, day: dt.date) -> str:
        """"chậm nhất ngày 03/11/2018" or "trước ngày 03/11/2018", as the campaign words its deadlines."""
        return deadline_text(day, self.deadline_day_counts)

    @property
    def deadlines_text(self) -> str:
        """"Hạn đăng ký: trước ngày 03/11/2018 · Hạn báo cáo kết quả: trước ngày 27/01/2019"."""
        return (f"Hạn đăng ký: {self.deadline_text(self.registration_deadline)}  ·  "
                f"Hạn báo cáo kết quả: {self.deadline_text(self.report_deadline)}")

    @property
    def deadlines_line(self) -> str:
        """The line the campaign's documents print under their subtitle (the register, the
        commendation and criticism lists): "Hạn đăng ký: trước ngày 03/11/2018; hạn báo cáo kết
        quả: trước ngày 27/01/2019"."""
        return (f"Hạn đăng ký: {self.deadline_text(self.registration_deadline)}; hạn báo cáo kết quả: "
                f"{self.deadline_text(self.report_deadline)}")


DEADLINE_WORDINGS = ((True, "chậm nhất ngày"), (False, "trước ngày"))
DEADLINE_DAY_NOTE = {True: "nộp đúng ngày hạn vẫn là đúng hạn", False: "nộp đúng ngày hạn là trễ hạn"}


def deadline_text(day: dt.date, day_counts: bool) -> str:
    return f"{dict(DEADLINE_WORDINGS)[bool(day_counts)]} {format_date(day)}"


def last_day_on_time(deadline: dt.date, day_counts: bool) -> dt.date:
    """The last day that is on time: the deadline itself ("chậm nhất ngày"), or the day before
    ("trước ngày")."""
    return deadline if day_counts else deadline - dt.timedelta(days=1)


def campaign_subtitle(name: str, year: int) -> str:
    """The line printed under a document's title naming the campaign: its name, with "năm <year>"
    added unless the name already mentions the year (the register and the year-end lists)."""
    name = nfc(name).strip()
    return name if str(year) in name else f"{name} năm {year}".strip()


@dataclass(frozen=True)
class Participant:
    """A unit in a campaign, with the deadlines that apply to it."""

    unit_id: int
    unit_code: str
    unit_name: str
    unit_kind: UnitKind
    unit_active: bool
    joined_on: dt.date
    registration_deadline: dt.date
    report_deadline: dt.date
    own_deadlines: bool = False  # the unit joined late and has deadlines of its own
    deadline_day_counts: bool = True  # the campaign's wording: is the deadline day itself on time

    @property
    def registration_due(self) -> dt.date:
        """The last day a registration is on time."""
        return last_day_on_time(self.registration_deadline, self.deadline_day_counts)

    @property
    def report_due(self) -> dt.date:
        """The last day a report is on time."""
        return last_day_on_time(self.report_deadline, self.deadline_day_counts)

    def deadline_text(self, day: dt.date) -> str:
        return deadline_text(day, self.deadline_day_counts)


# The days a campaign's screens default to (issue 18): a campaign is "live" from its start until
# LIVE_DAYS_AFTER_REPORT_DEADLINE days after its report deadline (a quarter: late reports are chased,
# the council assesses them and holds the year-end review in those months);
# while it is, the default is today. Past that (old data, e.g. the 2018 campaign opened in 2026)
# today would say "Quá hạn 2955 ngày", so the screens default to the campaign's own period instead:
# its final state on the day after the report deadline, when every deadline has passed (the
# year-end review's day, DAYS_AFTER_REPORT_DEADLINE), and its registration deadline for a new
# initiative. Before a campaign starts, today is kept (a day in the future cannot be recorded).
LIVE_DAYS_AFTER_REPORT_DEADLINE = 90
DAYS_AFTER_REPORT_DEADLINE = 1
PERIOD_NOTE = "(ngày tính theo thời gian của đợt thi đua)"


def campaign_over(campaign: Campaign, today: dt.date) -> bool:
    """Whether ``today`` lies past the campaign's period (its report deadline and the margin)."""
    return today > campaign.report_deadline + dt.timedelta(days=LIVE_DAYS_AFTER_REPORT_DEADLINE)


def default_as_of(campaign: Campaign, today: dt.date, final: bool = False) -> dt.date:
    """The day a campaign's states are computed as of unless the user types another.

    Tracking: today while the campaign is live, else the first day after its report deadline (see
    LIVE_DAYS_AFTER_REPORT_DEADLINE), so an old campaign does not show years of "Quá hạn".
    ``final`` (the year-end review, which must see every reason that has a deadline, and every report
    received so far, as the 2018 sample's lists always have): today, but never before that day."""
    first_full_day = campaign.report_deadline + dt.timedelta(days=DAYS_AFTER_REPORT_DEADLINE)
    if final:
        return max(today, first_full_day)
    return first_full_day if campaign_over(campaign, today) else today


def default_registration_date(campaign: Campaign, today: dt.date) -> dt.date:
    """A new initiative's registration date unless the user types another: today while the
    campaign is live, else its registration deadline (entering an old campaign's data afterwards
    must not make every initiative late)."""
    return campaign.registration_deadline if campaign_over(campaign, today) else today


# A decision about a campaign (a recognition, the approval of its year-end lists) comes after its start
# and at most this many years after its report deadline: a later one is a typing error in the year.
DECISION_YEARS_AFTER = 2


def check_decision_date(campaign: Campaign, day: dt.date, what: str = "Ngày quyết định") -> str:
    """The message refusing ``day`` as the date of a decision about ``campaign`` ("" when it makes
    sense): before the campaign's start, or more than DECISION_YEARS_AFTER years after its report
    deadline."""
    if day < campaign.start_date:
        return (f"{what} {format_date(day)} trước ngày bắt đầu đợt thi đua ({format_date(campaign.start_date)}): "
                "kiểm tra lại ngày, tháng, năm")
    latest = campaign.report_deadline.replace(year=campaign.report_deadline.year + DECISION_YEARS_AFTER) \
        if (campaign.report_deadline.month, campaign.report_deadline.day) != (2, 29) \
        else dt.date(campaign.report_deadline.year + DECISION_YEARS_AFTER, 2, 28)
    if day > latest:
        return (f"{what} {format_date(day)} sau hạn báo cáo kết quả của đợt ({format_date(campaign.report_deadline)}) "
                f"hơn {DECISION_YEARS_AFTER} năm: kiểm tra lại năm")
    return ""


def check_campaign(c: Campaign) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not c.name:
        errors["name"] = "Chưa nhập tên đợt thi đua"
    elif len(c.name) > 300:
        errors["name"] = "Tên đợt thi đua dài quá 300 ký tự"
    if not isinstance(c.year, int) or not 2000 <= c.year <= 2100:
        errors["year"] = "Năm phải từ 2000 đến 2100"
    for name, label in (("start_date", "ngày bắt đầu"), ("registration_deadline", "hạn đăng ký"),
                        ("report_deadline", "hạn báo cáo kết quả")):
        if getattr(c, name) is None:
            errors[name] = f"Chưa nhập {label}"
    if c.start_date is not None and c.registration_deadline is not None:
        if c.registration_deadline < c.start_date:
            errors["registration_deadline"] = (
                f"Hạn đăng ký phải từ ngày bắt đầu ({format_date(c.start_date)}) trở đi"
            )
    if c.registration_deadline is not None and c.report_deadline is not None:
        if c.report_deadline < c.registration_deadline:
            errors["report_deadline"] = (
                f"Hạn báo cáo kết quả phải từ hạn đăng ký ({format_date(c.registration_deadline)}) trở đi"
            )
    if not isinstance(c.deadline_day_counts, bool):
        errors["deadline_day_counts"] = "Chưa chọn cách tính hạn (chậm nhất ngày hay trước ngày)"
    if not isinstance(c.max_per_unit, int) or not 1 <= c.max_per_unit <= 50:
        errors["max_per_unit"] = "Số mô hình tối đa mỗi đơn vị phải từ 1 đến 50"
    names = [fold(f) for f in c.fields]
    if len(set(names)) != len(names):
        errors["fields"] = "Danh sách lĩnh vực có mục trùng nhau"
    return errors


def normalised(c: Campaign) -> Campaign:
    fields = tuple(f for f in (clean(x) for x in c.fields) if f)
    return replace(c, name=clean(c.name), description=(c.description or "").strip(), fields=fields)


def _row(c: Campaign) -> dict:
    return {
        "name": c.name,
        "year": c.year,
        "start_date": c.start_date.isoformat(),
        "registration_deadline": c.registration_deadline.isoformat(),
        "report_deadline": c.report_deadline.isoformat(),
        "description": c.description,
        "max_per_unit": c.max_per_unit,
        "deadline_day_counts": int(bool(c.deadline_day_counts)),
    }


def save_campaign(db: Database, campaign: Campaign, unit_ids: list[int] | None = None) -> Campaign:
    """Create or update a campaign and its field list.

    A new campaign's participants are ``unit_ids`` (default: every active unit), all joining on
    the start date. Raises :class:`ValidationError` and writes nothing when the input is wrong.
    """
    campaign = normalised(campaign)
    errors = check_campaign(campaign)
    if unit_ids is not None:
        known = {r[0] for r in db.execute("SELECT id FROM unit")}
        if any(u not in known for u in unit_ids):
            errors["unit_ids"] = "Có đơn vị không tồn tại trong danh sách đơn vị"
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        if campaign.id is None:
            campaign = replace(campaign, id=save_record(db, "campaign", _row(campaign), None, ""))
            if unit_ids is None:
                unit_ids = [r[0] for r in db.execute("SELECT id FROM unit WHERE active = 1 ORDER BY id")]
            db.conn.executemany(
                "INSERT INTO campaign_unit (campaign_id, unit_id, joined_on) VALUES (?, ?, ?)",
                [(campaign.id, u, campaign.start_date.isoformat()) for u in unit_ids],
            )
        else:
            _check_existing_initiatives(db, campaign)
            save_record(db, "campaign", _row(campaign), campaign.id, "Không tìm thấy đợt thi đua")
        db.execute("DELETE FROM campaign_field WHERE campaign_id = ?", [campaign.id])
        db.conn.executemany(
            "INSERT INTO campaign_field (campaign_id, position, name) VALUES (?, ?, ?)",
            [(campaign.id, i, name) for i, name in enumerate(campaign.fields)],
        )
    return get_campaign(db, campaign.id)


def campaigns_named_like(db: Database, name: str, year: int, except_id: int | None = None) -> list[Campaign]:
    """The other campaigns of ``year`` whose name is ``name`` with or without diacritics and case:
    two campaigns of one name and year are usually one entered twice (the dialog asks first)."""
    wanted = fold(clean(name))
    return [c for c in list_campaigns(db) if c.year == year and c.id != except_id and fold(c.name) == wanted]


def _check_existing_initiatives(db: Database, campaign: Campaign) -> None:
    (most,) = db.execute(
        "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM initiative "
        "WHERE campaign_id = ? GROUP BY unit_id)",
        [campaign.id],
    ).fetchone()
    if most > campaign.max_per_unit:
        raise ValidationError(
            {"max_per_unit": f"Đã có đơn vị đăng ký {most} mô hình, sáng kiến, giải pháp trong đợt này"}
        )


def _from_row(row: dict, fields: tuple[str, ...]) -> Campaign:
    return Campaign(
        id=row["id"],
        name=row["name"],
        year=row["year"],
        start_date=dt.date.fromisoformat(row["start_date"]),
        registration_deadline=dt.date.fromisoformat(row["registration_deadline"]),
        report_deadline=dt.date.fromisoformat(row["report_deadline"]),
        description=row["description"],
        max_per_unit=row["max_per_unit"],
        fields=fields,
        deadline_day_counts=bool(row["deadline_day_counts"]),
    )


_SELECT = (
    "SELECT id, name, year, start_date, registration_deadline, report_deadline, description, "
    "max_per_unit, deadline_day_counts FROM campaign"
)


def _fields(db: Database) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for campaign_id, name in db.execute(
        "SELECT campaign_id, name FROM campaign_field ORDER BY campaign_id, position"
    ):
        found.setdefault(campaign_id, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def list_campaigns(db: Database) -> list[Campaign]:
    """Every campaign, newest first."""
    fields = _fields(db)
    rows = db.query(_SELECT + " ORDER BY year DESC, start_date DESC, id DESC")
    return [_from_row(r, fields.get(r["id"], ())) for r in rows]


def get_campaign(db: Database, campaign_id: int) -> Campaign:
    row = next(db.query(_SELECT + " WHERE id = ?", [campaign_id]), None)
    if row is None:
        raise NotFound(f"Không có đợt thi đua số {campaign_id}")
    return _from_row(row, _fields(db).get(campaign_id, ()))


def delete_campaign(db: Database, campaign_id: int) -> None:
    """Delete a campaign in which no unit has registered anything yet."""
    (n,) = db.execute("SELECT count(*) FROM initiative WHERE campaign_id = ?", [campaign_id]).fetchone()
    if n:
        raise DomainError(f"Không thể xóa đợt thi đua vì đã có {n} mô hình, sáng kiến, giải pháp đăng ký")
    (n,) = db.execute("SELECT count(*) FROM award_approval WHERE campaign_id = ?", [campaign_id]).fetchone()
    if n:
        raise DomainError("Không thể xóa đợt thi đua vì danh sách tổng kết của đợt đã được phê duyệt")
    with db.atomic():
        db.execute("DELETE FROM award_adjustment WHERE campaign_id = ?", [campaign_id])
        db.execute("DELETE FROM campaign WHERE id = ?", [campaign_id])


def participants(db: Database, campaign_id: int) -> list[Participant]:
    """The campaign's units with their deadlines (their own when they joined late), by code."""
    campaign = get_campaign(db, campaign_id)
    rows = db.query(
        "SELECT u.id, u.code, u.name, u.kind, u.active, cu.joined_on, cu.registration_deadline, "
        "cu.report_deadline FROM campaign_unit cu JOIN unit u ON u.id = cu.unit_id "
        "WHERE cu.campaign_id = ? ORDER BY u.code",
        [campaign_id],
    )
    return [
        Participant(
            unit_id=r["id"], unit_code=r["code"], unit_name=r["name"], unit_kind=UnitKind(r["kind"]),
            unit_active=bool(r["active"]), joined_on=dt.date.fromisoformat(r["joined_on"]),
            registration_deadline=from_iso(r["registration_deadline"]) or campaign.registration_deadline,
            report_deadline=from_iso(r["report_deadline"]) or campaign.report_deadline,
            own_deadlines=bool(r["registration_deadline"] or r["report_deadline"]),
            deadline_day_counts=campaign.deadline_day_counts,
        )
        for r in rows
    ]


def late_joiner_deadlines(campaign: Campaign, joined_on: dt.date) -> tuple[dt.date, dt.date] | None:
    """Deadlines for a unit joining on ``joined_on``: ``None`` when the campaign's still apply;
    after the registration deadline the unit gets the same number of days the others had."""
    if joined_on <= campaign.registration_deadline:
        return None
    registration = joined_on + (campaign.registration_deadline - campaign.start_date)
    report = max(campaign.report_deadline, registration + (campaign.report_deadline - campaign.registration_deadline))
    return registration, report


def add_participant(db: Database, campaign_id: int, unit_id: int, joined_on: dt.date) -> Participant:
    """Add a unit to a campaign from ``joined_on``; a late joiner gets deadlines of its own."""
    campaign = get_campaign(db, campaign_id)
    if db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone() is None:
        raise ValidationError({"unit_id": "Đơn vị không tồn tại"})
    if joined_on < campaign.start_date:
        joined_on = campaign.start_date
    exists = db.execute(
        "SELECT 1 FROM campaign_unit WHERE campaign_id = ? AND unit_id = ?", [campaign_id, unit_id]
    ).fetchone()
    if exists:
        raise ValidationError({"unit_id": "Đơn vị đã tham gia đợt thi đua này"})
    own = late_joiner_deadlines(campaign, joined_on)
    with db.atomic():
        db.execute(
            "INSERT INTO campaign_unit (campaign_id, unit_id, joined_on, registration_deadline, "
            "report_deadline) VALUES (?, ?, ?, ?, ?)",
            [campaign_id, unit_id, joined_on.isoformat(),
             own[0].isoformat() if own else None, own[1].isoformat() if own else None],
        )
    return next(p for p in participants(db, campaign_id) if p.unit_id == unit_id)


def set_own_deadlines(db: Database, campaign_id: int, unit_id: int,
                      registration: dt.date | None, report: dt.date | None) -> None:
    """Give one participating unit its own deadlines (``None``: the campaign's)."""
    campaign = get_campaign(db, campaign_id)
    joined = db.execute(
        "SELECT 1 FROM campaign_unit WHERE campaign_id = ? AND unit_id = ?", [campaign_id, unit_id]
    ).fetchone()
    if not joined:
        raise DomainError("Đơn vị không tham gia đợt thi đua này")
    effective_reg = registration or campaign.registration_deadline
    effective_rep = report or campaign.report_deadline
    if effective_reg < campaign.start_date:
        raise ValidationError({"registration_deadline":
                               f"Hạn đăng ký phải từ ngày bắt đầu ({format_date(campaign.start_date)}) trở đi"})
    if effective_rep < effective_reg:
        raise ValidationError({"report_deadline": "Hạn báo cáo kết quả phải từ hạn đăng ký trở đi"})
    with db.atomic():
        db.execute(
            "UPDATE campaign_unit SET registration_deadline = ?, report_deadline = ? "
            "WHERE campaign_id = ? AND unit_id = ?",
            [registration.isoformat() if registration else None, report.isoformat() if report else None,
             campaign_id, unit_id],
        )


def remove_participant(db: Database, campaign_id: int, unit_id: int) -> None:
    """Take a unit out of a campaign in which it has registered nothing."""
    (n,) = db.execute(
        "SELECT count(*) FROM initiative WHERE campaign_id = ? AND unit_id = ?", [campaign_id, unit_id]
    ).fetchone()
    if n:
        raise DomainError("Đơn vị đã đăng ký mô hình, sáng kiến, giải pháp trong đợt này nên không bỏ ra được")
    with db.atomic():
        db.execute("DELETE FROM campaign_unit WHERE campaign_id = ? AND unit_id = ?", [campaign_id, unit_id])
