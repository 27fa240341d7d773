"""What the commands share: the feature modules imported on first use, the kinds, how an argument is
read and a refusal said, and how a command runs a feature's import, export or report (cli/commands.py's
HANDLERS tables are built from these)."""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path

from models.common.dates import DateError, parse_date
from models.store import output
from models.store.db import connect, write_transaction


class _Lazy:
    """A feature module imported when a command first uses it: the window starts without them."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)


exports, xlsx = _Lazy("models.exports"), _Lazy("models.exchange.xlsx")
imports, imports_discipline, units = (_Lazy(f"models.people.{m}") for m in ("imports", "imports_discipline", "units"))
campaigns, imports_campaigns, registers = (_Lazy(f"models.campaigns.{m}")
                                           for m in ("campaigns", "imports_campaigns", "registers"))
imports_classifications, classification_report, rules, imports_ratings, ratings = (
    _Lazy(f"models.quarters.{m}")
    for m in ("imports_classifications", "classification_report", "rules", "imports_ratings", "ratings"))
review, title_lists = _Lazy("models.yearend.review"), _Lazy("models.yearend.title_lists")
award_exchange = _Lazy("models.awards.exchange")
authority, package = _Lazy("models.yearend.authority"), _Lazy("models.yearend.package")

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
KINDS = ("units", "staff", "initiatives", "heads", "classifications", "discipline", "ratings", "awards")
KIND_HELP = ("units (đơn vị), staff (cán bộ), initiatives (mô hình, sáng kiến), heads (người đứng đầu), "
             "classifications (xếp loại quý), discipline (kỷ luật), ratings (xếp loại chất lượng cuối năm), "
             "awards (sổ khen thưởng)")
REPORT_KINDS = ("initiatives", "classification", "criticism", "commendation", "titles", "proposal", "minutes",
                "decision", "certificates", "statistics", "due")
REPORT_HELP = ("initiatives: danh sách đăng ký mô hình, sáng kiến; classification: bảng tổng hợp xếp loại quý; "
               "criticism: danh sách tập thể bị phê bình; commendation: danh sách tập thể, cá nhân được nêu "
               "gương; titles: danh sách đề nghị công nhận danh hiệu thi đua của năm; proposal: tờ trình kèm các "
               "danh sách đề nghị; minutes: biên bản họp Hội đồng; decision: quyết định kèm danh sách; "
               "certificates: giấy chứng nhận (mỗi trang một người, một tập thể); statistics: thống kê khen thưởng "
               "có biểu đồ (PDF, hoặc .xlsx chỉ số liệu); due: danh sách đến hạn xét khen thưởng. Tệp .docx: bản Word")
PACKAGE_KINDS = ("proposal", "minutes", "decision", "certificates")
FIELD_LABELS = {
    "name": "Tên", "year": "Năm", "start_date": "Ngày bắt đầu", "registration_deadline": "Hạn đăng ký",
    "report_deadline": "Hạn báo cáo kết quả", "max_per_unit": "Số mô hình tối đa", "fields": "Lĩnh vực",
}
MISSING_DB = "Không tìm thấy cơ sở dữ liệu “{}”. Tạo cơ sở dữ liệu mới: python main.py init --db PATH"
EMPTY_DB = "Tệp “{}” trống, chưa phải cơ sở dữ liệu TĐKT. Tạo cơ sở dữ liệu mới: python main.py init --db PATH"


class Rejected(Exception):
    """Input the command refuses: the message goes to stderr, the exit status is 1."""


# --- what several commands share --------------------------------------------------------------------

def _require_database(path: Path) -> None:
    """Only ``init`` and ``demo`` create a database: a missing or an empty file is refused here."""
    if not path.exists():
        raise Rejected(MISSING_DB.format(path))
    if path.is_file() and path.stat().st_size == 0:
        raise Rejected(EMPTY_DB.format(path))


def _open_existing(path: Path):
    _require_database(path)
    return connect(path)


def _with_db(args, work: Callable):
    """``work(db)`` on the existing database of ``--db``, closed afterwards."""
    db = _open_existing(args.sub_db)
    try:
        return work(db)
    finally:
        db.close()


def _require_campaign(args) -> int:
    if args.campaign is None:
        raise Rejected("Cần --campaign ID (xem: python main.py campaign list --db PATH)")
    return args.campaign


def _date_arg(text: str | None, name: str):
    try:
        return parse_date(text)
    except DateError as e:
        raise Rejected(f"{name}: {e}") from None


def _year_quarter(args) -> tuple[int, int]:
    if args.year is None or args.quarter is None:
        raise Rejected("Cần --year và --quarter")
    errors = rules.check_quarter(args.year, args.quarter)
    if errors:
        raise Rejected("; ".join(errors.values()))
    return args.year, args.quarter


def _unit_id(db, code: str | None, required: bool) -> int | None:
    if not code:
        if required:
            raise Rejected("Cần --unit MÃ_ĐƠN_VỊ")
        return None
    unit_id = units.unit_id_by_code(db, code)
    if unit_id is None:
        raise Rejected(f"Không có đơn vị mã “{code}”")
    return unit_id


# Suffixes of documents an output file must not be named with unless it is of that kind: a PDF written
# to "ds.xlsx" (or a workbook to "ds.pdf") would not open.
DOCUMENT_SUFFIXES = {".pdf": "pdf", ".xlsx": "xlsx", ".xls": "xls", ".xlsm": "xlsm", ".docx": "docx", ".doc": "doc",
                     ".odt": "odt", ".ods": "ods", ".csv": "csv"}


def _check_target(args, kind: str, choices: str = "") -> None:
    """Refuse an output file that is the database or holds another kind of file, or whose name says it
    is another kind of document (``choices``: the suffixes the command accepts, said in the message; by
    default ``.kind``), unless --force."""
    refusal = output.check_output_target(args.out, kind, args.sub_db, args.force)
    if refusal:
        if output.check_output_target(args.out, kind, args.sub_db, force=True) is None:
            refusal += " Nếu chắc chắn muốn thay nó, thêm --force."
        raise Rejected(refusal)
    suffix = Path(args.out).suffix.lower()
    if DOCUMENT_SUFFIXES.get(suffix, kind) != kind and not args.force:
        raise Rejected(f"Tệp ra “{Path(args.out).name}” có đuôi {suffix} nhưng lệnh này ghi {output.KIND_NAMES[kind]}: "
                       f"hãy đặt tên tệp đuôi {choices or '.' + kind}.")


# --- how each command runs a feature's function ------------------------------------------------------

def _importing(importer: Callable) -> Callable:
    """``import KIND``: ``importer(db, args, today)`` in one write transaction; its summary printed."""
    def run(args) -> None:
        def work(db):
            with write_transaction(db):
                return importer(db, args, dt.date.today())

        print(_with_db(args, work).summary())
    return run


def _exporting(exporter: Callable) -> Callable:
    """``export KIND``: ``exporter(db, args, out) -> rows`` written atomically to the output file."""
    def run(args) -> None:
        _check_target(args, "xlsx")
        count = _with_db(args, lambda db: output.write_atomically(args.out, lambda out: exporter(db, args, out)))
        print(f"Đã xuất {count} dòng ra {args.out}")
    return run


def _template(args) -> None:
    """``template KIND`` (an empty workbook; classifications: :func:`_classification_template`)."""
    _check_target(args, "xlsx")
    output.write_atomically(args.out, lambda out: exports.write_template(args.kind, out))
    print(f"Đã ghi tệp mẫu: {args.out}")


def _reporting(builder: Callable) -> Callable:
    """``report KIND``: ``builder(db, args, as_of, fmt)`` written atomically to ``-o``; the format
    follows the output's extension (.docx: Word; anything else: PDF)."""
    def run(args) -> None:
        from reports.parts import format_of

        as_of = _as_of(args)
        if args.title is not None and args.kind not in ("titles", "proposal", "decision", "certificates"):
            raise Rejected("--title chỉ dùng cho danh sách titles (danh hiệu thi đua)")
        if args.from_year is not None:
            raise Rejected("--from-year chỉ dùng cho statistics (thống kê)")
        if args.campaign is not None and args.kind in ("titles", "classification", "certificates"):
            raise Rejected(f"--campaign không dùng cho {args.kind}")
        if args.year is not None and args.kind in ("criticism", "commendation", "initiatives"):
            raise Rejected(f"--year không dùng cho {args.kind}: năm là năm của đợt thi đua (--campaign)")
        fmt = format_of(args.out) or "pdf"
        if fmt == "docx" and args.kind == "due":
            raise Rejected("Danh sách đến hạn khen thưởng chỉ in ra PDF (-o OUT.pdf)")
        _check_target(args, fmt)
        data = _with_db(args, lambda db: builder(db, args, as_of, fmt))
        output.write_atomically(args.out, data)
        print(f"Đã ghi {args.out}")
    return run


def _as_of(args) -> dt.date:
    """--as-of for the year-end lists (today when not given)."""
    if args.as_of is None:
        return dt.date.today()
    if args.kind not in ("criticism", "commendation", "titles", *PACKAGE_KINDS):
        raise Rejected("--as-of chỉ dùng cho danh sách criticism (phê bình), commendation (nêu gương), titles "
                       "(danh hiệu) và hồ sơ trình (proposal, minutes, decision, certificates)")
    as_of = _date_arg(args.as_of, "--as-of")
    if as_of is None:
        raise Rejected("--as-of: cần một ngày dạng dd/mm/yyyy")
    return as_of


def _council(db):
    from models.store.settings import council_names

    return council_names(db)
