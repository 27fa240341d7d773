"""The command line: every command, its arguments and how it runs (main.py sends here whatever is not the
window's own options: a command, --help, an unknown option).

Every command is one entry of :data:`HANDLERS`, ``(command, kind) -> handler``, grouped by feature;
the argument parser takes its choices from that table. The commands and options are listed in the
README ("Command line"). Exit status: 0 success, 1 input rejected (messages on stderr), 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from models.common.errors import DomainError, ValidationError
from models.store import output
from models.store.db import create_database, set_default_who, write_transaction
from models.store.failures import database_failure, os_failure
from models.store.history import session_name
from models.store.lock import lock_for_writing

from cli.common import (  # noqa: F401  (KINDS, REPORT_KINDS: read by the tests as main.KINDS, ...)
    EXIT_OK, EXIT_REJECTED, EXIT_USAGE, FIELD_LABELS, KIND_HELP, KINDS, MISSING_DB, REPORT_HELP,
    REPORT_KINDS, Rejected, _check_target, _council, _date_arg, _exporting, _importing, _reporting, _require_campaign,
    _require_database, _template, _unit_id, _with_db, _year_quarter, campaigns, classification_report, exports,
    imports, imports_campaigns, imports_classifications, imports_discipline, imports_ratings, ratings, registers, xlsx,
)
from cli.units import SUCCESSION_KINDS, UNITS
from cli.yearend import AWARDS, YEAREND



# --- people: units, staff, disciplinary decisions ---------------------------------------------------

PEOPLE = {
    ("template", "units"): _template, ("template", "staff"): _template, ("template", "discipline"): _template,
    ("import", "units"): _importing(lambda db, args, today: imports.import_units(db, args.file, dry_run=args.dry_run)),
    ("import", "staff"): _importing(
        lambda db, args, today: imports.import_staff(db, args.file, today=today, dry_run=args.dry_run)),
    ("import", "discipline"): _importing(
        lambda db, args, today: imports_discipline.import_discipline(db, args.file, today, dry_run=args.dry_run)),
    ("export", "units"): _exporting(lambda db, args, out: exports.export(db, args.kind, out)),
    ("export", "staff"): _exporting(lambda db, args, out: exports.export(db, args.kind, out)),
    ("export", "discipline"): _exporting(lambda db, args, out: exports.export_discipline(db, out, args.year)),
    **UNITS,  # unit succession (merger, split, renaming), unit successions
}


# --- campaigns: campaigns, initiatives, head evaluations ---------------------------------------------

def _campaign_list(args) -> None:
    for c in _with_db(args, campaigns.list_campaigns):
        print(f"{c.id}\t{c.year}\t{c.name}")


def _campaign_add(args) -> None:
    def work(db):
        registration = _date_arg(args.registration_deadline, "--registration-deadline")
        report = _date_arg(args.report_deadline, "--report-deadline")
        start = _date_arg(args.start, "--start") if args.start else min(dt.date.today(), registration)
        try:
            return campaigns.save_campaign(db, campaigns.Campaign(
                name=args.name, year=args.year, start_date=start,
                registration_deadline=registration, report_deadline=report,
                deadline_day_counts=args.deadline_day_counts == "yes",
                fields=campaigns.default_fields(_council(db)),
            ))
        except ValidationError as e:
            raise Rejected("\n".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in e.errors.items())) from None

    print(_with_db(args, work).id)


def _export_initiatives(db, args, out) -> int:
    campaigns.get_campaign(db, _require_campaign(args))
    return exports.export_initiatives(db, args.campaign, out)


def _initiatives_pdf(db, args, as_of, fmt="pdf") -> bytes:
    from reports.initiatives import register_pdf

    return register_pdf(registers.initiative_register_data(db, _require_campaign(args), as_of=dt.date.today()), fmt)


CAMPAIGNS = {
    ("campaign", "add"): _campaign_add, ("campaign", "list"): _campaign_list,
    ("template", "initiatives"): _template, ("template", "heads"): _template,
    ("import", "initiatives"): _importing(lambda db, args, today: imports_campaigns.import_initiatives(
        db, args.file, _require_campaign(args), today, dry_run=args.dry_run)),
    ("import", "heads"): _importing(
        lambda db, args, today: imports_campaigns.import_head_evaluations(
            db, args.file, dry_run=args.dry_run, today=today)),
    ("export", "initiatives"): _exporting(_export_initiatives),
    ("export", "heads"): _exporting(
        lambda db, args, out: exports.export_head_evaluations(db, args.year or dt.date.today().year, out)),
    ("report", "initiatives"): _reporting(_initiatives_pdf),
}


# --- quarters: quarterly classification --------------------------------------------------------------

def _classification_template(args) -> None:
    if args.sub_db is None:
        raise Rejected("Cần --db PATH (tệp mẫu xếp loại điền sẵn cán bộ của đơn vị)")
    year, quarter = _year_quarter(args)
    _check_target(args, "xlsx")

    def work(db):
        unit_id = _unit_id(db, args.unit, required=True)
        return output.write_atomically(
            args.out, lambda out: imports_classifications.write_unit_workbook(db, unit_id, year, quarter, out))

    count = _with_db(args, work)
    print(f"Đã ghi tệp mẫu ({count} cán bộ): {args.out}")


def _export_classifications(db, args, out) -> int:
    year, quarter = _year_quarter(args)
    return imports_classifications.export_classifications(
        db, year, quarter, out, _unit_id(db, args.unit, required=False))


def _classification_pdf(db, args, as_of, fmt="pdf") -> bytes:
    from reports.classification import classification_pdf

    year, quarter = _year_quarter(args)
    unit_id = _unit_id(db, args.unit, required=False)
    today = dt.date.today()
    return classification_pdf(classification_report.unit_sheet_data(db, unit_id, year, quarter, today) if unit_id
                              else classification_report.district_sheet_data(db, year, quarter, today), fmt)


def _export_ratings(db, args, out) -> int:
    if args.year is None:
        raise Rejected("Cần --year NĂM (năm xếp loại cuối năm)")
    if not 2000 <= args.year <= 2100:
        raise Rejected(f"--year: năm {args.year} không hợp lệ (từ 2000 đến 2100)")
    return imports_ratings.export_ratings(db, args.year, out, _unit_id(db, args.unit, required=False))


def _propose_ratings(args) -> None:
    """``propose ratings``: the proposal from the quarters shown; written only with --apply."""
    if args.year is None or not 2000 <= args.year <= 2100:
        raise Rejected("Cần --year NĂM (từ 2000 đến 2100)")

    def work(db):
        unit_id = _unit_id(db, args.unit, required=False)
        proposals = ratings.propose_ratings(db, args.year, unit_id)
        for p in proposals:
            print(f"{p.code}\t{p.full_name}\t{p.unit_code}\t{p.quarters_text or '-'}\t{p.proposed_text or '-'}"
                  f"\t{p.state}")
        print(ratings.proposal_summary(proposals))
        if not args.apply:
            print("Chưa ghi gì. Thêm --apply để ghi các đề xuất cho người chưa có xếp loại"
                  " (thêm --replace để thay cả xếp loại đã có khác đề xuất).")
            return
        with write_transaction(db):
            written = ratings.apply_proposals(db, args.year, proposals, replace=args.replace)
        print(f"Đã ghi {written} xếp loại cuối năm năm {args.year}.")

    _with_db(args, work)


QUARTERS = {
    ("template", "ratings"): _template,
    ("import", "ratings"): _importing(
        lambda db, args, today: imports_ratings.import_ratings(db, args.file, dry_run=args.dry_run)),
    ("export", "ratings"): _exporting(_export_ratings),
    ("propose", "ratings"): _propose_ratings,
    ("template", "classifications"): _classification_template,
    ("import", "classifications"): _importing(
        lambda db, args, today: imports_classifications.import_classifications(db, args.file, dry_run=args.dry_run)),
    ("export", "classifications"): _exporting(_export_classifications),
    ("report", "classification"): _reporting(_classification_pdf),
}



# --- the database file: new, sample, backup, restore, check ------------------------------------------

def _demo(args) -> None:
    from models.demo.sample import create_demo_database  # only here: the window starts without it

    create_demo_database(args.sub_db, args.sample)
    print(f"Đã tạo cơ sở dữ liệu mẫu: {args.sub_db}")


def _creating(create: Callable, done: str) -> Callable:
    """``init``: ``create(path)`` the database of ``--db``, then say ``done``."""
    def run(args) -> None:
        create(args.sub_db)
        print(done.format(args.sub_db))
    return run


def _backup(args) -> None:
    from models.store.backup import backup_to

    if args.out.exists():
        raise Rejected(f"Tệp “{args.out}” đã có; chọn tên khác để không ghi đè")
    print(f"Đã sao lưu vào {backup_to(args.sub_db, args.out)}")


def _restore(args) -> None:
    from models.store.backup import restore
    from models.store.db import program_schema_version
    from models.store.history import session_name
    from models.store.restore_log import restore_log_path

    if not args.sub_db.exists():
        raise Rejected(MISSING_DB.format(args.sub_db))
    if args.file.exists() and args.file.samefile(args.sub_db):
        raise Rejected(f"“{args.file}” chính là cơ sở dữ liệu cần khôi phục; hãy chọn một bản sao lưu "
                       "(python main.py backup hoặc thư mục backups bên cạnh cơ sở dữ liệu).")
    kept = restore(args.file, args.sub_db, dt.datetime.now(), program_schema_version(),
                   who=f"{session_name()} - dòng lệnh")
    print(f"Đã khôi phục {args.sub_db} từ {args.file}")
    if kept:
        print(f"Bản trước khi khôi phục được giữ ở {kept}")
    print(f"Đã ghi vào nhật ký khôi phục {restore_log_path(args.sub_db)}")


def _check(args) -> int:
    from models.check import check_file

    _require_database(args.sub_db)
    findings = check_file(args.sub_db)
    if not findings:
        print("Không phát hiện vấn đề nào: kiểm tra toàn vẹn, khóa ngoại và các quy tắc dữ liệu đều đạt.")
        return EXIT_OK
    for f in findings:
        print(("LỖI: " if f.serious else "CẦN XEM: ") + f.what, file=sys.stderr)
    print(f"Phát hiện {len(findings)} vấn đề.", file=sys.stderr)
    return EXIT_REJECTED


STORE = {
    ("demo", None): _demo,
    ("init", None): _creating(create_database, "Đã tạo cơ sở dữ liệu mới (trống): {}"),
    ("backup", None): _backup, ("restore", None): _restore, ("check", None): _check,
}

HANDLERS: dict[tuple[str, str | None], Callable] = {**PEOPLE, **CAMPAIGNS, **QUARTERS, **YEAREND, **AWARDS, **STORE}


def _writes(args) -> bool:
    """Whether the command writes the database (and so takes its lock)."""
    if args.command == "campaign":
        return args.action == "add"
    if args.command == "unit":
        return args.action == "succession" and not args.dry_run
    if args.command == "propose":
        return args.apply
    return args.command in ("demo", "init", "restore", "import") and not getattr(args, "dry_run", False)


# --- the parser: choices from the table ---------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with the message on stderr
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cách dùng: {message}\n")


_XLSX_OUT, _DATE = "tệp Excel ghi ra", "DD/MM/YYYY"
_DB_HELP = "tệp cơ sở dữ liệu (.sqlite3)"
ARGUMENTS = {  # every argument once, by name; COMMANDS says which command takes which
    "db": (("--db",), dict(type=Path, required=True, dest="sub_db", metavar="PATH", help=_DB_HELP)),
    "db?": (("--db",), dict(type=Path, dest="sub_db", metavar="PATH", help=_DB_HELP)),
    "file": (("file",), dict(type=Path, metavar="FILE.xlsx", help="tệp Excel đọc vào")),
    "backup file": (("file",), dict(type=Path, metavar="FILE", help="tệp sao lưu")),
    "out?": (("out",), dict(type=Path, nargs="?", help=_XLSX_OUT)),  # or -o: settled by _check_out
    "-o xlsx": (("-o", "--out"), dict(type=Path, dest="out_option", metavar="OUT.xlsx", help=_XLSX_OUT)),
    "-o": (("-o", "--out"), dict(type=Path, required=True)),
    "force": (("--force",), dict(action="store_true", help="ghi đè cả khi tệp ra đã có mà là tệp loại khác (không bao "
                                 "giờ ghi đè cơ sở dữ liệu đang dùng)")),
    "campaign": (("--campaign",), dict(type=int, metavar="ID", help="số (id) đợt thi đua, cho initiatives")),
    "campaign id": (("--campaign",), dict(type=int, metavar="ID", help="số (id) đợt thi đua")),
    "dry-run": (("--dry-run",), dict(action="store_true", help="chỉ kiểm tra, không ghi")),
    "year": (("--year",), dict(type=int, help="năm")),
    "quarter": (("--quarter",), dict(type=int, help="quý (1-4)")),
    "unit template": (("--unit",), dict(help="mã đơn vị (classifications: tệp điền sẵn cán bộ của đơn vị)")),
    "unit export": (("--unit",), dict(help="mã đơn vị, cho classifications và ratings")),
    "apply": (("--apply",), dict(action="store_true", help="ghi các đề xuất (mặc định: chỉ in ra để xem)")),
    "replace": (("--replace",), dict(action="store_true", help="với --apply: thay cả xếp loại đã có khác đề xuất")),
    "unit report": (("--unit",), dict(help="mã đơn vị (bỏ trống: bảng tổng hợp mọi đơn vị)")),
    "title": (("--title",), dict(metavar="CODE", help="titles: LDTT (Lao động tiên tiến), CSTDCS (Chiến sĩ thi đua "
                                 "cơ sở), TTLDTT (Tập thể lao động tiên tiến), TTLDXS (Tập thể lao động xuất sắc); "
                                 "bỏ trống: cả bốn danh sách")),
    "as-of": (("--as-of",), dict(metavar=_DATE, help="criticism, commendation, titles: xét số liệu đến ngày này "
                                 "(mặc định: hôm nay)")),
    "name": (("--name",), dict(required=True)),
    "year!": (("--year",), dict(type=int, required=True)),
    "from-year": (("--from-year",), dict(type=int, metavar="Y0", help="statistics: thống kê từ năm này đến --year")),
    "registration": (("--registration-deadline",), dict(required=True, metavar=_DATE)),
    "report": (("--report-deadline",), dict(required=True, metavar=_DATE)),
    "sample": (("--sample",), dict(choices=("2018", "2026"), default="2018",
                                   help="2018: quận Gò Vấp năm 2018 (mặc định); 2026: phường Gò Vấp sau sáp nhập "
                                        "01/07/2025")),
    "start": (("--start",), dict(metavar=_DATE, help="ngày bắt đầu (mặc định: hôm nay, hoặc hạn đăng ký nếu đã qua)")),
    "deadline day": (("--deadline-day-counts",), dict(choices=("yes", "no"), default="yes", help=(
        "yes: hạn ghi “chậm nhất ngày X”, nộp đúng ngày X vẫn là đúng hạn (mặc định); no: hạn ghi “trước ngày X”, "
        "nộp đúng ngày X là trễ hạn"))),
    "succession kind": (("--kind",), dict(required=True, dest="succession_kind", choices=SUCCESSION_KINDS, help=(
        "sap_nhap: sáp nhập các đơn vị cũ vào một đơn vị mới; chia_tach: chia tách một đơn vị cũ thành nhiều đơn vị "
        "mới; doi_ten: đổi tên (đơn vị cũ sang đơn vị mang tên mới, thêm trước)"))),
    "from units": (("--from",), dict(required=True, dest="old_codes", metavar="CODE,...",
                                     help="mã các đơn vị cũ, cách nhau bằng dấu phẩy")),
    "to units": (("--to",), dict(required=True, dest="new_codes", metavar="CODE,...",
                                 help="mã các đơn vị mới, cách nhau bằng dấu phẩy (chia tách: đơn vị đầu tiên nhận "
                                      "những người không có --move)")),
    "date!": (("--date",), dict(required=True, dest="effective_on", metavar=_DATE,
                                help="ngày có hiệu lực: ngày đầu tiên ở đơn vị mới (không sau hôm nay)")),
    "note": (("--note",), dict(default="", metavar="TEXT", help="căn cứ, ví dụ: Nghị quyết 1685/NQ-UBTVQH15")),
    "move": (("--move",), dict(action="append", default=[], metavar="STAFFCODE=UNITCODE", help=(
        "chia tách: cán bộ mã STAFFCODE sang đơn vị mới UNITCODE (lặp lại cho từng người)"))),
}
_XLSX_FILE = ("out?", "-o xlsx", "force")
COMMANDS = {  # command: (help, help of its kinds (choices: the HANDLERS' kinds), its arguments)
    "demo": ("tạo cơ sở dữ liệu mẫu (quận Gò Vấp 2018, hoặc phường Gò Vấp 2026 với --sample 2026)", None,
             ("db", "sample")),
    "init": ("tạo cơ sở dữ liệu mới, trống (không ghi đè tệp đã có)", None, ("db",)),
    "template": ("ghi tệp Excel mẫu để trống", KIND_HELP, (*_XLSX_FILE, "db?", "year", "quarter", "unit template")),
    "import": ("nhập từ Excel (tất cả hoặc không gì cả)", KIND_HELP, ("file", "db", "campaign", "dry-run")),
    "export": ("xuất ra Excel", KIND_HELP, (*_XLSX_FILE, "db", "campaign", "year", "quarter", "unit export")),
    "propose": ("đề xuất xếp loại cuối năm từ kết quả các quý (chỉ in ra; --apply để ghi)",
                "ratings (xếp loại chất lượng cuối năm)", ("db", "year", "unit export", "apply", "replace")),
    "unit": ("đơn vị: sáp nhập, chia tách, đổi tên", None, None),  # its actions: UNIT_ACTIONS
    "campaign": ("đợt thi đua", None, None),  # its actions: CAMPAIGN_ACTIONS
    "backup": ("sao lưu cơ sở dữ liệu ra một tệp", None, ("db", "-o")),
    "restore": ("khôi phục từ tệp sao lưu (tệp hiện tại được sao lưu trước)", None, ("backup file", "db")),
    "check": ("kiểm tra cơ sở dữ liệu", None, ("db",)),
    "report": ("in báo cáo, văn bản (PDF; Word khi tệp ra có đuôi .docx)", REPORT_HELP,
               ("title", "db", "campaign id", "as-of", "year", "quarter", "unit report", "from-year", "-o", "force")),
}
CAMPAIGN_ACTIONS = {
    "add": ("thêm đợt thi đua (in ra số id)", ("db", "name", "year!", "registration", "report", "start",
                                                "deadline day")),
    "list": ("liệt kê các đợt thi đua", ("db",)),
}
UNIT_ACTIONS = {
    "succession": ("ghi nhận sáp nhập, chia tách, đổi tên đơn vị từ một ngày: in kế hoạch (ai chuyển đi đâu) rồi "
                   "ghi; --dry-run: chỉ in kế hoạch",
                   ("db", "succession kind", "from units", "to units", "date!", "note", "move", "dry-run")),
    "successions": ("liệt kê các lần sáp nhập, chia tách, đổi tên đã ghi nhận (cũ nhất trước)", ("db",)),
}
GROUP_ACTIONS = {"campaign": CAMPAIGN_ACTIONS, "unit": UNIT_ACTIONS}  # the commands whose COMMANDS names are None


def _add_arguments(parser, names) -> None:
    for name in names:
        flags, options = ARGUMENTS[name]
        parser.add_argument(*flags, **options)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="TĐKT - quản lý thi đua, khen thưởng (offline)")
    parser.add_argument("--db", type=Path, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="lưu ảnh từng màn hình rồi thoát")
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command, (help_text, kind_help, names) in COMMANDS.items():
        command_parser = sub.add_parser(command, help=help_text)
        if names is None:
            actions = command_parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
            for action, (action_help, action_names) in GROUP_ACTIONS[command].items():
                _add_arguments(actions.add_parser(action, help=action_help), action_names)
            continue
        if kind_help:
            order = REPORT_KINDS if command == "report" else KINDS
            command_parser.add_argument("kind", choices=[k for k in order if (command, k) in HANDLERS], help=kind_help)
        _add_arguments(command_parser, names)
    return parser


def _check_out(parser, args, extra: list[str]) -> None:
    """Settle the output file of template/export; anything else left over is a usage error.

    (An optional positional is taken, empty, before the options that follow it: in
    ``export units --db PATH OUT.xlsx`` argparse leaves OUT.xlsx over, so it is picked up here.)
    """
    if args.command in ("template", "export") and args.out is None and len(extra) == 1 \
            and not extra[0].startswith("-"):
        args.out = Path(extra.pop())
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command not in ("template", "export"):
        return
    if args.out is not None and args.out_option is not None:
        parser.error("chỉ ghi tệp ra một lần: OUT.xlsx hoặc -o OUT.xlsx")
    args.out = args.out or args.out_option
    if args.out is None:
        parser.error("cần tệp ghi ra: OUT.xlsx hoặc -o OUT.xlsx")


# --- running a command: one handler for every refusal and every file error ---------------------------

def run_command(args) -> int:
    set_default_who(f"{session_name()} - dòng lệnh")
    db_path = getattr(args, "sub_db", None)
    handler = HANDLERS[(args.command, getattr(args, "kind", None) or getattr(args, "action", None))]
    try:
        if _writes(args) and db_path is not None and (db_path.exists() or args.command in ("demo", "init")):
            with lock_for_writing(db_path):
                return handler(args) or EXIT_OK
        return handler(args) or EXIT_OK
    except xlsx.ImportRejected as e:
        print(f"Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu ({len(e.errors)} lỗi):", file=sys.stderr)
        print(str(e), file=sys.stderr)
    except (Rejected, DomainError) as e:
        print(str(e), file=sys.stderr)
    except sqlite3.Error as e:
        print(database_failure(e, db_path), file=sys.stderr)
    except OSError as e:
        print(os_failure(e, getattr(args, "out", None) or db_path), file=sys.stderr)
        sys.unraisablehook = lambda _: None  # a writer left half-closed fails again when collected: said once
    return EXIT_REJECTED


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The parsed command line (``argv``; None: ``sys.argv[1:]``); a usage error or --help exits here.
    ``command`` is None when no command was given: the window is opened with ``db``, ``screenshots`` and
    ``quit_after_show``."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    _check_out(parser, args, extra)
    return args
