"""Vietnamese text: NFC storage, folding for search, alphabet-order sorting, code labels."""
import inspect
import unicodedata
from enum import StrEnum

import pytest

from models.common import codes
from models.common.codes import LABELS, Gender, StaffCategory, UnitKind, from_label, labels_of
from models.common.text import clean, fold, name_sort_key, nfc, sort_key, split_name


# --- fold -----------------------------------------------------------------------------------


def test_fold_lowers_case_and_drops_every_diacritic():
    assert fold("Nguyễn Văn ĐỨC") == "nguyen van duc"


def test_fold_turns_d_with_stroke_into_plain_d_in_both_cases():
    assert fold("đ") == "d"
    assert fold("Đ") == "d"
    assert fold("Đặng Đình Đạt") == "dang dinh dat"


def test_fold_gives_the_same_result_for_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Trần Thị Thu Hà")
    assert decomposed != "Trần Thị Thu Hà"
    assert fold(decomposed) == "tran thi thu ha"


def test_fold_collapses_and_trims_spaces():
    assert fold("  Lê   Thị\tỞ  ") == "le thi o"


@pytest.mark.parametrize(
    "text, folded",
    [("ăâêôơư", "aaeoou"), ("ẮẰẲẴẶ", "aaaaa"), ("ỨỪỬỮỰ", "uuuuu"), ("Ỳ Ý Ỷ Ỹ Ỵ", "y y y y y")],
)
def test_fold_strips_vowel_marks_and_tones(text, folded):
    assert fold(text) == folded


# --- clean / nfc ----------------------------------------------------------------------------


def test_clean_turns_decomposed_text_into_nfc():
    decomposed = unicodedata.normalize("NFD", "Phòng Tài chính - Kế hoạch")
    result = clean(decomposed)
    assert result == "Phòng Tài chính - Kế hoạch"
    assert unicodedata.is_normalized("NFC", result)
    assert len(result) == len("Phòng Tài chính - Kế hoạch")


def test_clean_collapses_inner_white_space_and_trims():
    assert clean("  Nguyễn \t Văn\u00a0\u00a0 An \n") == "Nguyễn Văn An"


def test_clean_makes_none_empty_and_text_of_other_values():
    assert clean(None) == ""
    assert clean(101) == "101"


def test_nfc_composes_marks():
    assert nfc("e\u0302\u0301") == "ế"


@pytest.mark.parametrize(
    "value",
    ["", " ", "\t\n", "a", unicodedata.normalize("NFD", " Ngô  Thị Ỷ "), "x\u00a0\u2003y", "Ä\u0323"],
)
def test_clean_is_idempotent_and_always_nfc(value):
    once = clean(value)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once


# --- sort_key -------------------------------------------------------------------------------


def _sorted(values):
    return sorted(values, key=sort_key)


def test_sort_key_follows_the_vietnamese_alphabet():
    letters = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
               "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
    shuffled = list(reversed(letters))
    assert _sorted(shuffled) == letters


def test_sort_key_puts_d_with_stroke_after_d_and_before_e_not_after_z():
    names = ["Em", "Đức", "Zô", "Dũng", "An"]
    assert _sorted(names) == ["An", "Dũng", "Đức", "Em", "Zô"]


def test_code_point_order_would_be_wrong_for_the_same_names():
    # The reason sort_key exists: plain sorting puts "Đ" after "Z".
    assert sorted(["Đức", "Em", "Zô"]) == ["Em", "Zô", "Đức"]
    assert _sorted(["Đức", "Em", "Zô"]) == ["Đức", "Em", "Zô"]


def test_sort_key_breaks_ties_by_tone_ngang_huyen_hoi_nga_sac_nang():
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert _sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == tones
    assert _sorted(list(reversed(tones))) == tones


def test_letter_comes_before_tone_when_comparing():
    # "ạ" is a with a tone; "ă" is a different letter: every a-word sorts before every ă-word.
    assert _sorted(["ăn", "ạn", "an"]) == ["an", "ạn", "ăn"]
    assert _sorted(["Bà", "Ba", "Bá", "Bạch", "Bác"]) == ["Ba", "Bà", "Bá", "Bác", "Bạch"]


