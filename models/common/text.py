"""Vietnamese text done right: NFC on the way in, folding for search, alphabet-order sort keys.

SQLite's LIKE and lower() fold ASCII only, and code-point order puts "Đ" after "Z", so every
comparison a user sees goes through the functions here.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks that are part of a Vietnamese letter (ă â ê ô ơ ư) as opposed to its tone.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# Tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d").search

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
# Control and invisible format characters (pasted from web pages or Word): never stored.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")


def nfc(value: str) -> str:
    """``value`` in Unicode NFC form (decomposed input prints with detached marks)."""
    return unicodedata.normalize("NFC", value)




def clean(value: object) -> str:
    """Text as stored: NFC, trimmed, inner runs of white space collapsed to one space, control
    and invisible characters removed. ``None`` becomes the empty string.
    """
    if value is None:
        return ""
    # Every white space but " " and every invisible character is unprintable to Python: text that
    # is printable, without two spaces in a row and in NFC only needs its ends trimmed (most cells).
    if value.__class__ is str and value.isprintable() and "  " not in value and unicodedata.is_normalized("NFC", value):
        return value.strip()
    # Invisible characters go first: one inside a decomposed letter would otherwise keep it decomposed.
    return _SPACE.sub(" ", nfc(_INVISIBLE.sub("", str(value)))).strip()


def _slow_fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


# Every precomposed Latin letter (Vietnamese included) mapped straight to its folded form, so that
# folding is one str.translate: imports fold every cell they compare. Filled on the first fold
# (1.6 ms: the window's first screen folds nothing).
_FAST_FOLD: dict[int, str | None] = {}


def _fast_fold() -> dict[int, str | None]:
    if not _FAST_FOLD:  # (filled by one C call: a thread reading it meanwhile sees it empty or full)
        _FAST_FOLD.update({
            cp: _slow_fold(chr(cp)) or None
            for block in (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
            for cp in block
            if unicodedata.category(chr(cp)).startswith("L")
        })
    return _FAST_FOLD
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(value: str) -> str:
    """Lower case without diacritics, for search: "Nguyễn Văn Ánh" -> "nguyen van anh"."""
    if _COMBINING.search(value):  # decomposed input: the careful way
        return _slow_fold(value)
    folded = value.translate(_FAST_FOLD or _fast_fold())
    if not folded.isascii():
        folded = folded.casefold()
    return _SPACE.sub(" ", folded).strip()


def fold_all(values: list[str]) -> list[str]:
    """``[fold(v) for v in values]``, faster for the thousands of names of an import: folded as one text
    (a NUL between them: never white space, never changed by folding), then cut again. The text is folded
    word by word, each word once (translate and casefold change each character on its own, and leave a
    space a space: the same text; a city's 100,000 names have a few thousand words), and its white space
    is made single spaces only when it is not already (names are cleaned: their spaces are single)."""
    joined = "\x00".join(values)
    if _COMBINING.search(joined) or joined.count("\x00") != len(values) - 1:
        return [fold(v) for v in values]
    words = joined.split(" ")
    folded_words = {}
    table = _FAST_FOLD or _fast_fold()
    for word in set(words):
        folded = word.translate(table)
        # as fold does for each: casefold changes no ASCII letter that is left
        folded_words[word] = folded if folded.isascii() else folded.casefold()
    folded = " ".join(map(folded_words.__getitem__, words))
    # Folding makes no white space: it is the input's. Every white space but " " is unprintable, as NUL is.
    if "  " in folded or not folded.replace("\x00", "").isprintable():
        folded = _SPACE.sub(" ", folded)
    return [v.strip() for v in folded.split("\x00")]


def match_rank(folded_name: str, folded_query: str) -> int:
    """How well a folded name matches a folded search: 0 the same name, 1 the name starts with the
    query, 2 it contains the query, 3 it contains every word, 4 the match is elsewhere (title, unit)."""
    if not folded_query:
        return 4
    if folded_name == folded_query:
        return 0
    if folded_name.startswith(folded_query):
        return 1
    if folded_query in folded_name:
        return 2
    if all(word in folded_name for word in folded_query.split()):
        return 3
    return 4


def ranked(indices: list[int], names: list[str], folded_query: str) -> list[int]:
    """``sorted(indices, key=lambda i: match_rank(names[i], folded_query))`` (the same order: each rank in
    the order of ``indices``), built rank by rank with one test per name instead of a call: a search over
    20,000 people ranks its matches while the user types."""
    if not folded_query:
        return list(indices)
    containing = [i for i in indices if folded_query in names[i]]
    rest = [i for i in indices if folded_query not in names[i]] if len(containing) < len(indices) else []
    same = [i for i in containing if names[i] == folded_query]
    starting = [i for i in containing if names[i] != folded_query and names[i].startswith(folded_query)]
    inside = [i for i in containing if not names[i].startswith(folded_query)]
    words = folded_query.split()
    if len(words) > 1 and rest:
        every_word = [all(word in names[i] for word in words) for i in rest]
        elsewhere = [i for i, every in zip(rest, every_word) if not every]
        rest = [i for i, every in zip(rest, every_word) if every] + elsewhere
    return same + starting + inside + rest

_WEIGHTS: dict[str, tuple[str, str, str]] = {}


def _weights(ch: str) -> tuple[str, str, str]:
    """Primary (letter), secondary (tone) and tertiary (case) weight of one character, cached:
    names use few distinct characters, and sorting 20,000 names must stay fast."""
    found = _WEIGHTS.get(ch)
    if found is not None:
        return found
    lower = ch.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter = base
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in (_BREVE, _CIRCUMFLEX, _HORN):
            letter = unicodedata.normalize("NFC", letter + mark)
    if lower == "đ":
        letter = "đ"
    if letter in _RANK:
        primary = chr(0x1000 + _RANK[letter])
    else:
        primary = base if ord(base) < 0x80 else chr(0x2000 + ord(base))
    found = (primary, chr(0x30 + tone), "0" if ch == lower else "1")
    _WEIGHTS[ch] = found
    return found


def _pad_numbers(value: str) -> str:
    # "Phường 9" before "Phường 10": compare runs of digits as numbers.
    return _DIGITS.sub(lambda m: m.group(0).zfill(8), value)


def sort_key(value: str) -> str:
    """A string whose code-point order is Vietnamese alphabet order of ``value``.

    Letters first (a ă â b c d đ e ê ...), then tones (ngang, huyền, hỏi, ngã, sắc, nặng) as the
    tie-breaker, then case; numbers inside the text compare by value.
    """
    return _key(value if _is_clean(value) else clean(value))


def _key(text: str) -> str:
    """sort_key of text that is already clean."""
    if not text:
        return "\x00\x00"
    if _HAS_DIGIT(text):
        text = _pad_numbers(text)
    get = _WEIGHTS.get
    primary, tones, cases = zip(*[get(ch) or _weights(ch) for ch in text])
    return "".join(primary) + "\x00" + "".join(tones) + "\x00" + "".join(cases)


def _is_clean(value: str) -> bool:
    # Text read back from the database is already clean; skip the work of cleaning it again.
    return unicodedata.is_normalized("NFC", value) and "  " not in value and value == value.strip() \
        and not _INVISIBLE.search(value)


def split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name): "Nguyễn Thị Thu Hà" -> ("Nguyễn Thị Thu", "Hà")."""
    parts = clean(full_name).split(" ")
    return " ".join(parts[:-1]), parts[-1]


def name_sort_key(full_name: str) -> str:
    """Sort key for a person's name as Vietnamese lists order them: given name, then the rest."""
    text = full_name if _is_clean(full_name) else clean(full_name)
    rest, _, given = text.rpartition(" ")
    return _part_key(given) + "\x00\x00" + _part_key(rest)


@lru_cache(maxsize=8192)
def _part_key(part: str) -> str:
    # Thousands of names share a few hundred given names and family-and-middle names.
    return _key(part)


def money(amount: int) -> str:
    """An amount in đồng as Vietnamese text writes it, "." between thousands: 1390000 -> "1.390.000"
    (the unit, "đ" or "đồng", is the caller's)."""
    return f"{amount:,}".replace(",", ".")


def decimal(value: float) -> str:
    """A figure as Vietnamese writes it, with a decimal comma: 283.1 -> "283,1", 4.0 -> "4"."""
    return f"{value:g}".replace(".", ",")


def joined_lower(items) -> str:
    """Reasons joined by "; ", each after the first starting in lower case ("Đăng ký trễ hạn; thực
    hiện không hiệu quả"); a first word in capitals throughout (an acronym) stays as it is."""
    out: list[str] = []
    for item in (unicodedata.normalize("NFC", str(x)).strip() for x in items):
        if not item:
            continue
        first = item.split(" ", 1)[0]
        if out and not (len(first) > 1 and first.isupper()):
            item = item[:1].lower() + item[1:]
        out.append(item)
    return "; ".join(out)


# Leaders print before the others of their unit, by rank (Chủ tịch before Phó Chủ tịch), then by name.
LEADER_RANKS = (
    ("chủ tịch", "bí thư", "giám đốc", "chánh văn phòng", "chánh thanh tra"),
    ("phó chủ tịch", "phó bí thư", "phó giám đốc", "phó chánh văn phòng", "phó chánh thanh tra"),
    ("trưởng", "chánh"),
    ("phó trưởng", "phó chánh"),
)


@lru_cache(maxsize=4096)
def position_rank(position: str) -> int:
    """0 for the head (Chủ tịch, Giám đốc, ...), 1 for a deputy, 2 for the head of an office, 3 for
    its deputy, 4 for everyone else: the leaders' order within a unit. (Cached: a city's 20,000
    people hold a few dozen positions, and a year's title proposals rank every one of them.)"""
    text = unicodedata.normalize("NFC", str(position or "")).strip().lower()
    for rank, words in enumerate(LEADER_RANKS):
        if any(text == w or text.startswith(w + " ") or text.startswith(w + ",") for w in words):
            return rank
    return len(LEADER_RANKS)


CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]*$")  # a unit's or a person's code, as stored


def code_error(code: str, noun: str, longest: int, example: str = "") -> str | None:
    """What is wrong with a stored code (``noun``: "cán bộ", "đơn vị"), or ``None``."""
    if not code:
        return f"Chưa nhập mã {noun}"
    if len(code) > longest:
        return f"Mã {noun} dài quá {longest} ký tự"
    if not CODE_PATTERN.match(code):
        return f"Mã {noun} chỉ gồm chữ không dấu, chữ số và - _ . /" + (f" (ví dụ {example})" if example else "")
    return None


def blank_fields(record: object, messages: dict[str, str]) -> dict[str, str]:
    """``messages`` (field -> message) of the fields of ``record`` left blank (``None``, empty or
    white space only), in the order given."""
    return {name: message for name, message in messages.items() if not clean(getattr(record, name))}


def normalise_code(value: object) -> str:
    """A unit's or a person's code as stored: cleaned, upper case."""
    return clean(value).upper()
