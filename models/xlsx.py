"""Reading and writing the xlsx files exchanged with units (first sheet, headers in row 1).

Reading uses python-calamine (about 13x faster than openpyxl); writing uses openpyxl.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


from .errors import DomainError
from .text import nfc

MAX_ERRORS_SHOWN = 500
FORMULA_STARTS = ("=", "+", "-", "@")


class ImportRejected(DomainError):
    """The file was refused; nothing was written. ``errors`` lists every problem found,
    each as "Dòng N, cột <tiêu đề>: <lỗi>"."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        shown = self.errors[:MAX_ERRORS_SHOWN]
        more = len(self.errors) - len(shown)
        text = "\n".join(shown) + (f"\n... và {more} lỗi khác" if more > 0 else "")
        super().__init__(text)


@dataclass(frozen=True)
class Row:
    number: int  # the row number Excel shows (the header is row 1)
    cells: dict[str, object]  # header -> value ("" for an empty cell)


def read_rows(path: str | Path, headers: list[str]) -> list[Row]:
    """The non-empty data rows of the first sheet, after checking its header row is ``headers``.

    Raises :class:`ImportRejected` for a file that is not a readable xlsx, a wrong header row,
    or a sheet without data. Rows whose cells are all empty (or only spaces) are skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportRejected([f"Không tìm thấy tệp “{path}”"])
    import python_calamine  # imported on first use: keeps the program's start fast

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise ValueError
        grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:
        raise ImportRejected(
            [f"Tệp “{path.name}” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"]
        ) from None
    header_errors = check_headers(grid[0] if grid else [], headers)
    if header_errors:
        raise ImportRejected(header_errors)
    rows = []
    width = len(headers)
    for index in range(1, len(grid)):
        values = grid[index]
        cells = [_clean_cell(v) for v in values[:width]] + [""] * (width - len(values))
        extra = [v for v in values[width:] if _clean_cell(v) != ""]
        if all(c == "" for c in cells) and not extra:
            continue
        rows.append(Row(index + 1, dict(zip(headers, cells))))
    if not rows:
        raise ImportRejected(["Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"])
    return rows


def _clean_cell(value: object) -> object:
    if isinstance(value, str):
        return nfc(value).strip()
    return value


def get_column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index``: 1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_headers(found: list[object], expected: list[str]) -> list[str]:
    """Messages for a header row that is not exactly ``expected`` (empty when it is)."""
    got = [nfc(str(v)).strip() if v is not None else "" for v in found]
    while got and got[-1] == "":
        got.pop()
    errors = []
    for i, header in enumerate(expected):
        letter = get_column_letter(i + 1)
        if i >= len(got) or got[i] == "":
            errors.append(f"Dòng 1, cột {header}: thiếu tiêu đề “{header}” ở cột {letter}")
        elif got[i] != header:
            errors.append(
                f"Dòng 1, cột {header}: tiêu đề ở cột {letter} phải là “{header}”, tệp ghi “{got[i]}”"
            )
    for i in range(len(expected), len(got)):
        if got[i]:
            errors.append(
                f"Dòng 1, cột {got[i]}: cột thừa ở cột {get_column_letter(i + 1)}, "
                f"mẫu chỉ có {len(expected)} cột"
            )
    return errors


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without ".0" (codes typed as numbers), dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    choices: tuple[str, ...] = ()  # offered as a drop-down list in the file
    is_date: bool = False


def write_workbook(path: str | Path, title: str, columns: list[Column], rows: list[list]) -> None:
    """Write one sheet: bold header in row 1, frozen, widths set, drop-downs for coded columns.

    Text that begins with =, +, - or @ is stored as text so that Excel shows it, never runs it.
    Dates are real Excel dates shown as dd/mm/yyyy.
    """
    from openpyxl import Workbook  # imported on first use: keeps the program's start fast
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([c.header for c in columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.freeze_panes = "A2"
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    last_row = max(len(rows) + 1, 1000)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if column.choices:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error="Chọn một giá trị trong danh sách",
            )
            rule.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(rule)
        if column.is_date:
            for r in range(2, len(rows) + 2):
                sheet[f"{letter}{r}"].number_format = "dd/mm/yyyy"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
