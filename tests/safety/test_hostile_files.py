"""Hostile and broken files (issue 6, point 5) and exports that are safe to open (point 6).

Every hostile file below is given to an importer and must be refused with exactly the expected
Vietnamese message(s), with every row of every table of the database unchanged. The files are
listed in HOSTILE_CASES; HOSTILE_FILES is how many the tests try (the lead reports the number).
Files that look odd but hold good data (a hidden second sheet, formatting-only rows, a filled-in
template with drop-down lists, dates typed five ways, numbers stored as text) must be accepted.
"""
import datetime as dt
import re
import struct
import time
import zipfile
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook, PasswordError

from models.codes import Gender, StaffCategory, UnitKind
from models.exports import write_template
from models.imports import STAFF_HEADERS, UNIT_HEADERS, import_staff, import_units
from models.imports_classifications import HEADERS as CLASSIFICATION_HEADERS
from models.imports_classifications import import_classifications
from models.staff import Staff, add_staff
from models.units import Unit, save_unit
from models.xlsx import MAX_CELL_TEXT, MAX_DATA_ROWS, Column, ImportRejected, read_rows, write_workbook

TODAY = dt.date(2018, 12, 1)

BROKEN = "Tệp “{}” không phải tệp Excel .xlsx hoặc đã bị hỏng, không đọc được"
LOCKED = "Tệp “{}” được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại"
HIDDEN = ("Trang tính đầu tiên “{}” đang bị ẩn; hãy hiện trang tính (Unhide) hoặc đưa trang tính "
          "dữ liệu lên đầu")
TOO_MANY = "Tệp có {} dòng dữ liệu, quá giới hạn 100.000 dòng mỗi lần nhập; hãy chia nhỏ tệp"
FORMULA = ("Dòng {}, cột {}: ô có công thức (={}), hãy dán giá trị (Paste Values) thay cho "
           "công thức")
MERGED = "Dòng {}, cột {}: ô gộp (merge) trong vùng dữ liệu, hãy bỏ gộp ô"
MERGED_HEADER = "Dòng 1, cột {}: ô gộp (merge) ở dòng tiêu đề, hãy bỏ gộp ô"
TOO_LONG = "Dòng {}, cột {}: nội dung dài quá 2.000 ký tự ({} ký tự)"
NO_DATA = "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc để trống)"

IMPORTERS = {
    "staff": (STAFF_HEADERS, lambda db, path: import_staff(db, path, TODAY)),
    "units": (UNIT_HEADERS, lambda db, path: import_units(db, path)),
    "classifications": (CLASSIFICATION_HEADERS, lambda db, path: import_classifications(db, path)),
}
GOOD_ROWS = {
    "staff": [["CB01", "Nguyễn Văn Ánh", "01/06/1985", "Nam", "P01", "Chuyên viên", "Công chức",
               "Không", "01/03/2015"],
              ["CB02", "Lê Thị Bình", "02/03/1990", "Nữ", "P03", "", "Viên chức", "Có", "01/09/2012"]],
    "units": [["P05", "Phường 5", "Phường", "", ""], ["NV", "Phòng Nội vụ", "Cơ quan chuyên môn", "", ""]],
    "classifications": [["OLD", "Phạm Văn Cũ", 2018, 3, "Hoàn thành tốt nhiệm vụ", "", ""]],
}


# --- the database --------------------------------------------------------------------------


@pytest.fixture
def seeded(db, today):
    """Three units and one person, so that "nothing written" is visible in every table."""
    p01 = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    save_unit(db, Unit(code="P03", name="Phường 3", kind=UnitKind.PHUONG))
    save_unit(db, Unit(code="007", name="Đội 7", kind=UnitKind.KHAC))
    add_staff(
        db,
        Staff(code="OLD", full_name="Phạm Văn Cũ", gender=Gender.NAM,
              category=StaffCategory.CAN_BO, unit_id=p01.id, recruited_on=dt.date(2000, 1, 1)),
        today,
    )
    return db


