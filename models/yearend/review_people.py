"""The individuals a campaign commends: the people who made it succeed (issue 13).

The source is the campaign itself: the authors of the initiatives the council assessed "Tiêu biểu
xuất sắc" (and, when the review's setting says so, "Hiệu quả"), reported by the chosen day. The
quarterly classification is only a condition: no quarter of the campaign's period (the quarters from
its start to its report deadline) classified below the review's level, counting only what was known
on the chosen day. A person whose unit (or whose initiative's unit) is proposed for criticism is never
proposed automatically: the council adds them by hand, with a reason. A leader rated at a capped level
in a quarter where the unit broke the cap (the leaders' share) is flagged in the explanation.
People added by hand come in through the adjustments (``models.yearend.lists``).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from models.campaigns.campaigns import Campaign
from models.campaigns.initiatives import Author, Initiative, share_text
from models.common.codes import Assessment, CapScope, HeadLevel, label
from models.common.text import name_sort_key
from models.quarters.classifications import check_cap, quarter_of
from models.quarters.known import known_quarters
from models.quarters.rules import rule_set_for

ORDER = list(HeadLevel)  # best first


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class PersonReview:
    staff_id: int
    code: str
    full_name: str
    position: str
    unit_id: int
    unit_name: str
    quarters: tuple[tuple[tuple[int, int], HeadLevel | None], ...]  # ((year, quarter), level; None: not classified)
    commended: bool
    text: str  # what the list prints as the achievement
    why: str
    initiative: Initiative | None = None  # the initiative the person is considered for
    author: Author | None = None  # their role and share in it
    criticised_unit: str = ""  # the criticised unit that keeps the person off the proposals ("" none)
    flags: tuple[str, ...] = ()  # quarters that broke a cap, in the explanation

    @property
    def position_unit(self) -> str:
        return f"{self.position}, {self.unit_name}" if self.position else self.unit_name

    @property
    def initiative_text(self) -> str:
        """The list's "Mô hình, sáng kiến, giải pháp" cell: "Sáng kiến “...”"."""
        return f"{self.initiative.kind_label} “{self.initiative.title}”" if self.initiative is not None else ""


def _author_part(author: Author | None) -> str:
    """"Tác giả chủ trì (đóng góp 60%)" - the start of a commended author's printed achievement."""
    if author is None:
        return "Tác giả"
    share = f" (đóng góp {share_text(author.share)})" if author.share is not None else ""
    return f"Tác giả {author.role_label.lower()}{share}"


def campaign_quarters(campaign: Campaign) -> list[tuple[int, int]]:
    """The quarters of the campaign's period: from its start's quarter to its report deadline's."""
    first, last = quarter_of(campaign.start_date), quarter_of(campaign.report_deadline)
    found = []
    year, quarter = first
    while (year, quarter) <= last:
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def quarters_text(quarters) -> str:
    return ", ".join(f"quý {q}/{y}" for y, q in quarters)


def accepted_assessments(include_effective: bool) -> tuple[Assessment, ...]:
    return (Assessment.TIEU_BIEU, Assessment.HIEU_QUA) if include_effective else (Assessment.TIEU_BIEU,)


def _accepted_text(accepted: tuple[Assessment, ...]) -> str:
    return " hoặc ".join(label(a) for a in accepted)


def _best(initiatives: list[Initiative], accepted: tuple[Assessment, ...], as_of: dt.date) -> Initiative:
    """The initiative a person is considered for: the best assessment known on ``as_of`` first."""
    rank = {a: n for n, a in enumerate((*accepted, *(a for a in Assessment if a not in accepted)))}

    def key(i: Initiative):
        known = i.reported_on is not None and i.reported_on <= as_of and i.assessment is not None
        return (rank[i.assessment] if known else len(rank), i.registered_on, i.id)

    return min(initiatives, key=key)


def _cap_flags(db: Database, staff_id: int, leader: bool, classified: dict, cache: dict) -> list[str]:
    """"quý 4/2018: Phường 1 có 3/4 lãnh đạo xếp loại ..., vượt mức 50%" for each quarter of
    ``classified`` ((year, quarter) -> (level, unit id, unit name)) where the person's level is the
    one a cap of that quarter's rule set limits and the unit broke it."""
    flags = []
    for (year, quarter), (level, unit_id, unit_name) in sorted(classified.items()):
        if level is None:
            continue
        key = (unit_id, year, quarter)
        if key not in cache:
            people = [(bool(lead), HeadLevel(lv) if lv else None) for lead, lv in db.execute(
                "SELECT s.is_leader, c.level FROM classification c JOIN staff s ON s.id = c.staff_id "
                "WHERE c.unit_id = ? AND c.year = ? AND c.quarter = ?", [unit_id, year, quarter])]
            try:
                caps = rule_set_for(db, year, quarter).caps
            except Exception:  # no rule set covers the quarter: nothing to break
                caps = ()
            cache[key] = [v for v in (check_cap(c, people) for c in caps) if v is not None]
        for v in cache[key]:
            if v.cap.level == level and (v.cap.scope != CapScope.LEADERS or leader):
                flags.append(f"quý {quarter}/{year}, {unit_name} có {v.message}")
    return flags


