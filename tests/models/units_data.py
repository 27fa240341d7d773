"""Units saved in one call for the model tests' fixtures, and the rows most of them use."""
from models.common.codes import UnitKind
from models.people.units import Unit, save_unit

P01 = ("P01", "Ủy ban nhân dân Phường 1", UnitKind.PHUONG)
P03 = ("P03", "Ủy ban nhân dân Phường 3", UnitKind.PHUONG)
NV = ("NV", "Phòng Nội vụ", UnitKind.CO_QUAN)

_FIELDS = ("code", "name", "kind", "head_name", "head_title")


def save_units(db, rows) -> dict[str, Unit]:
    """Saves each (code, name, kind[, head_name, head_title]) row; gives the saved units by code."""
    return {row[0]: save_unit(db, Unit(**dict(zip(_FIELDS, row)))) for row in rows}


def save_unit_ids(db, rows) -> dict[str, int]:
    """``save_units``, giving only the ids by code."""
    return {code: unit.id for code, unit in save_units(db, rows).items()}
