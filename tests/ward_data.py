"""A ward council's database: the 2018 sample with the level set to ward (Phường Gò Vấp) and its
units' names in ward wording, as a secretary would have typed them. Shared by the tests that read
what a ward database prints and shows."""
import re
from dataclasses import replace

from models.common.codes import CouncilLevel
from models.people.units import list_units, save_unit
from models.store.council_wording import level_wording
from models.store.db import connect
from models.store.settings import CouncilNames, set_council_names

# The sample's district words in its unit names and campaign fields, and their ward wording.
_WARD_WORDS = ((re.compile(r"\bQuận đoàn\b"), "Đoàn Thanh niên phường"), (re.compile(r"\bquận\b"), "phường"))
WARD_NAMES = level_wording(replace(CouncilNames(), area_name="Gò Vấp", signer_name="Trần Văn Phường"),
                           CouncilLevel.WARD)


def ward_words(text: str) -> str:
    for pattern, words in _WARD_WORDS:
        text = pattern.sub(words, text)
    return text


def to_ward(path) -> None:
    """Turn the sample database at ``path`` into a ward council's."""
    db = connect(path)
    try:
        set_council_names(db, WARD_NAMES)
        for unit in list_units(db):
            if ward_words(unit.name) != unit.name:
                save_unit(db, replace(unit, name=ward_words(unit.name)))
        with db.atomic():
            for table, column in (("campaign_field", "name"), ("initiative", "field")):
                for rowid, text in db.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
                    if ward_words(text) != text:
                        db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [ward_words(text), rowid])
    finally:
        db.close()