def review_people(db: Database, campaign: Campaign, initiatives: list[Initiative], as_of: dt.date,
                  floor: HeadLevel, include_effective: bool, criticised: Mapping[int, str],
                  unit_names: Mapping[int, str]) -> list[PersonReview]:
    """Every author of ``initiatives`` (the campaign's, registered by ``as_of``), with the answer to
    "why" or "why not". ``criticised``: unit id -> the sentence naming the unit and its reasons, for
    the units proposed for criticism; ``unit_names``: the participating units' names."""
    from models.people.staff import unit_printed_under

    by_person: dict[int, list[Initiative]] = defaultdict(list)
    for i in initiatives:
        for a in i.authors:
            by_person[a.staff_id].append(i)
    if not by_person:
        return []
    ids = list(by_person)
    marks = ",".join("?" * len(ids))
    staff = {r["id"]: r for r in db.query(
        f"SELECT id, code, full_name, position, is_leader FROM staff WHERE id IN ({marks})", ids)}
    period = campaign_quarters(campaign)
    levels = known_quarters(db, ids, period, as_of)
    all_names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    accepted = accepted_assessments(include_effective)
    floor_text = label(floor)
    condition = (f"không quý nào trong thời gian của đợt ({quarters_text(period)}) xếp loại dưới mức "
                 f"{floor_text}")
    cache: dict = {}
    result = []
    for staff_id, mine in by_person.items():
        person = staff[staff_id]
        initiative = _best(mine, accepted, as_of)
        author = initiative.author(staff_id)
        unit_id = unit_printed_under(db, staff_id, as_of) or initiative.unit_id
        unit_name = all_names.get(unit_id, initiative.unit_name)
        classified = levels.get(staff_id, {})
        quarters = tuple((q, classified[q][0] if q in classified else None) for q in period)
        what = f"{lower_first(initiative.kind_label)} “{initiative.title}”"
        role = f"tác giả ({author.text})" if author is not None else "tác giả"
        reported = initiative.reported_on is not None and initiative.reported_on <= as_of
        blocked_by = next((criticised[u] for u in (unit_id, initiative.unit_id) if u in criticised), "")
        below = [(q, lv) for q, lv in quarters if lv is not None and ORDER.index(lv) > ORDER.index(floor)]
        commended, text, flags = False, "", ()
        if not reported:
            why = f"Không đủ điều kiện nêu gương: là {role} {what}, chưa báo cáo kết quả."
        elif initiative.assessment is None:
            why = f"Không đủ điều kiện nêu gương: là {role} {what}, Hội đồng chưa đánh giá kết quả."
        elif initiative.assessment not in accepted:
            why = (f"Không đủ điều kiện nêu gương: là {role} {what} được đánh giá {initiative.assessment_label} "
                   f"(cần {_accepted_text(accepted)}).")
        elif blocked_by:
            why = (f"Không đề xuất tự động: là {role} {what} được đánh giá {initiative.assessment_label} nhưng "
                   f"{blocked_by}; muốn nêu gương, Hội đồng thêm vào danh sách và ghi rõ lý do.")
        elif below:
            (y, q), lv = below[0]
            why = (f"Không đủ điều kiện nêu gương: là {role} {what} được đánh giá {initiative.assessment_label} "
                   f"nhưng quý {q}/{y} xếp loại {label(lv)} (điều kiện: {condition}).")
        else:
            commended = True
            text = f"{_author_part(author)}, {lower_first(initiative.kind_label)} được Hội đồng đánh giá {initiative.assessment_label}"
            seen = [f"quý {q}/{y}" for (y, q), lv in quarters if lv is not None]
            known = f"đã xếp loại {', '.join(seen)}" if seen else "chưa có quý nào được xếp loại"
            why = (f"Đủ điều kiện nêu gương: là {role} {what} được Hội đồng đánh giá {initiative.assessment_label}; "
                   f"{condition} ({known}).")
            flags = tuple(_cap_flags(db, staff_id, bool(person["is_leader"]), classified, cache))
            if flags:
                why += " Lưu ý - quý vượt giới hạn tỷ lệ: " + "; ".join(flags) + "."
        result.append(PersonReview(
            staff_id, person["code"], person["full_name"], person["position"], unit_id, unit_name, quarters,
            commended, text, why, initiative, author, blocked_by, flags))
    result.sort(key=lambda p: (name_sort_key(p.full_name), p.code))
    return result
