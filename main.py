"""TĐKT: command line and entry point. No arguments opens the window.

    python main.py [--db PATH]                          open the window
    python main.py demo --db PATH                       create a database filled with sample data
    python main.py template {units,staff} OUT.xlsx      write an empty template
    python main.py import {units,staff} FILE.xlsx --db PATH [--dry-run]
    python main.py export {units,staff} OUT.xlsx --db PATH
    python main.py --db PATH --screenshots DIR          save one PNG of each main screen, then exit
    python main.py campaign add --db PATH --name TEXT --year YYYY --registration-deadline DD/MM/YYYY
                                --report-deadline DD/MM/YYYY [--start DD/MM/YYYY]
    python main.py campaign list --db PATH
    python main.py template {initiatives,heads} OUT.xlsx
    python main.py import initiatives FILE.xlsx --db PATH --campaign ID [--dry-run]
    python main.py import heads FILE.xlsx --db PATH [--dry-run]
    python main.py export initiatives OUT.xlsx --db PATH --campaign ID
    python main.py report initiatives --db PATH --campaign ID -o OUT.pdf
    python main.py template classifications OUT.xlsx --db PATH --year Y --quarter Q --unit CODE
    python main.py import classifications FILE.xlsx --db PATH [--dry-run]
    python main.py export classifications OUT.xlsx --db PATH --year Y --quarter Q [--unit CODE]
    python main.py report classification --db PATH --year Y --quarter Q [--unit CODE] -o OUT.pdf
    python main.py report criticism   --db PATH --campaign ID [--as-of DD/MM/YYYY] -o OUT.pdf
    python main.py report commendation --db PATH --campaign ID [--as-of DD/MM/YYYY] -o OUT.pdf
    python main.py report titles --db PATH --year Y [--title LDTT|CSTDCS|TTLDTT|TTLDXS] [--as-of DD/MM/YYYY]
                               -o OUT.pdf   (without --title: the four lists bound in one PDF)
    python main.py template discipline OUT.xlsx
    python main.py import discipline FILE.xlsx --db PATH [--dry-run]
    python main.py export discipline OUT.xlsx --db PATH [--year Y]
    (template and export also take the output as -o OUT.xlsx)
    python main.py backup  --db PATH -o FILE
    python main.py restore FILE --db PATH
    python main.py check   --db PATH

Exit status: 0 success, 1 input rejected (messages on stderr), 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
KINDS = ("units", "staff", "initiatives", "heads", "classifications", "discipline")
KIND_HELP = ("units (đơn vị), staff (cán bộ), initiatives (mô hình, sáng kiến), heads (người đứng đầu), "
             "classifications (xếp loại quý), discipline (kỷ luật)")
FIELD_LABELS = {
    "name": "Tên", "year": "Năm", "start_date": "Ngày bắt đầu", "registration_deadline": "Hạn đăng ký",
    "report_deadline": "Hạn báo cáo kết quả", "max_per_unit": "Số mô hình tối đa", "fields": "Lĩnh vực",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with the message on stderr
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cách dùng: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="TĐKT - quản lý thi đua, khen thưởng (offline)")
    parser.add_argument("--db", type=Path, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="lưu ảnh từng màn hình rồi thoát")
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu (Gò Vấp 2018)")
    demo.add_argument("--db", type=Path, required=True, dest="sub_db")

    template = sub.add_parser("template", help="ghi tệp Excel mẫu để trống")
    template.add_argument("kind", choices=KINDS, help=KIND_HELP)
    _out_args(template)
    _quarter_args(template, unit_help="mã đơn vị (classifications: tệp điền sẵn cán bộ của đơn vị)")

    imp = sub.add_parser("import", help="nhập từ Excel (tất cả hoặc không gì cả)")
    imp.add_argument("kind", choices=KINDS, help=KIND_HELP)
    imp.add_argument("file", type=Path)
    imp.add_argument("--db", type=Path, required=True, dest="sub_db")
    imp.add_argument("--campaign", type=int, help="số (id) đợt thi đua, cho initiatives")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    exp = sub.add_parser("export", help="xuất ra Excel")
    exp.add_argument("kind", choices=KINDS, help=KIND_HELP)
    _out_args(exp)
    exp.add_argument("--db", type=Path, required=True, dest="sub_db")
    exp.add_argument("--campaign", type=int, help="số (id) đợt thi đua, cho initiatives")
    _quarter_args(exp, unit_help="mã đơn vị, cho classifications")

    campaign = sub.add_parser("campaign", help="đợt thi đua")
    campaign_sub = campaign.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = campaign_sub.add_parser("add", help="thêm đợt thi đua (in ra số id)")
    add.add_argument("--db", type=Path, required=True, dest="sub_db")
    add.add_argument("--name", required=True)
    add.add_argument("--year", type=int, required=True)
    add.add_argument("--registration-deadline", required=True, metavar="DD/MM/YYYY")
    add.add_argument("--report-deadline", required=True, metavar="DD/MM/YYYY")
    add.add_argument("--start", metavar="DD/MM/YYYY", help="ngày bắt đầu (mặc định: hôm nay, hoặc hạn đăng ký nếu đã qua)")
    lst = campaign_sub.add_parser("list", help="liệt kê các đợt thi đua")
    lst.add_argument("--db", type=Path, required=True, dest="sub_db")

    backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu ra một tệp")
    backup.add_argument("--db", type=Path, required=True, dest="sub_db")
    backup.add_argument("-o", "--out", type=Path, required=True)
    restore = sub.add_parser("restore", help="khôi phục từ tệp sao lưu (tệp hiện tại được sao lưu trước)")
    restore.add_argument("file", type=Path)
    restore.add_argument("--db", type=Path, required=True, dest="sub_db")
    check = sub.add_parser("check", help="kiểm tra cơ sở dữ liệu")
    check.add_argument("--db", type=Path, required=True, dest="sub_db")

    report = sub.add_parser("report", help="in báo cáo PDF")
    report.add_argument("kind", choices=("initiatives", "classification", "criticism", "commendation", "titles"),
                        help="initiatives: danh sách đăng ký mô hình, sáng kiến; "
                             "classification: bảng tổng hợp xếp loại quý; criticism: danh sách tập thể bị phê "
                             "bình; commendation: danh sách tập thể, cá nhân được nêu gương; titles: danh sách đề "
                             "nghị công nhận danh hiệu thi đua của năm")
    report.add_argument("--title", metavar="CODE",
                        help="titles: LDTT (Lao động tiên tiến), CSTDCS (Chiến sĩ thi đua cơ sở), TTLDTT (Tập thể "
                             "lao động tiên tiến), TTLDXS (Tập thể lao động xuất sắc); bỏ trống: cả bốn danh sách")
    report.add_argument("--db", type=Path, required=True, dest="sub_db")
    report.add_argument("--campaign", type=int)
    report.add_argument("--as-of", metavar="DD/MM/YYYY",
                        help="criticism, commendation, titles: xét số liệu đến ngày này (mặc định: hôm nay)")
    _quarter_args(report, unit_help="mã đơn vị (bỏ trống: toàn quận)", db=False)
    report.add_argument("-o", "--out", type=Path, required=True)
    return parser


def _out_args(parser) -> None:
    """The file written: ``OUT.xlsx`` or ``-o OUT.xlsx`` (checked by :func:`_check_out`)."""
    parser.add_argument("out", type=Path, nargs="?", help="tệp Excel ghi ra")
    parser.add_argument("-o", "--out", type=Path, dest="out_option", metavar="OUT.xlsx", help="tệp Excel ghi ra")


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


def _quarter_args(parser, unit_help: str, db: bool = True) -> None:
    if db and not any(a.dest == "sub_db" for a in parser._actions):
        parser.add_argument("--db", type=Path, dest="sub_db")
    parser.add_argument("--year", type=int, help="năm")
    parser.add_argument("--quarter", type=int, help="quý (1-4)")
    parser.add_argument("--unit", help=unit_help)


def _db_path(args) -> Path:
    from models.store.db import default_db_path

    return getattr(args, "sub_db", None) or args.db or default_db_path()


class Rejected(Exception):
    """Input the command refuses: the message goes to stderr, the exit status is 1."""


def _open_existing(path: Path):
    from models.store.db import connect

    if not path.exists():
        raise Rejected(f"Không tìm thấy cơ sở dữ liệu “{path}”")
    return connect(path)


def _require_campaign(args) -> int:
    if args.campaign is None:
        raise Rejected("Cần --campaign ID (xem: python main.py campaign list --db PATH)")
    return args.campaign


def _date_arg(text: str | None, name: str):
    from models.common.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as e:
        raise Rejected(f"{name}: {e}") from None


def _campaign(args) -> None:
    from models.campaigns.campaigns import Campaign, list_campaigns, save_campaign
    from models.common.errors import ValidationError

    db = _open_existing(args.sub_db)
    try:
        if args.action == "list":
            for c in list_campaigns(db):
                print(f"{c.id}\t{c.year}\t{c.name}")
            return
        registration = _date_arg(args.registration_deadline, "--registration-deadline")
        report = _date_arg(args.report_deadline, "--report-deadline")
        start = _date_arg(args.start, "--start") if args.start else min(dt.date.today(), registration)
        try:
            campaign = save_campaign(db, Campaign(
                name=args.name, year=args.year, start_date=start,
                registration_deadline=registration, report_deadline=report,
            ))
        except ValidationError as e:
            raise Rejected("\n".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in e.errors.items())) from None
        print(campaign.id)
    finally:
        db.close()


def _year_quarter(args) -> tuple[int, int]:
    from models.quarters.rules import check_quarter

    if args.year is None or args.quarter is None:
        raise Rejected("Cần --year và --quarter")
    errors = check_quarter(args.year, args.quarter)
    if errors:
        raise Rejected("; ".join(errors.values()))
    return args.year, args.quarter


def _unit_id(db, code: str | None, required: bool) -> int | None:
    if not code:
        if required:
            raise Rejected("Cần --unit MÃ_ĐƠN_VỊ")
        return None
    row = db.execute("SELECT id FROM unit WHERE code = ?", [code.strip().upper()]).fetchone()
    if row is None:
        raise Rejected(f"Không có đơn vị mã “{code}”")
    return row[0]


def _classification_template(args) -> int:
    from models.quarters.imports_classifications import write_unit_workbook

    if args.sub_db is None:
        raise Rejected("Cần --db PATH (tệp mẫu xếp loại điền sẵn cán bộ của đơn vị)")
    year, quarter = _year_quarter(args)
    db = _open_existing(args.sub_db)
    try:
        return write_unit_workbook(db, _unit_id(db, args.unit, required=True), year, quarter, args.out)
    finally:
        db.close()


def _import(args):
    from models.people import imports, imports_discipline
    from models.campaigns import imports_campaigns
    from models.quarters import imports_classifications

    db = _open_existing(args.sub_db)
    today = dt.date.today()
    try:
        if args.kind == "units":
            return imports.import_units(db, args.file, dry_run=args.dry_run)
        if args.kind == "staff":
            return imports.import_staff(db, args.file, today=today, dry_run=args.dry_run)
        if args.kind == "initiatives":
            return imports_campaigns.import_initiatives(
                db, args.file, _require_campaign(args), today, dry_run=args.dry_run)
        if args.kind == "classifications":
            return imports_classifications.import_classifications(db, args.file, dry_run=args.dry_run)
        if args.kind == "discipline":
            return imports_discipline.import_discipline(db, args.file, today, dry_run=args.dry_run)
        return imports_campaigns.import_head_evaluations(db, args.file, dry_run=args.dry_run)
    finally:
        db.close()


def _export(args) -> int:
    from models import exports
    from models.campaigns.campaigns import get_campaign

    if args.sub_db is None:
        raise Rejected("Cần --db PATH")
    db = _open_existing(args.sub_db)
    try:
        if args.kind == "initiatives":
            get_campaign(db, _require_campaign(args))
            return exports.export_initiatives(db, args.campaign, args.out)
        if args.kind == "classifications":
            from models.quarters.imports_classifications import export_classifications

            year, quarter = _year_quarter(args)
            return export_classifications(db, year, quarter, args.out, _unit_id(db, args.unit, required=False))
        if args.kind == "heads":
            return exports.export_head_evaluations(db, args.year or dt.date.today().year, args.out)
        if args.kind == "discipline":
            return exports.export_discipline(db, args.out, args.year)
        return exports.export(db, args.kind, args.out)
    finally:
        db.close()


def _as_of(args) -> dt.date:
    """--as-of for the year-end lists (today when not given)."""
    if args.as_of is None:
        return dt.date.today()
    if args.kind not in ("criticism", "commendation", "titles"):
        raise Rejected("--as-of chỉ dùng cho danh sách criticism (phê bình), commendation (nêu gương) và titles "
                       "(danh hiệu)")
    as_of = _date_arg(args.as_of, "--as-of")
    if as_of is None:
        raise Rejected("--as-of: cần một ngày dạng dd/mm/yyyy")
    return as_of


def _titles_pdf(db, args, as_of: dt.date) -> bytes:
    """One title's list of the year, or the four bound in one PDF."""
    from models.yearend.lists import current_approval
    from models.quarters.classifications import classification_rows
    from models.common.codes import TitleCode, title_from_text
    from models.yearend.title_lists import draft_list, printable_list
    from models.yearend.titles import list_key, title_proposals
    from reports.award_list import render_award_list, render_award_lists

    if args.year is None:
        raise Rejected("Cần --year NĂM (năm xét danh hiệu)")
    if not 2000 <= args.year <= 2100:
        raise Rejected(f"--year: năm {args.year} không hợp lệ (từ 2000 đến 2100)")
    approved = {t: current_approval(db, list_key(args.year, t)) for t in TitleCode}
    if not classification_rows(db, args.year) and not any(approved.values()):
        raise Rejected(f"Năm {args.year} chưa có kết quả xếp loại quý nào: không có ai để xét danh hiệu")
    if args.title is not None:
        title = title_from_text(args.title)
        if title is None:
            raise Rejected(f"--title: không có danh hiệu “{args.title}”; dùng LDTT, CSTDCS, TTLDTT hoặc TTLDXS")
        return render_award_list(printable_list(db, args.year, title, as_of))
    proposals = None
    lists = []
    for title in TitleCode:  # an approved list prints its snapshot, whatever the rules say now
        if approved[title] is not None:
            lists.append(approved[title].printable())
            continue
        proposals = proposals or title_proposals(db, args.year)
        lists.append(draft_list(db, proposals, title, as_of))
    return render_award_lists(lists, title=f"Danh sách đề nghị công nhận danh hiệu thi đua năm {args.year}")


