"""Messages, good rows, the ``seeded`` database and the file builders shared by the hostile-file tests."""
import datetime as dt
import struct
import zipfile
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from models.exchange.xlsx import ImportRejected

from models.common.codes import Gender, StaffCategory, UnitKind
from models.people.imports import STAFF_HEADERS, UNIT_HEADERS, import_staff, import_units
from models.quarters.imports_classifications import HEADERS as CLASSIFICATION_HEADERS
from models.quarters.imports_classifications import import_classifications
from models.awards.exchange import HEADERS as AWARD_HEADERS
from models.awards.exchange import import_awards
from models.people.imports_discipline import HEADERS as DISCIPLINE_HEADERS
from models.people.imports_discipline import import_discipline
from models.people.staff import Staff, add_staff
from models.quarters.imports_ratings import HEADERS as RATING_HEADERS
from models.quarters.imports_ratings import import_ratings
from models.people.units import Unit, save_unit


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
FAR = "Tệp có ô ở {}: vượt giới hạn 100.000 dòng x 50 cột; hãy xoá các ô thừa rồi lưu lại"
ERROR_CELL = "Dòng {}, cột {}: ô lỗi {}, hãy nhập giá trị đúng thay cho ô lỗi"
BOMB = ("Tệp “{}” bị nén bất thường (phần “{}” giải nén lớn gấp {} lần), có thể là tệp độc hại nên "
        "không đọc; hãy chép dữ liệu cần nhập sang một tệp mới rồi lưu lại")
UNPACKED = ("Tệp “{}” khi giải nén lên tới {} MB, vượt giới hạn {} MB; hãy chép dữ liệu cần nhập sang "
            "một tệp mới rồi lưu lại")
TOO_MUCH_TEXT = "Các ô của tệp chứa tới {} MB chữ, vượt giới hạn 100 MB mỗi lần nhập; hãy chia nhỏ tệp"
NO_HEADER = ("Dòng {}, cột {}: có giá trị{} nhưng cột {} không có tiêu đề, mẫu chỉ có {} cột; hãy xoá "
             "các giá trị đó hoặc chuyển vào đúng cột")
HIDDEN_ROW = "Dòng {} đang bị ẩn trong Excel (ẩn hoặc bị lọc), vẫn được nhập"

IMPORTERS = {
    "staff": (STAFF_HEADERS, lambda db, path: import_staff(db, path, TODAY)),
    "units": (UNIT_HEADERS, lambda db, path: import_units(db, path)),
    "classifications": (CLASSIFICATION_HEADERS, lambda db, path: import_classifications(db, path)),
    "discipline": (DISCIPLINE_HEADERS, lambda db, path: import_discipline(db, path, TODAY)),
    "ratings": (RATING_HEADERS, lambda db, path: import_ratings(db, path)),
    "awards": (AWARD_HEADERS, lambda db, path: import_awards(db, path)),
}
GOOD_ROWS = {
    "staff": [["CB01", "Nguyễn Văn Ánh", "01/06/1985", "Nam", "P01", "Chuyên viên", "Công chức",
               "Không", "01/03/2015"],
              ["CB02", "Lê Thị Bình", "02/03/1990", "Nữ", "P03", "", "Viên chức", "Có", "01/09/2012"]],
    "units": [["P05", "Phường 5", "Phường", "", ""], ["NV", "Phòng Nội vụ", "Cơ quan chuyên môn", "", ""]],
    "classifications": [["OLD", "Phạm Văn Cũ", 2018, 3, "Hoàn thành tốt nhiệm vụ", "", ""]],
    "discipline": [["OLD", "Khiển trách", "12/QĐ-UBND", "10/05/2018", "", ""]],
    "ratings": [["OLD", "Phạm Văn Cũ", 2018, "Hoàn thành tốt nhiệm vụ", ""]],
    "awards": [["OLD", "", 2018, "Giấy khen", "Cấp huyện", "12/QĐ-UBND", "10/12/2018", "Hoàn thành tốt", "417.000"],
               ["", "P03", 2018, "Tập thể lao động tiên tiến", "Quận", "13/QĐ-UBND", "", "", ""]],
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


# --- the refusal ---------------------------------------------------------------------------


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


def _raw_xlsx(path, rows_xml, after_data="", prefix="", workbook=_WORKBOOK, rels=_WORKBOOK_RELS,
              member="xl/worksheets/sheet1.xml", parts=None, before_data="", root=None):
    """A minimal xlsx written with zipfile, the sheet's XML given row by row (strings or an
    iterator: a million rows are written in about half a second). ``prefix`` writes every
    element of the sheet with a namespace prefix ("x:"), as some programs do; ``workbook``,
    ``rels`` and ``member`` change the parts that lead to the sheet, ``parts`` adds others
    (name -> text or bytes), ``before_data`` goes before <sheetData>, ``root`` replaces the
    XML declaration and the worksheet's start tag."""
    p = prefix
    if root is None:
        root = f'<{p[:-1]}:worksheet xmlns:{p[:-1]}="{_MAIN}">' if p else f'<worksheet xmlns="{_MAIN}">'
        root = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + root
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        for name, content in (parts or {}).items():
            archive.writestr(name, content)
        with archive.open(member, "w", force_zip64=True) as sheet:
            sheet.write(f"{root}{before_data}<{p}sheetData>".encode())
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


def _chain(*parts):
    for part in parts:
        yield from part