def _dump(db):
    """Every row of every table of the file."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    assert {"unit", "staff", "staff_unit", "classification", "change_log"} <= set(tables)
    return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}


def _refused(db, kind, path):
    """The messages of the refusal of ``path`` by the ``kind`` importer; nothing may be written."""
    before = _dump(db)
    with pytest.raises(ImportRejected) as caught:
        IMPORTERS[kind][1](db, path)
    assert str(caught.value) == "\n".join(caught.value.errors)
    assert _dump(db) == before
    return caught.value.errors


# --- building files ------------------------------------------------------------------------


def _xlsx(path, headers, rows, title="Sheet1", edit=None):
    """An xlsx written by openpyxl (a normal workbook, as Excel users save them)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if edit:
        edit(workbook, sheet)
    workbook.save(str(path))
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _letter(column):
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref, value, p=""):
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return f'<{p}c r="{ref}"><{p}v>{value}</{p}v></{p}c>'
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{escape(value)}</{p}t></{p}is></{p}c>'


def _row_xml(number, values, p=""):
    cells = "".join(_cell(f"{_letter(i)}{number}", v, p) for i, v in enumerate(values, start=1))
    return f'<{p}row r="{number}">{cells}</{p}row>'


def _raw_xlsx(path, rows_xml, after_data="", prefix=""):
    """A minimal xlsx written with zipfile, the sheet's XML given row by row (strings or an
    iterator: a million rows are written in about half a second). ``prefix`` writes every
    element of the sheet with a namespace prefix ("x:"), as some programs do."""
    p = prefix
    root = f'<{p[:-1]}:worksheet xmlns:{p[:-1]}="{_MAIN}">' if p else f'<worksheet xmlns="{_MAIN}">'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{root}<{p}sheetData>'.encode())
            chunk = []
            for row in rows_xml:
                chunk.append(row)
                if len(chunk) == 20_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(f"</{p}sheetData>{after_data}</{p[:-1] + ':' if p else ''}worksheet>".encode())
    return path


def _cfb(streams):
    """A minimal OLE compound file (version 3, 512-byte sectors) holding ``streams`` (name ->
    bytes, each at least 4096 bytes long, so that no mini stream is needed): the container of an
    .xls workbook, and of an .xlsx saved by Excel with a password."""
    sector, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    names = list(streams)
    fat = [0xFFFFFFFD, end]  # sector 0 is the FAT itself, sector 1 the directory
    starts, body = [], b""
    for name in names:
        data = streams[name]
        assert len(data) >= 4096
        data += b"\0" * (-len(data) % sector)
        starts.append(len(fat))
        count = len(data) // sector
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
        body += data
    fat += [free] * (sector // 4 - len(fat))

    def entry(name, kind, start, size, right=free, child=free, color=1):
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, color, free, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, end, 0, child=1)
    for i, (name, start) in enumerate(zip(names, starts), start=1):
        directory += entry(name, 2, start, len(streams[name]), right=i + 1 if i < len(names) else free,
                           color=1 if i == 1 else 0)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory.ljust(sector, b"\0") + body


def _encrypted_xlsx(path):
    """What Excel writes for "Encrypt with Password": an OLE file whose EncryptionInfo stream
    describes the key and whose EncryptedPackage stream holds the encrypted zip."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns='
        b'"http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
        b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining='
        b'"ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    ).ljust(4088, b" ")
    package = struct.pack("<Q", 9000) + bytes((i * 37 + 11) % 256 for i in range(9008))
    path.write_bytes(_cfb({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path


def _good_file(tmp_path, kind, name="tot.xlsx"):
    headers = IMPORTERS[kind][0]
    return _xlsx(tmp_path / name, headers, GOOD_ROWS[kind])


def _sheet_data_range(path, member="xl/worksheets/sheet1.xml"):
    """Where the compressed bytes of ``member`` lie in the zip."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = path.read_bytes()
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    return start, info.compress_size


# --- the hostile files: (id, importer, builder(tmp_path) -> path, expected messages) --------


def _not_xlsx(name, content):
    def build(tmp_path):
        path = tmp_path / name
        path.write_bytes(content)
        return path
    return build


def _zip_of(name, members):
    def build(tmp_path):
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            for member, text in members.items():
                archive.writestr(member, text)
        return path
    return build


def _renamed_good(name):
    def build(tmp_path):
        return _good_file(tmp_path, "staff").rename(tmp_path / name)
    return build