def _report(args) -> None:
    as_of = _as_of(args)
    if args.title is not None and args.kind != "titles":
        raise Rejected("--title chỉ dùng cho danh sách titles (danh hiệu thi đua)")
    if args.campaign is not None and args.kind in ("titles", "classification"):
        raise Rejected(f"--campaign không dùng cho {args.kind}")
    if args.year is not None and args.kind in ("criticism", "commendation", "initiatives"):
        raise Rejected(f"--year không dùng cho {args.kind}: năm là năm của đợt thi đua (--campaign)")
    db = _open_existing(args.sub_db)
    try:
        if args.kind == "titles":
            pdf = _titles_pdf(db, args, as_of)
        elif args.kind in ("criticism", "commendation"):
            from models.common.codes import ListKind
            from models.yearend.review import printable_list
            from reports.award_list import render_award_list

            pdf = render_award_list(printable_list(db, _require_campaign(args), ListKind(args.kind), as_of))
        elif args.kind == "initiatives":
            from models.campaigns.registers import initiative_register_data
            from reports.initiatives import register_pdf

            pdf = register_pdf(initiative_register_data(db, _require_campaign(args), as_of=dt.date.today()))
        else:
            from models.quarters.classification_report import district_sheet_data, unit_sheet_data
            from reports.classification import classification_pdf

            year, quarter = _year_quarter(args)
            unit_id = _unit_id(db, args.unit, required=False)
            today = dt.date.today()
            data = (unit_sheet_data(db, unit_id, year, quarter, today) if unit_id
                    else district_sheet_data(db, year, quarter, today))
            pdf = classification_pdf(data)
    finally:
        db.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    print(f"Đã ghi {args.out}")


