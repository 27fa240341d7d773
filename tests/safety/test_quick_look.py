"""The guard's quick look (models.exchange.xlsx_plain.plain) asks its questions in fewer passes than
the searches it replaced (plain_by_searches): for every sheet both must say the same, "plain" (the
byte counts are trusted) or not (the sheet goes to the streaming parser). Each case below is aimed at
one of the shortcuts: a rare byte present in the text but harmless, or the same byte making a tag
that is not plain."""
import pytest

from models.exchange import xlsx_plain
from models.people.imports import STAFF_HEADERS

from .hostile_data import GOOD_ROWS, _row_xml

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows=None, before="", after="", row_attributes=""):
    """The XML of a sheet holding the header and the good staff rows (or ``rows``: XML)."""
    if rows is None:
        rows = [_row_xml(n, values) for n, values in enumerate([STAFF_HEADERS, *GOOD_ROWS["staff"]], start=1)]
    if row_attributes:
        rows = [r.replace('">', f'" {row_attributes}>', 1) for r in rows]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'{before}<sheetData>{"".join(rows)}</sheetData>{after}</worksheet>').encode()


def _with_cell(xml_cell):
    """The good rows with one more cell (raw XML) at the end of row 2."""
    rows = [_row_xml(n, values) for n, values in enumerate([STAFF_HEADERS, *GOOD_ROWS["staff"]], start=1)]
    rows[1] = rows[1].replace("</row>", xml_cell + "</row>")
    return _sheet(rows)


def _with_text(text):
    """The good rows with ``text`` (raw XML, already escaped) as an inline string in J2."""
    return _with_cell(f'<c r="J2" t="inlineStr"><is><t>{text}</t></is></c>')


_MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
_VALIDATION = ('<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" '
               'errorTitle="Giá trị không hợp lệ" error="Chọn một giá trị" sqref="D2:D1000">'
               '<formula1>"Nam,Nữ"</formula1></dataValidation></dataValidations>')

# Text in a cell (raw XML, already escaped) by what the quick look must say of it, then the cells added
# to row 2 (raw XML) that make a sheet not plain, each by the test's name.
TEXTS = {
    True: {"single-quote": "O'Brien", "ampersand": "Tài chính &amp; Kế hoạch", "exclamation": "Xuất sắc!",
           "spaces-around-equals": "a = b, c= d, e =f", "equals-before-a-line-break": "x=\n",
           "many-f": "f" * 100, "colon": "Phòng: Nội vụ", "r-equals-in-a-word": 'Tr="x"'},
    False: {"error-type": 't="e"', "t-space-equals": "thiết =1", "t-equals-line-break": "thiết=\n",
            "r-equals-single-quote": "Tr='x", "space-r-equals": 'a r="x"', "r-equals-after-a-quote": 'a"r=b',
            "hidden": "hidden", "form-feed": "a\x0cb", "nul": "a\x00b"},
}
CELLS_NOT_PLAIN = {
    "formula": '<c r="J2"><f>NOW()</f><v>1</v></c>', "error-cell": '<c r="J2" t="e"><v>#N/A</v></c>',
    "error-cell-spaces": '<c r="J2" t = "e"><v>#N/A</v></c>', "error-cell-single-quotes": "<c r=\"J2\" t='e'><v>#N/A</v></c>",
    "type-by-character-reference": '<c r="J2" t="&#101;"><v>#N/A</v></c>', "past-the-last-column": '<c r="AY2"><v>1</v></c>',
    "far-right": '<c r="BA2"><v>1</v></c>', "three-letters": '<c r="XFD2"><v>1</v></c>',
    "past-the-last-row": '<c r="A100002"><v>1</v></c>', "seven-digit-row": '<c r="A1048576"><v>1</v></c>',
    "row-with-a-leading-zero": '<c r="J02"><v>1</v></c>', "without-reference": "<c><v>1</v></c>",
    "reference-not-first": '<c t="n" r="J2"><v>1</v></c>', "second-reference": '<c r="J2" r="XFD2"><v>1</v></c>',
    "second-reference-after-a-quote": '<c r="J2" s="1"r="XFD2"><v>1</v></c>', "reference-with-a-space": '<c r ="J2"><v>1</v></c>',
    "prefixed": '<x:c r="J2"><x:v>1</x:v></x:c>', "tab-in-a-tag": '<c r="J2"\tt="s"><v>0</v></c>',
}
_EXCEL_ROWS = [_row_xml(n, v).replace('">', '" x14ac:dyDescent="0.25">', 1)
               for n, v in enumerate([STAFF_HEADERS, *GOOD_ROWS["staff"] * 60], start=1)]
