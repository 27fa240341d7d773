"""Sample data for the 2018 titles, so that every title rule is exercised on the sample.

No randomness: every choice follows from the sample's own data in a fixed order.

- In Phòng Quản lý đô thị, the best-rated member who is not a leader is disciplined with
  Khiển trách: they lose Lao động tiên tiến, the unit keeps Tập thể lao động tiên tiến.
- In Phường 7, the first member (by code) who earned Lao động tiên tiến and is not a leader gets
  Cảnh cáo: the ward, otherwise a Tập thể lao động tiên tiến, loses its title.
- In Phòng Tài chính - Kế hoạch, the initiative recognised at the cơ sở gets three authors who all
  earn Lao động tiên tiến while the 15% cap allows one: two tie on excellent quarters and the
  council's order of priority for 2018 separates them; the third comes first in that order but has
  fewer excellent quarters, so stays out. The unit keeps Tập thể lao động xuất sắc.
- The newcomer recruited on 01/03/2018 (``models.demo.sample``) has exactly 10 months and qualifies;
  those recruited later do not.
- The first woman (by code) on maternity leave in some quarter who did not earn Lao động tiên
  tiến, outside the units above, is on maternity leave all of 2018 (Q2-Q4): she has no classified
  quarter, so her unit's shares leave her out, with a note.
- The first mover (by code) who left, after 24/09/2018, a unit that is otherwise a Tập thể lao
  động tiên tiến gets Cảnh cáo on that day: it bars the unit she or he belonged to then, as well
  as the unit of year end.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlite_utils import Database

from models.campaigns.recognitions import Recognition, save_recognition
from models.common.codes import DisciplineForm, NotClassifiedReason, RecognitionBody, TitleCode
from models.demo.campaign import ENTERED_ON
from models.people.discipline import Discipline, save_discipline
from models.common.errors import DomainError
from models.campaigns.initiatives import get_initiative, save_initiative
from models.people.staff import unit_history
from models.common.text import name_sort_key
from models.yearend.title_lists import set_council_order
from models.yearend.titles import PersonProposal, title_proposals

YEAR = 2018
REPRIMANDED_UNIT = "QLDT"
REPRIMAND = ("12/QĐ-UBND", dt.date(2018, 6, 1))
WARNED_UNIT = "P07"
WARNING = ("1520/QĐ-UBND", dt.date(2018, 8, 14))
RANKED_UNIT = "TCKH"
MOVED_WARNING = ("1893/QĐ-UBND", dt.date(2018, 9, 24))


def _members(db: Database, proposals, code: str) -> list[PersonProposal]:
    unit = next(u for u in proposals.units if u.code == code)
    leaders = {r[0] for r in db.execute("SELECT id FROM staff WHERE is_leader = 1")}
    return [p for p in (proposals.person(s) for s in unit.members) if p.staff_id not in leaders]


def _ranked_authors(members: list[PersonProposal]) -> tuple[PersonProposal, PersonProposal, PersonProposal]:
    """(a, b, c): a and b tie on excellent quarters, a first by name; c has fewer."""
    earned = sorted((p for p in members if TitleCode.LDTT in p.titles),
                    key=lambda p: (-p.excellent_quarters, name_sort_key(p.full_name), p.code))
    for i in range(len(earned) - 1):
        a, b = earned[i], earned[i + 1]
        fewer = [p for p in earned if p.excellent_quarters < a.excellent_quarters]
        if a.excellent_quarters == b.excellent_quarters and fewer:
            return a, b, fewer[0]
    raise DomainError(f"Dữ liệu mẫu: {RANKED_UNIT} không đủ người để minh họa cách xếp hạng")


def _on_leave_all_year(db: Database, proposals) -> PersonProposal:
    """The woman made "không đánh giá (Nghỉ thai sản)" in every quarter of the year."""
    used = {REPRIMANDED_UNIT, WARNED_UNIT, RANKED_UNIT}
    women = {r[0] for r in db.execute("SELECT id FROM staff WHERE gender = 'nu' AND is_leader = 0")}
    return next(p for p in sorted(proposals.people, key=lambda p: p.code)
                if p.staff_id in women and TitleCode.LDTT not in p.titles and p.left_on is None
                and proposals.unit(p.unit_id).code not in used and len({q.unit_id for q in p.quarters}) == 1
                and any(q.reason == NotClassifiedReason.THAI_SAN for q in p.quarters))


def _warned_mover(db: Database, proposals) -> PersonProposal:
    """The mover who belonged on ``MOVED_WARNING``'s day to a unit otherwise TTLĐTT, then moved."""
    used = {REPRIMANDED_UNIT, WARNED_UNIT, RANKED_UNIT}
    day = MOVED_WARNING[1]
    for p in sorted(proposals.people, key=lambda p: p.code):
        history = unit_history(db, p.staff_id)
        if len(history) != 2 or not history[0].start <= day < history[1].start or p.left_on is not None:
            continue
        before, after = (proposals.unit(h.unit_id) for h in history)
        if (before.code not in used and after.code not in used
                and TitleCode.TTLDTT in before.titles and TitleCode.LDTT in p.titles):
            return p
    raise DomainError("Dữ liệu mẫu: không có người chuyển đơn vị để minh họa kỷ luật ở đơn vị cũ")