def _xls(name):
    def build(tmp_path):
        # A damaged Excel 97-2003 file: calamine panics on it (a Rust panic, a BaseException,
        # that the reader of old let through as a traceback when the file was named .xls).
        path = tmp_path / name
        path.write_bytes(_cfb({"Workbook": b"\x09\x08" + b"\0" * 4094}))
        return path
    return build


NOT_XLSX = [
    ("text-named-xlsx", _not_xlsx("can_bo.xlsx", "Mã cán bộ;Họ và tên\nCB01;Nguyễn Văn Ánh\n".encode())),
    ("empty-file", _not_xlsx("rong.xlsx", b"")),
    ("pdf", _not_xlsx("quyet_dinh.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")),
    ("png", _not_xlsx("anh.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
    ("random-bytes", _not_xlsx("rac.xlsx", bytes((i * 131 + 7) % 256 for i in range(5000)))),
    ("html-table", _not_xlsx("web.xlsx", "<html><table><tr><td>Mã cán bộ</td></tr></table></html>".encode())),
    ("xml-spreadsheet-2003", _not_xlsx("xml2003.xlsx", b'<?xml version="1.0"?><Workbook xmlns='
                                       b'"urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')),
    ("zip-magic-then-junk", _not_xlsx("hong.xlsx", b"PK\x03\x04" + b"\0" * 200)),
    ("xls-renamed-xlsx", _xls("bao_cao.xlsx")),
    ("damaged-xls", _xls("bao_cao.xls")),
    ("zip-of-a-text-file", _zip_of("nen.xlsx", {"ghi_chu.txt": "không phải bảng tính"})),
    ("zip-without-the-sheet", _zip_of("thieu.xlsx", {"[Content_Types].xml": _CONTENT_TYPES,
                                                     "xl/workbook.xml": _WORKBOOK,
                                                     "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS})),
    ("good-xlsx-named-csv", _renamed_good("can_bo.csv")),
]


def _truncated(cut):
    def build(tmp_path):
        data = _good_file(tmp_path, "staff", "goc.xlsx").read_bytes()
        path = tmp_path / "cat.xlsx"
        path.write_bytes(data[:cut(len(data))])
        return path
    return build


TRUNCATIONS = [
    (f"truncated-{label}", _truncated(cut))
    for label, cut in [
        ("1-byte", lambda n: 1), ("2-bytes", lambda n: 2), ("4-bytes", lambda n: 4),
        ("30-bytes", lambda n: 30), ("100-bytes", lambda n: 100), ("1000-bytes", lambda n: 1000),
        ("a-quarter", lambda n: n // 4), ("half", lambda n: n // 2), ("three-quarters", lambda n: 3 * n // 4),
        ("end-of-central-directory", lambda n: n - 22), ("last-byte", lambda n: n - 1),
    ]
]


def _corrupted(where):
    def build(tmp_path):
        path = _good_file(tmp_path, "staff", "hong.xlsx")
        start, size = _sheet_data_range(path)
        data = bytearray(path.read_bytes())
        at = start + size * where // 4
        data[at:at + 4] = bytes(b ^ 0xFF for b in data[at:at + 4])
        path.write_bytes(bytes(data))
        return path
    return build


CORRUPTIONS = [(f"sheet-bytes-flipped-at-{k}-quarter", _corrupted(k)) for k in (1, 2, 3)]


def _formulas(tmp_path):
    def edit(workbook, sheet):
        sheet["B2"] = "=1+1"
        sheet["E3"] = '=IF(A3="","P01","P03")'
    return _xlsx(tmp_path / "cong_thuc.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)


def _shared_formula(tmp_path):
    # Excel's own way of filling a formula down: the text is in the first cell only.
    row = GOOD_ROWS["staff"][0]
    rows = [
        f'<row r="1">{"".join(_cell(f"{_letter(i)}1", h) for i, h in enumerate(STAFF_HEADERS, 1))}</row>',
        '<row r="2">' + "".join(_cell(f"{_letter(i)}2", v) for i, v in enumerate(row, 1) if i != 3)
        + '<c r="C2"><f t="shared" ref="C2:C3" si="0">DATE(1985,6,1)</f><v>31199</v></c></row>',
        '<row r="3">' + "".join(_cell(f"{_letter(i)}3", v) for i, v in enumerate(row, 1) if i not in (1, 3))
        + '<c r="A3" t="inlineStr"><is><t>CB03</t></is></c>'
          '<c r="C3"><f t="shared" si="0"/><v>31199</v></c></row>',
    ]
    return _raw_xlsx(tmp_path / "keo_cong_thuc.xlsx", rows)


def _formula_past_the_template(tmp_path):
    def edit(workbook, sheet):
        sheet["K2"] = "=LEN(B2)"
    return _xlsx(tmp_path / "cot_phu.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)


def _formula_in_header(tmp_path):
    def edit(workbook, sheet):
        sheet["A1"] = '="Mã cán bộ"'
    return _xlsx(tmp_path / "tieu_de.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)


def _prefixed_formula(tmp_path):
    p = "x:"
    rows = [_row_xml(1, STAFF_HEADERS, p),
            _row_xml(2, GOOD_ROWS["staff"][0][:8], p).replace(
                f"</{p}row>", f'<{p}c r="I2"><{p}f>TODAY()</{p}f><{p}v>43435</{p}v></{p}c></{p}row>')]
    return _raw_xlsx(tmp_path / "tien_to.xlsx", rows, prefix=p)


def _merged_data(tmp_path):
    def edit(workbook, sheet):
        sheet.merge_cells("E2:E3")
    return _xlsx(tmp_path / "gop.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)


def _merged_header(tmp_path):
    def edit(workbook, sheet):
        sheet.merge_cells("H1:I1")
    return _xlsx(tmp_path / "gop_tieu_de.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)


def _long_text(tmp_path):
    # Excel itself stops a cell at 32,767 characters (and openpyxl cuts there); another program
    # can write more: 100,008 characters, 100,007 once trimmed.
    rows = [list(r) for r in GOOD_ROWS["staff"]]
    rows[1][5] = "Chuyên viên " * 8_334
    xml = [_row_xml(n, values) for n, values in enumerate([STAFF_HEADERS, *rows], start=1)]
    return _raw_xlsx(tmp_path / "dai.xlsx", xml)


def _million_rows(tmp_path):
    header = _row_xml(1, STAFF_HEADERS)
    rows = (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>CB{r}</t></is></c><c r="E{r}" '
            f't="inlineStr"><is><t>P01</t></is></c></row>' for r in range(2, 1_000_002))
    return _raw_xlsx(tmp_path / "trieu_dong.xlsx", _chain([header], rows))


def _one_row_too_many(tmp_path):
    header = _row_xml(1, STAFF_HEADERS)
    rows = (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, MAX_DATA_ROWS + 3))
    return _raw_xlsx(tmp_path / "qua_gioi_han.xlsx", _chain([header], rows))


def _chain(*parts):
    for part in parts:
        yield from part


def _hidden_first(state):
    def build(tmp_path):
        def edit(workbook, sheet):
            sheet.sheet_state = state
            visible = workbook.create_sheet("Dữ liệu")
            visible.append(STAFF_HEADERS)
            for row in GOOD_ROWS["staff"]:
                visible.append(row)
            workbook.active = 1
        return _xlsx(tmp_path / "an.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], title="Cán bộ", edit=edit)
    return build


def _bad_dates(tmp_path):
    base = GOOD_ROWS["staff"][0]
    births = ["1st Jan 2018", "2018/13/45", "31/02/2018", 1985, 43101.5, 2958465, "05/06/85"]
    rows = [[f"CB{i:02d}", base[1], birth, *base[3:8], ""] for i, birth in enumerate(births, start=1)]
    return _xlsx(tmp_path / "ngay_sai.xlsx", STAFF_HEADERS, rows)


def _password(kind):
    return lambda tmp_path: _encrypted_xlsx(tmp_path / f"{kind}_mat_khau.xlsx")


def _in_kind(kind, build_rows, name, edit=None):
    def build(tmp_path):
        rows = [list(r) for r in GOOD_ROWS[kind]]
        build_rows(rows)
        return _xlsx(tmp_path / name, IMPORTERS[kind][0], rows, edit=edit)
    return build


def _set(row, column, value):
    def change(rows):
        rows[row][column] = value
    return change


def _edit(ref, value=None, merge=None):
    def edit(workbook, sheet):
        if merge:
            sheet.merge_cells(merge)
        else:
            sheet[ref] = value
    return edit


HOSTILE_CASES = (
    [pytest.param("staff", build, "broken", id=name) for name, build in NOT_XLSX + TRUNCATIONS + CORRUPTIONS]
    + [
        pytest.param("staff", _password("staff"), [LOCKED.format("staff_mat_khau.xlsx")], id="password-staff"),
        pytest.param("units", _password("units"), [LOCKED.format("units_mat_khau.xlsx")], id="password-units"),
        pytest.param("classifications", _password("classifications"),
                     [LOCKED.format("classifications_mat_khau.xlsx")], id="password-classifications"),
        pytest.param("staff", _formulas, [
            FORMULA.format(2, "Họ và tên", "1+1"),
            FORMULA.format(3, "Mã đơn vị", 'IF(A3="","P01","P03")'),
        ], id="formulas"),
        pytest.param("staff", _shared_formula, [
            FORMULA.format(2, "Ngày sinh", "DATE(1985,6,1)"),
            FORMULA.format(3, "Ngày sinh", "DATE(1985,6,1)"),
        ], id="shared-formula-filled-down"),
        pytest.param("staff", _formula_past_the_template, [FORMULA.format(2, "K", "LEN(B2)")],
                     id="formula-past-the-template-columns"),
        pytest.param("staff", _formula_in_header, [FORMULA.format(1, "Mã cán bộ", '"Mã cán bộ"')],
                     id="formula-in-the-header"),
        pytest.param("staff", _prefixed_formula, [FORMULA.format(2, "Ngày tuyển dụng", "TODAY()")],
                     id="formula-in-prefixed-xml"),
        pytest.param("units", _in_kind("units", lambda rows: None, "dv_cong_thuc.xlsx",
                                       edit=_edit("B3", "=UPPER(\"phòng nội vụ\")")),
                     [FORMULA.format(3, "Tên đơn vị", 'UPPER("phòng nội vụ")')], id="formula-units"),
        pytest.param("classifications", _in_kind("classifications", lambda rows: None, "xl_cong_thuc.xlsx",
                                                 edit=_edit("C2", "=2017+1")),
                     [FORMULA.format(2, "Năm", "2017+1")], id="formula-classifications"),
        pytest.param("staff", _merged_data, [MERGED.format(2, "Mã đơn vị")], id="merged-data-cells"),
        pytest.param("staff", _merged_header, [MERGED_HEADER.format("Lãnh đạo, quản lý")],
                     id="merged-header-cells"),
        pytest.param("units", _in_kind("units", lambda rows: None, "dv_gop.xlsx", edit=_edit("", merge="A2:B3")),
                     [MERGED.format(2, "Mã đơn vị")], id="merged-units"),
        pytest.param("staff", _long_text, [TOO_LONG.format(3, "Chức vụ", "100.007")], id="text-of-100000-chars"),
        pytest.param("units", _in_kind("units", _set(0, 3, "Lê Văn " * 300), "dv_dai.xlsx"),
                     [TOO_LONG.format(2, "Người đứng đầu", "2.099")], id="long-text-units"),
        pytest.param("classifications", _in_kind("classifications", _set(0, 6, "x" * 2_001), "xl_dai.xlsx"),
                     [TOO_LONG.format(2, "Ghi chú", "2.001")], id="long-text-classifications"),
        pytest.param("staff", _million_rows, [TOO_MANY.format("1.000.000")], id="a-million-rows"),
        pytest.param("staff", _one_row_too_many, [TOO_MANY.format("100.001")], id="100001-rows"),
        pytest.param("staff", _hidden_first("hidden"), [HIDDEN.format("Cán bộ")], id="hidden-first-sheet"),
        pytest.param("staff", _hidden_first("veryHidden"), [HIDDEN.format("Cán bộ")],
                     id="very-hidden-first-sheet"),
        pytest.param("staff", _bad_dates, [
            "Dòng 2, cột Ngày sinh: “1st Jan 2018” không phải ngày dạng dd/mm/yyyy",
            "Dòng 3, cột Ngày sinh: “2018/13/45” không phải ngày dạng dd/mm/yyyy",
            "Dòng 4, cột Ngày sinh: ngày 31/02/2018 không tồn tại",
            "Dòng 5, cột Ngày sinh: “1985” là một số, không phải ngày (cần dạng dd/mm/yyyy)",
            "Dòng 6, cột Ngày sinh: “43101.5” là một số, không phải ngày (cần dạng dd/mm/yyyy)",
            "Dòng 7, cột Ngày sinh: “2958465” là một số, không phải ngày (cần dạng dd/mm/yyyy)",
            "Dòng 8, cột Ngày sinh: “05/06/85” không phải ngày dạng dd/mm/yyyy",
        ], id="dates-that-are-not-dates"),
        pytest.param("classifications", _in_kind("classifications", _set(0, 2, "2018.5"), "xl_nam.xlsx"),
                     ["Dòng 2, cột Năm: “2018.5” không phải năm hợp lệ"], id="year-as-text-with-a-fraction"),
    ]
)
# Given to each of the three importers as well (an empty, a cut and a text file).
EVERY_IMPORTER_BROKEN = [
    ("rong.xlsx", lambda good: b""),
    ("cat.xlsx", lambda good: good[: len(good) // 2]),
    ("chu.xlsx", lambda good: "Mã;Tên\n".encode()),
]
# How many hostile files the tests below try, each built, given to an importer (or to read_rows
# for the one at the text-length limit) and refused: the table, the three files for each of the
# three importers, and the cell of 2,001 characters next to one of 5,000.
HOSTILE_FILES = len(HOSTILE_CASES) + 3 * len(EVERY_IMPORTER_BROKEN) + 1


def test_the_number_of_hostile_files_tried():
    print(f"\n{HOSTILE_FILES} hostile files tried")
    assert HOSTILE_FILES == 59


@pytest.mark.parametrize("kind, build, expected", HOSTILE_CASES)
def test_hostile_file_is_refused_exactly_and_nothing_is_written(seeded, tmp_path, kind, build, expected):
    path = build(tmp_path)
    if expected == "broken":
        expected = [BROKEN.format(path.name)]
    started = time.perf_counter()
    assert _refused(seeded, kind, path) == expected
    # Quickly, the million rows too: they are counted in the XML (calamine alone would take
    # seconds and hundreds of MB to load them before anything could be said).
    assert time.perf_counter() - started < 10, "a hostile file must be refused quickly"


# --- the details of some refusals ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["staff", "units", "classifications"])
@pytest.mark.parametrize("name, content", EVERY_IMPORTER_BROKEN, ids=[n for n, _ in EVERY_IMPORTER_BROKEN])
def test_empty_truncated_and_text_files_are_refused_by_every_importer(seeded, tmp_path, kind, name, content):
    path = tmp_path / name
    path.write_bytes(content(_good_file(tmp_path, kind, "goc.xlsx").read_bytes()))
    assert _refused(seeded, kind, path) == [BROKEN.format(name)]


def test_the_encrypted_file_built_here_is_what_calamine_calls_password_protected(tmp_path):
    # The hand-made OLE file stands for Excel's: calamine itself takes it for a locked workbook.
    with pytest.raises(PasswordError):
        CalamineWorkbook.from_path(str(_encrypted_xlsx(tmp_path / "khoa.xlsx")))


def test_exactly_the_row_limit_is_not_refused_for_its_size(tmp_path):
    rows = (_row_xml(r, ["", "", "", "", "P01"]) for r in range(2, MAX_DATA_ROWS + 2))
    path = _raw_xlsx(tmp_path / "vua_du.xlsx", _chain([_row_xml(1, STAFF_HEADERS)], rows))
    assert len(read_rows(path, STAFF_HEADERS)) == MAX_DATA_ROWS


def test_formatting_only_rows_past_the_limit_do_not_count(seeded, tmp_path, today):
    # A user who put borders on rows 2-150001: the sheet has 150,000 <row> elements, two with data.
    rows = [_row_xml(1, STAFF_HEADERS), _row_xml(2, GOOD_ROWS["staff"][0]), _row_xml(3, GOOD_ROWS["staff"][1])]
    empty = (f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'
             for r in range(4, 150_002))
    path = _raw_xlsx(tmp_path / "ke_o.xlsx", _chain(rows, empty))
    assert import_staff(seeded, path, today).added == 2


def test_long_text_limit_is_inclusive(tmp_path):
    headers = ["Mã", "Ghi chú"]
    path = _xlsx(tmp_path / "a.xlsx", headers, [["A", "x" * MAX_CELL_TEXT], ["B", " " + "y" * MAX_CELL_TEXT + " "]])
    assert [len(r.cells["Ghi chú"]) for r in read_rows(path, headers)] == [MAX_CELL_TEXT, MAX_CELL_TEXT]
    path = _xlsx(tmp_path / "b.xlsx", headers, [["A", "x" * (MAX_CELL_TEXT + 1)], ["B", "z" * 5_000]])
    with pytest.raises(ImportRejected) as caught:
        read_rows(path, headers)
    assert caught.value.errors == [TOO_LONG.format(2, "Ghi chú", "2.001"), TOO_LONG.format(3, "Ghi chú", "5.000")]


def test_merged_cells_only_in_the_formatting_below_the_data_are_ignored(seeded, tmp_path, today):
    def edit(workbook, sheet):
        sheet.merge_cells("A40:C41")  # no value there: nothing is read from it
    path = _xlsx(tmp_path / "gop_duoi.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)
    assert import_staff(seeded, path, today).added == 2


# --- odd files that hold good data are accepted ------------------------------------------


def test_a_hidden_sheet_that_is_not_the_first_is_ignored(seeded, tmp_path, today):
    def edit(workbook, sheet):
        workbook.create_sheet("Ẩn").sheet_state = "hidden"
    path = _xlsx(tmp_path / "an_sau.xlsx", STAFF_HEADERS, GOOD_ROWS["staff"], edit=edit)
    assert import_staff(seeded, path, today).added == 2


def test_a_filled_in_template_with_drop_down_lists_is_not_taken_for_formulas(seeded, tmp_path, today):
    # The template's data validations are <formula1> elements in the sheet's XML.
    path = tmp_path / "mau.xlsx"
    write_template("staff", path)
    workbook = load_workbook(path)
    for row in GOOD_ROWS["staff"]:
        workbook.active.append(row)
    workbook.save(path)
    assert b"<formula1>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert import_staff(seeded, path, today).added == 2


def test_exported_formula_like_text_imports_back_as_text(seeded, tmp_path):
    path = tmp_path / "dv.xlsx"
    rows = [["P07", "=1+1", "Phường", "@Lê Văn A", "-Chủ tịch"], ["P08", "+Phường 8", "Phường", "", ""]]
    write_workbook(path, "Đơn vị", [Column(h, 10) for h in UNIT_HEADERS], rows)
    assert import_units(seeded, path).added == 2
    assert seeded.execute("SELECT name, head_name, head_title FROM unit WHERE code IN ('P07', 'P08') "
                          "ORDER BY code").fetchall() == [("=1+1", "@Lê Văn A", "-Chủ tịch"), ("+Phường 8", "", "")]


def _stored_births(db):
    return dict(db.execute("SELECT code, birth_date FROM staff WHERE code != 'OLD'").fetchall())


def test_dates_written_in_every_accepted_way_are_read(seeded, tmp_path, today):
    base = GOOD_ROWS["staff"][0]
    serial = (dt.date(1985, 6, 5) - dt.date(1899, 12, 30)).days  # 31203
    births = [dt.date(1985, 6, 5), dt.datetime(1985, 6, 5), "05/06/1985", "5/6/1985", "1985-06-05",
              "05.06.1985", "05-06-1985", "05061985", serial, float(serial)]
    rows = [[f"CB{i:02d}", base[1], birth, *base[3:8], 43101] for i, birth in enumerate(births, start=1)]
    path = _xlsx(tmp_path / "ngay.xlsx", STAFF_HEADERS, rows)
    assert import_staff(seeded, path, today).added == len(births)
    assert set(_stored_births(seeded).values()) == {"1985-06-05"}
    assert {r[0] for r in seeded.execute("SELECT recruited_on FROM staff WHERE code != 'OLD'")} == {"2018-01-01"}


def test_numbers_stored_as_text_are_read_and_codes_keep_their_zeros(seeded, tmp_path, today):
    rows = [["001", "Nguyễn Văn Ánh", "01/06/1985", "Nam", "007", "", "Công chức", "0", "01/03/2015"],
            ["0002", "Lê Thị Bình", "02/03/1990", "Nữ", " 007 ", "", "Viên chức", "1", ""],
            ["5003.0", "Trần Văn Cường", "", "Nam", "P01", "", "Cán bộ", "Không", ""]]
    path = _xlsx(tmp_path / "so_dang_chu.xlsx", STAFF_HEADERS, rows)
    assert import_staff(seeded, path, today).added == 3
    assert seeded.execute(
        "SELECT s.code, u.code, s.is_leader FROM staff s JOIN staff_unit h ON h.staff_id = s.id "
        "JOIN unit u ON u.id = h.unit_id WHERE s.code != 'OLD' ORDER BY s.code"
    ).fetchall() == [("0002", "007", 1), ("001", "007", 0), ("5003", "P01", 0)]


def test_year_and_quarter_stored_as_text_are_read_in_the_classification_import(seeded, tmp_path):
    rows = [["OLD", "Phạm Văn Cũ", " 2018 ", "3", "Hoàn thành tốt nhiệm vụ", "", ""],
            ["OLD", "Phạm Văn Cũ", "2018.0", "2.0", "Hoàn thành nhiệm vụ", "", ""]]
    path = _xlsx(tmp_path / "xep_loai.xlsx", CLASSIFICATION_HEADERS, rows)
    assert import_classifications(seeded, path).added == 2
    assert seeded.execute("SELECT year, quarter, level FROM classification ORDER BY quarter").fetchall() == [
        (2018, 2, "hoan_thanh"), (2018, 3, "tot")]


# --- exports are safe to open (point 6) ------------------------------------------------------


FORMULA_LIKE = ["=1+1", "=cmd|' /C calc'!A0", "+1+1", "+84 912 345 678", "-2+3", "-Phó chủ tịch",
                "@SUM(A1:A2)", '=HYPERLINK("http://example.invalid","bấm vào đây")']


def test_export_writes_formula_like_text_as_strings_never_formulas(tmp_path):
    path = tmp_path / "xuat.xlsx"
    write_workbook(path, "Xuất", [Column("Nội dung", 30)], [[text] for text in FORMULA_LIKE])
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    # In the file: no <f> element, every data cell an inline string holding exactly the text
    # (t="inlineStr": Excel shows it as text; a formula would be an <f> element, t="str" its result).
    assert re.search(r"<f[\s>/]", xml) is None
    cells = re.findall(r'<c r="A(\d+)"[^>]*? t="(\w+)"[^>]*>(.*?)</c>', xml)
    assert [(int(r), t) for r, t, _ in cells] == [(r, "inlineStr") for r in range(1, len(FORMULA_LIKE) + 2)]
    assert [body for *_, body in cells[1:]] == [f"<is><t>{escape(text)}</t></is>" for text in FORMULA_LIKE]
    # As Excel-like readers see it: strings, exactly the text, for each of = + - @.
    sheet = load_workbook(path).active
    found = [(c.value, c.data_type) for c in sheet["A"][1:]]
    assert found == [(text, "s") for text in FORMULA_LIKE]
    assert {text[0] for text in FORMULA_LIKE} == {"=", "+", "-", "@"}
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in grid[1:]] == FORMULA_LIKE
    # And the reader of imports sees no formula in it.
    assert [r.cells["Nội dung"] for r in read_rows(path, ["Nội dung"])] == FORMULA_LIKE


def test_formula_in_a_file_read_without_checks_would_be_empty(tmp_path):
    # Why formulas are refused: a workbook written by a program has no computed value, so the
    # cell reads as empty (or as a stale value) instead of what the user sees in Excel.
    path = _formulas(tmp_path)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert grid[1][1] == ""
