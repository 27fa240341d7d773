"""The unit commands: a merger, split or renaming recorded from a date (``unit succession``, what the
units screen's "Sáp nhập / chia tách / đổi tên..." does) and the list of those recorded
(``unit successions``). Both call :mod:`models.people.succession` only."""
from __future__ import annotations

import datetime as dt

from models.common.dates import format_date
from models.common.errors import ValidationError
from models.common.text import normalise_code
from models.store.db import write_transaction

from cli.common import Rejected, _date_arg, _Lazy, _with_db, units

succession = _Lazy("models.people.succession")

SUCCESSION_KINDS = ("sap_nhap", "chia_tach", "doi_ten")  # SuccessionKind's values (the --kind choices)
# The fields of plan_succession's refusals: the options that give them (as the other refusals say them).
SUCCESSION_FIELDS = {"old": "--from", "new": "--to", "effective_on": "--date", "targets": "--move"}
MOVE_FORMAT = "cần dạng MÃ_CÁN_BỘ=MÃ_ĐƠN_VỊ_MỚI, ví dụ CB0012=VP"


def _unit_ids(db, text: str, option: str, codes: dict[int, str]) -> list[int]:
    """The ids of the units of a comma-separated list of codes (each once, in order); their codes go
    into ``codes``. An unknown code is refused, named."""
    found = []
    for typed in (part.strip() for part in text.split(",")):
        if not typed:
            continue
        unit_id = units.unit_id_by_code(db, normalise_code(typed))
        if unit_id is None:
            raise Rejected(f"{option}: không có đơn vị mã “{typed}” (xem danh sách đơn vị ở màn hình Đơn vị "
                           "hoặc python main.py export units)")
        codes[unit_id] = normalise_code(typed)
        if unit_id not in found:
            found.append(unit_id)
    return found


def _targets(db, plan, moves: list[str], codes: dict[int, str]) -> dict[int, int]:
    """--move STAFFCODE=UNITCODE: staff id -> new unit id, for people the plan moves."""
    if moves and plan.kind != succession.SuccessionKind.CHIA_TACH:
        raise Rejected("--move chỉ dùng khi chia tách (--kind chia_tach): sáp nhập, đổi tên chỉ có một đơn vị mới")
    movers = {m.code: m.staff_id for m in plan.moves}
    targets = {}
    for text in moves:
        staff_code, sign, unit_code = text.partition("=")
        if not sign or not staff_code.strip() or not unit_code.strip():
            raise Rejected(f"--move “{text}”: {MOVE_FORMAT}")
        staff_id = movers.get(normalise_code(staff_code))
        if staff_id is None:
            raise Rejected(f"--move “{text}”: cán bộ mã “{staff_code.strip()}” không phải người chuyển đơn vị "
                           "(không thuộc đơn vị cũ vào ngày có hiệu lực)")
        if "," in unit_code:  # one person goes to one unit
            raise Rejected(f"--move “{text}”: {MOVE_FORMAT}")
        targets[staff_id] = _unit_ids(db, unit_code, f"--move “{text}”", codes)[0]
    return targets


def _plan(db, args, day: dt.date, codes: dict[int, str]):
    """plan_succession of the command's options; its refusals said with their fields."""
    old = _unit_ids(db, args.old_codes, "--from", codes)
    new = _unit_ids(db, args.new_codes, "--to", codes)
    try:
        plan = succession.plan_succession(db, args.succession_kind, old, new, day, dt.date.today())
        if args.move:
            plan = succession.plan_succession(db, args.succession_kind, old, new, day, dt.date.today(),
                                              _targets(db, plan, args.move, codes))
    except ValidationError as e:
        raise Rejected("\n".join(f"{SUCCESSION_FIELDS.get(k, k)}: {v}" for k, v in e.errors.items())) from None
    return plan


def _plan_lines(plan, codes: dict[int, str]) -> list[str]:
    """The plan as the screen's preview shows it: the units, the date, who moves where."""
    def named(ids) -> str:
        return ", ".join(f"{codes[u]} ({plan.names[u]})" for u in ids)

    lines = [f"{succession.KIND_LABELS[plan.kind]}: {named(plan.old_ids)} -> {named(plan.new_ids)}",
             f"Có hiệu lực từ ngày {format_date(plan.effective_on)}"]
    lines += [f"{m.code}\t{m.full_name}\t{codes[m.from_unit_id]} -> {codes[m.to_unit_id]}" for m in plan.moves]
    lines.append(_moved(plan) if plan.moves else "Không có cán bộ nào phải chuyển")
    return lines


def _moved(plan) -> str:
    return f"{len(plan.moves)} cán bộ chuyển đơn vị"


def _succession(args) -> None:
    """``unit succession``: the plan printed, then recorded (one transaction) unless --dry-run."""
    day = _date_arg(args.effective_on, "--date")
    if day is None:
        raise Rejected("--date: cần ngày có hiệu lực dạng dd/mm/yyyy")

    def work(db):
        codes: dict[int, str] = {}
        if args.dry_run:
            print("\n".join(_plan_lines(_plan(db, args, day, codes), codes)))
            print("Chạy thử: chưa ghi gì. Bỏ --dry-run để ghi nhận.")
            return
        with write_transaction(db):
            plan = _plan(db, args, day, codes)
            print("\n".join(_plan_lines(plan, codes)))
            succession.apply_succession(db, plan, args.note)
        print(f"Đã ghi nhận: {plan.sentence()}. {_moved(plan)}; {len(plan.old_ids)} đơn vị cũ chuyển sang ngừng "
              "hoạt động (vẫn giữ toàn bộ lịch sử).")

    _with_db(args, work)


def _successions(args) -> None:
    """``unit successions``: date, kind, old unit -> new unit, basis; oldest first."""
    recorded = sorted(_with_db(args, succession.list_successions), key=lambda s: s.effective_on)
    if not recorded:
        print("Chưa ghi nhận sáp nhập, chia tách, đổi tên đơn vị nào.")
    for s in recorded:
        print(f"{format_date(s.effective_on)}\t{succession.KIND_LABELS[s.kind]}\t{s.from_name} -> {s.to_name}"
              f"\t{s.note or '-'}")


UNITS = {("unit", "succession"): _succession, ("unit", "successions"): _successions}