def test_sort_key_ignores_case_except_as_a_last_resort():
    assert _sorted(["bình", "An", "ánh", "Anh"]) == ["An", "Anh", "ánh", "bình"]


def test_sort_key_sees_decomposed_and_composed_text_as_equal():
    assert sort_key(unicodedata.normalize("NFD", "Đặng Thị Ỷ")) == sort_key("Đặng Thị Ỷ")


def test_sort_key_compares_numbers_by_value():
    wards = ["Phường 10", "Phường 9", "Phường 1", "Phường 17", "Phường 3"]
    assert _sorted(wards) == ["Phường 1", "Phường 3", "Phường 9", "Phường 10", "Phường 17"]


def test_shorter_word_sorts_before_its_extensions():
    assert _sorted(["Anh", "An", "A"]) == ["A", "An", "Anh"]


# --- name_sort_key --------------------------------------------------------------------------


def test_split_name_separates_given_name_from_the_rest():
    assert split_name("  Nguyễn Thị  Thu Hà ") == ("Nguyễn Thị Thu", "Hà")
    assert split_name("Hà") == ("", "Hà")


def test_name_sort_key_orders_by_given_name_first():
    assert sorted(["Lê Bình", "Trần Văn An"], key=name_sort_key) == ["Trần Văn An", "Lê Bình"]


def test_name_sort_key_uses_family_name_when_given_names_are_equal():
    names = ["Trần Văn An", "Lê Thị An", "Đỗ An", "Bùi An"]
    assert sorted(names, key=name_sort_key) == ["Bùi An", "Đỗ An", "Lê Thị An", "Trần Văn An"]


def test_name_sort_key_uses_vietnamese_order_for_given_names():
    names = ["Phạm Em", "Lý Đức", "Võ Dũng", "Hồ Ân", "Mai Ăn", "Tạ An"]
    assert sorted(names, key=name_sort_key) == [
        "Tạ An", "Mai Ăn", "Hồ Ân", "Võ Dũng", "Lý Đức", "Phạm Em",
    ]


def test_name_sort_key_sorts_short_given_name_before_longer_one_with_same_start():
    assert sorted(["Lê Anh", "Vũ An"], key=name_sort_key) == ["Vũ An", "Lê Anh"]


# --- codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "enum, text, member",
    [
        (Gender, "Nữ", Gender.NU),
        (Gender, "NỮ", Gender.NU),
        (Gender, "nu", Gender.NU),
        (Gender, " nam ", Gender.NAM),
        (UnitKind, "PHƯỜNG", UnitKind.PHUONG),
        (UnitKind, "phuong", UnitKind.PHUONG),
        (UnitKind, "co quan chuyen mon", UnitKind.CO_QUAN),
        (UnitKind, "Mặt trận - Đoàn thể", UnitKind.MAT_TRAN),
        (UnitKind, "mat tran  doan the", UnitKind.MAT_TRAN),
        (UnitKind, "MAT TRAN-DOAN THE", UnitKind.MAT_TRAN),
        (UnitKind, "to chuc co so dang", UnitKind.DANG),
        (UnitKind, "co_quan", UnitKind.CO_QUAN),
        (StaffCategory, "cong chuc", StaffCategory.CONG_CHUC),
        (StaffCategory, "VIÊN CHỨC", StaffCategory.VIEN_CHUC),
        (StaffCategory, "Người lao động", StaffCategory.NGUOI_LAO_DONG),
        (StaffCategory, unicodedata.normalize("NFD", "Cán bộ"), StaffCategory.CAN_BO),
    ],
)
def test_from_label_accepts_any_case_spacing_and_missing_diacritics(enum, text, member):
    assert from_label(enum, text) is member


@pytest.mark.parametrize(
    "enum, text",
    [(Gender, "Khác"), (Gender, ""), (UnitKind, "Phòng"), (StaffCategory, "Công"),
     (UnitKind, "nam")],
)
def test_from_label_returns_none_for_unknown_text(enum, text):
    assert from_label(enum, text) is None