CASES = [
    pytest.param(_sheet(), True, id="plain"),
    pytest.param(_sheet(after=_MARGINS), True, id="page-margins-header-footer"),
    pytest.param(_sheet(after=_VALIDATION), True, id="data-validation-error-attribute"),
    pytest.param(_sheet(row_attributes='spans="1:9" x14ac:dyDescent="0.25"'), True, id="excel-row-attributes"),
    pytest.param(_sheet(rows=_EXCEL_ROWS), True, id="many-colons"),
    pytest.param(_sheet(row_attributes='customFormat="false" ht="12.8" hidden="false" customHeight="false"'), True,
                 id="libreoffice-hidden-false"),
    pytest.param(_with_cell('<c r="AX2"><v>1</v></c>'), True, id="cell-in-the-last-column"),
    pytest.param(_with_cell('<c r="A100001"><v>1</v></c>'), True, id="cell-in-the-last-row"),
    pytest.param(_sheet(after="<!-- a comment -->"), False, id="comment"),
    pytest.param(_with_cell('<c r="J2" t="e"><v>#N/A</v></c><c r="K2" t="inlineStr"><is><t>a &amp; b</t></is></c>'),
                 False, id="error-cell-with-an-ampersand-elsewhere"),
    pytest.param(_sheet(row_attributes='hidden="1"'), False, id="hidden-rows"),
    *(pytest.param(_with_text(text), plain, id=f"{name}-in-text") for plain in TEXTS for name, text in TEXTS[plain].items()),
    *(pytest.param(_with_cell(cell), False, id=f"cell-{name}") for name, cell in CELLS_NOT_PLAIN.items()),
]


@pytest.mark.parametrize("data, plain", CASES)
def test_the_quick_look_says_what_each_search_says(data, plain):
    assert xlsx_plain.plain_by_searches(data) is plain
    assert xlsx_plain.plain(data) is plain


@pytest.mark.parametrize("byte", [b"f", b":", b"\n"])
def test_a_rare_byte_that_is_not_rare_is_searched_for(byte):
    # past 64 of them the pattern is searched for in the whole sheet: the same answer
    many = b"x" * 10 + byte * (xlsx_plain._MEMCHR_LOOKS + 5)
    assert xlsx_plain._where(many, byte) is None
    assert xlsx_plain._where(b"ab" + byte, byte) == [2]
    assert xlsx_plain._found_near(many + b"<f>", b"f", 1, xlsx_plain._FORMULA_TAG)
    assert not xlsx_plain._found_near(many, b"f", 1, xlsx_plain._FORMULA_TAG)


def test_prefixed_rows_are_counted_as_the_count_does():
    plain = _sheet()
    prefixed = plain.replace(b"<row", b"<x:row").replace(b"</row", b"</x:row")
    excel = _sheet(rows=_EXCEL_ROWS)
    for data in (plain, prefixed, excel, excel.replace(b"<row", b"<x:row")):
        assert xlsx_plain.prefixed_rows(data) == data.count(b":row")


def test_the_rare_bytes_are_found_in_every_block():
    data = bytearray(b"x" * 1000)
    data[0], data[99], data[100], data[999] = ord("!"), ord("'"), ord("&"), 0x0C
    assert xlsx_plain._present(bytes(data), xlsx_plain._RARE_BYTES, block=100) == {b"!", b"'", b"&", b"\x0c"}
    assert xlsx_plain._present(b"x" * 1000, xlsx_plain._RARE_BYTES, block=100) == set()


# Pieces of XML around the shortcuts' searches: ' r="' alone, in a cell or a row tag, after a quote or a
# second space; t="e" and t="& and their near misses.
_PIECES = [b'<c r="', b'<row r="', b' r="', b'r="', b'<c', b'<row', b" ", b'"', b"<", b"c", b"w", b"r", b"=",
           b't="e"', b't="&', b't="', b"e", b"&", b"t", b"x", b'<c  r="', b'"r="']


def _mixes(count=3000, seed=19):
    import random

    pick = random.Random(seed)
    for _ in range(count):
        yield b"".join(pick.choice(_PIECES) for _ in range(pick.randint(0, 12)))


def test_a_reference_not_first_is_found_where_the_counts_differ():
    for data in [*_mixes(), _sheet(), _sheet(rows=_EXCEL_ROWS), *(case.values[0] for case in CASES)]:
        assert (xlsx_plain._R_NOT_FIRST.search(data) is None) is xlsx_plain._r_first_only(data), data


def test_error_or_reference_type_is_found_where_either_text_is():
    for data in [*_mixes(), *(case.values[0] for case in CASES)]:
        either = b't="e"' in data or b't="&' in data
        assert (xlsx_plain._ERROR_OR_REFERENCE_TYPE.search(data) is not None) is either, data


def test_the_equals_searches_find_what_the_one_search_finds():
    pieces = [b"=", b'"', b" ", b"r", b"x", b'r="', b'"r=', b" =", b"t"]
    import random

    pick = random.Random(7)
    mixes = [b"".join(pick.choice(pieces) for _ in range(pick.randint(0, 10))) for _ in range(5000)]
    for data in [*mixes, *_mixes(), *(case.values[0] for case in CASES)]:
        parts = any(part.search(data) for part in xlsx_plain._EQUALS_PARTS)
        assert parts is (xlsx_plain._EQUALS_NOT_PLAIN.search(data) is not None), data