def _restore(args) -> None:
    from models.store.backup import restore
    from models.store.db import program_schema_version

    if not args.sub_db.exists():
        raise Rejected(f"Không tìm thấy cơ sở dữ liệu “{args.sub_db}”")
    safety = restore(args.file, args.sub_db, dt.datetime.now(), program_schema_version())
    print(f"Đã khôi phục {args.sub_db} từ {args.file}")
    if safety:
        print(f"Bản trước khi khôi phục được giữ ở {safety}")


def _check(args) -> int:
    from models.check import full_check

    db = _open_existing(args.sub_db)
    try:
        findings = full_check(db)
    finally:
        db.close()
    if not findings:
        print("Không phát hiện vấn đề nào: kiểm tra toàn vẹn, khóa ngoại và các quy tắc dữ liệu đều đạt.")
        return EXIT_OK
    for f in findings:
        print(("LỖI: " if f.serious else "CẦN XEM: ") + f.what, file=sys.stderr)
    print(f"Phát hiện {len(findings)} vấn đề.", file=sys.stderr)
    return EXIT_REJECTED


def run_command(args) -> int:
    from models import exports
    from models.store.db import set_default_who
    from models.store.history import session_name

    set_default_who(f"{session_name()} - dòng lệnh")
    from models.demo.sample import create_demo_database
    from models.common.errors import DomainError
    from models.exchange.xlsx import ImportRejected

    try:
        if args.command == "demo":
            create_demo_database(args.sub_db)
            print(f"Đã tạo cơ sở dữ liệu mẫu: {args.sub_db}")
        elif args.command == "template":
            if args.kind == "classifications":
                count = _classification_template(args)
                print(f"Đã ghi tệp mẫu ({count} cán bộ): {args.out}")
            else:
                exports.write_template(args.kind, args.out)
                print(f"Đã ghi tệp mẫu: {args.out}")
        elif args.command == "import":
            print(_import(args).summary())
        elif args.command == "export":
            count = _export(args)
            print(f"Đã xuất {count} dòng ra {args.out}")
        elif args.command == "campaign":
            _campaign(args)
        elif args.command == "report":
            _report(args)
        elif args.command == "backup":
            from models.store.backup import backup_to

            if args.out.exists():
                raise Rejected(f"Tệp “{args.out}” đã có; chọn tên khác để không ghi đè")
            print(f"Đã sao lưu vào {backup_to(args.sub_db, args.out)}")
        elif args.command == "restore":
            _restore(args)
        elif args.command == "check":
            return _check(args)
    except ImportRejected as e:
        print(f"Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu ({len(e.errors)} lỗi):", file=sys.stderr)
        print(str(e), file=sys.stderr)
        return EXIT_REJECTED
    except (Rejected, DomainError) as e:
        print(str(e), file=sys.stderr)
        return EXIT_REJECTED
    except OSError as e:
        print(f"Không đọc/ghi được tệp: {e}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    _check_out(parser, args, extra)
    if args.command:
        return run_command(args)
    from ui.app import run_gui

    status = run_gui(
        _db_path(args),
        explicit=args.db is not None,
        screenshots=args.screenshots,
        quit_after_show=args.quit_after_show,
    )
    # The database is closed and everything is saved by now. Skip the interpreter's teardown:
    # with PySide6 6.12 on Python 3.11 it can abort after a long session (see tests/conftest.py).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
