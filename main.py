"""TĐKT: command line and entry point. No arguments opens the window.

    python main.py [--db PATH]                          open the window
    python main.py demo --db PATH                       create a database filled with sample data
    python main.py template {units,staff} OUT.xlsx      write an empty template
    python main.py import {units,staff} FILE.xlsx --db PATH [--dry-run]
    python main.py export {units,staff} OUT.xlsx --db PATH
    python main.py --db PATH --screenshots DIR          save one PNG of each main screen, then exit

Exit status: 0 success, 1 input rejected (messages on stderr), 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
KINDS = ("units", "staff")
KIND_HELP = "units (đơn vị) hoặc staff (cán bộ)"


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
    template.add_argument("out", type=Path)

    imp = sub.add_parser("import", help="nhập từ Excel (tất cả hoặc không gì cả)")
    imp.add_argument("kind", choices=KINDS, help=KIND_HELP)
    imp.add_argument("file", type=Path)
    imp.add_argument("--db", type=Path, required=True, dest="sub_db")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    exp = sub.add_parser("export", help="xuất ra Excel")
    exp.add_argument("kind", choices=KINDS, help=KIND_HELP)
    exp.add_argument("out", type=Path)
    exp.add_argument("--db", type=Path, required=True, dest="sub_db")
    return parser


def _db_path(args) -> Path:
    from models.db import default_db_path

    return getattr(args, "sub_db", None) or args.db or default_db_path()


def run_command(args) -> int:
    from models import exports, imports
    from models.db import connect
    from models.demo import create_demo_database
    from models.errors import DomainError
    from models.xlsx import ImportRejected

    try:
        if args.command == "demo":
            create_demo_database(args.sub_db)
            print(f"Đã tạo cơ sở dữ liệu mẫu: {args.sub_db}")
        elif args.command == "template":
            exports.write_template(args.kind, args.out)
            print(f"Đã ghi tệp mẫu: {args.out}")
        elif args.command == "import":
            if not args.sub_db.exists():
                print(f"Không tìm thấy cơ sở dữ liệu “{args.sub_db}”", file=sys.stderr)
                return EXIT_REJECTED
            db = connect(args.sub_db)
            try:
                if args.kind == "units":
                    result = imports.import_units(db, args.file, dry_run=args.dry_run)
                else:
                    result = imports.import_staff(
                        db, args.file, today=dt.date.today(), dry_run=args.dry_run
                    )
            finally:
                db.close()
            print(result.summary())
        elif args.command == "export":
            if not args.sub_db.exists():
                print(f"Không tìm thấy cơ sở dữ liệu “{args.sub_db}”", file=sys.stderr)
                return EXIT_REJECTED
            db = connect(args.sub_db)
            try:
                count = exports.export(db, args.kind, args.out)
            finally:
                db.close()
            print(f"Đã xuất {count} dòng ra {args.out}")
    except ImportRejected as e:
        print(f"Tệp bị từ chối, không ghi gì vào cơ sở dữ liệu ({len(e.errors)} lỗi):", file=sys.stderr)
        print(str(e), file=sys.stderr)
        return EXIT_REJECTED
    except (DomainError, OSError) as e:
        print(str(e), file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    from ui.app import run_gui

    return run_gui(
        _db_path(args),
        explicit=args.db is not None,
        screenshots=args.screenshots,
        quit_after_show=args.quit_after_show,
    )


if __name__ == "__main__":
    sys.exit(main())
