"""How certificates print: the full design on plain paper, or only the variable fields onto the office's
pre-printed forms, moved by offsets the user calibrates once on a test page (stored as a setting)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlite_utils import Database

from models.common.errors import ValidationError
from models.store.settings import get_setting, set_setting

FULL, PREPRINTED = "full", "preprinted"
KEY = "certificate_form"
MAX_OFFSET_MM = 50.0


@dataclass(frozen=True)
class CertificateForm:
    mode: str = FULL
    dx_mm: float = 0.0  # to the right
    dy_mm: float = 0.0  # downwards


def certificate_form(db: Database) -> CertificateForm:
    stored = get_setting(db, KEY, {}) or {}
    known = {k: stored[k] for k in ("mode", "dx_mm", "dy_mm") if k in stored}
    return CertificateForm(**known)


def set_certificate_form(db: Database, form: CertificateForm) -> None:
    errors = {}
    if form.mode not in (FULL, PREPRINTED):
        errors["mode"] = "Kiểu in phải là: mẫu đầy đủ, hoặc in lên phôi in sẵn"
    for name, label in (("dx_mm", "Độ lệch ngang"), ("dy_mm", "Độ lệch dọc")):
        value = getattr(form, name)
        if not isinstance(value, (int, float)) or abs(value) > MAX_OFFSET_MM:
            errors[name] = f"{label} phải là số milimét từ -{MAX_OFFSET_MM:g} đến {MAX_OFFSET_MM:g}"
    if errors:
        raise ValidationError(errors)
    set_setting(db, KEY, asdict(form))


__all__ = ["FULL", "PREPRINTED", "CertificateForm", "certificate_form", "set_certificate_form"]