def build_demo_titles(db: Database, today: dt.date) -> None:
    """Add the discipline decisions, the ranked unit's authors and the council's order for 2018."""
    proposals = title_proposals(db, YEAR)
    reprimanded = sorted((p for p in _members(db, proposals, REPRIMANDED_UNIT) if TitleCode.LDTT in p.titles),
                         key=lambda p: (-p.excellent_quarters, p.code))[0]
    warned = next(p for p in sorted(_members(db, proposals, WARNED_UNIT), key=lambda p: p.code)
                  if TitleCode.LDTT in p.titles)
    on_leave = _on_leave_all_year(db, proposals)
    mover = _warned_mover(db, proposals)
    for person, form, (number, day), note in (
        (reprimanded, DisciplineForm.KHIEN_TRACH, REPRIMAND, "Vi phạm quy chế làm việc của cơ quan"),
        (warned, DisciplineForm.CANH_CAO, WARNING, "Vi phạm quy định về tiếp nhận và trả hồ sơ"),
        (mover, DisciplineForm.CANH_CAO, MOVED_WARNING, "Vi phạm quy định về quản lý hồ sơ địa chính"),
    ):
        save_discipline(db, Discipline(person.staff_id, form, number, day, note=note), today)
    a, b, c = _ranked_authors(_members(db, proposals, RANKED_UNIT))
    unit_id = next(u.unit_id for u in proposals.units if u.code == RANKED_UNIT)
    (initiative_id,) = db.execute(
        "SELECT i.id FROM initiative i JOIN campaign k ON k.id = i.campaign_id WHERE i.unit_id = ? AND k.year = ? "
        "ORDER BY i.id LIMIT 1", [unit_id, YEAR]).fetchone()
    initiative = get_initiative(db, initiative_id)
    save_initiative(db, replace(initiative, authors=(), author_ids=(a.staff_id, b.staff_id, c.staff_id)), ENTERED_ON)
    if not initiative.recognised:  # recognised at the cơ sở: a decision of the unit's council
        save_recognition(db, Recognition(RecognitionBody.CO_SO, "07/QĐ-TCKH", dt.date(2018, 12, 20),
                                         initiative_id=initiative_id), ENTERED_ON)
    set_council_order(db, YEAR, [c.staff_id, b.staff_id, a.staff_id])
    # Her leave runs all year: as if entered so before her unit's quarters were locked.
    db.execute("UPDATE classification SET level = NULL, reason = ?, note = '' WHERE staff_id = ? AND year = ?",
               [NotClassifiedReason.THAI_SAN.value, on_leave.staff_id, YEAR])