def _code_enums():
    return [
        obj
        for _, obj in inspect.getmembers(codes, inspect.isclass)
        if issubclass(obj, StrEnum) and obj is not StrEnum and obj.__module__ == codes.__name__
    ]


def test_code_enums_are_found_in_codes_module():
    assert {UnitKind, Gender, StaffCategory} <= set(_code_enums())


@pytest.mark.parametrize("enum", _code_enums(), ids=lambda e: e.__name__)
def test_every_code_has_exactly_one_distinct_label(enum):
    missing = [member for member in enum if member not in LABELS]
    assert missing == []
    labels = labels_of(enum)
    assert len(set(labels)) == len(labels)
    assert all(label and label == clean(label) for label in labels)
    # Each label reads back as its own member (folding does not make two labels collide).
    assert [from_label(enum, label) for label in labels] == list(enum)


def test_labels_hold_only_known_codes():
    members = {member for enum in _code_enums() for member in enum}
    assert set(LABELS) == members


def test_no_two_codes_share_a_stored_value_so_each_keeps_its_own_label():
    import enum

    from models.common import codes

    members = [m for obj in vars(codes).values()
               if isinstance(obj, type) and issubclass(obj, enum.StrEnum) and obj is not enum.StrEnum
               for m in obj]
    members = list({id(m): m for m in members}.values())  # Level is an alias of HeadLevel
    assert len({m.value for m in members}) == len(members)
    assert len(codes.LABELS) == len(members)


def _clean_the_long_way(value: str) -> str:
    from models.common.text import _INVISIBLE, _SPACE

    return _SPACE.sub(" ", nfc(_INVISIBLE.sub("", value))).strip()


def test_clean_takes_the_short_way_only_when_it_gives_the_same_text():
    # the short way (trim only) is taken for printable NFC text without two spaces in a row: every
    # character of the Basic Multilingual Plane, alone, between letters and between spaces, is
    # cleaned as the long way does
    wrong = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are no text
            continue
        for value in (chr(code), f"a{chr(code)}b", f" {chr(code)} ", f"Lê{chr(code)}{chr(code)}Văn"):
            if clean(value) != _clean_the_long_way(value):
                wrong.append(hex(code))
    assert wrong == []


@pytest.mark.parametrize("values", [
    ["Nguyễn Văn Ánh", "ĐẶNG THỊ  BÍCH", " Lê\u00a0Văn\tTám ", "", "straße", "ΣΑΣ", "ﬁ", "ǅemal", "Ông"],
    ["Nguyễn Văn Ánh", "Tra\u0300n"],  # decomposed: each folded the careful way
    ["a\x00b", "c"],  # a NUL of its own: each folded alone
    [],
])
def test_fold_all_folds_each_as_fold_does(values):
    from models.common.text import fold_all

    assert fold_all(values) == [fold(v) for v in values]


def test_fold_all_folds_every_character_in_a_word_as_fold_does():
    # fold_all folds each word once and leaves the spaces alone when they are single: every character,
    # in a word, alone between spaces and doubled beside a word, gives what fold gives
    from models.common.text import fold_all

    wrong = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are no text
            continue
        values = [f"a{chr(code)}b", f" {chr(code)} ", f"Lê {chr(code)}{chr(code)} Văn", "Nguyễn  Văn"]
        if fold_all(values) != [fold(v) for v in values]:
            wrong.append(hex(code))
    assert wrong == []


def test_ranked_gives_the_order_of_a_sort_by_match_rank():
    import random

    from models.common.text import match_rank, ranked

    rng = random.Random(19)
    syllables = ["nguyen", "van", "an", "thi", "lan", "le", "a", "n", "ng", "anh", "an nguyen"]
    names = [" ".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(400)]
    names += ["", "nguyen van an", "nguyen van an"]
    queries = ["", "an", "nguyen van", "van an", "an nguyen", "n", "lan thi", "thi lan le", "zzz", "nguyen van an"]
    for query in queries:
        for indices in (list(range(len(names))), rng.sample(range(len(names)), 150), []):
            expected = sorted(indices, key=lambda i: match_rank(names[i], query))
            assert ranked(indices, names, query) == expected, query
