"""Invented Vietnamese names for the samples: family, middle and given names weighted as they are
common in Ho Chi Minh City, fitting gender and age (younger people less often "Văn" / "Thị")."""
from __future__ import annotations

import random

from models.common.codes import Gender
from models.common.text import nfc

NAM, NU = Gender.NAM, Gender.NU

FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 6), ("Huỳnh", 5), ("Võ", 4), ("Phan", 4),
    ("Hoàng", 2), ("Vũ", 2), ("Trương", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5),
    ("Ngô", 1.3), ("Dương", 1), ("Lâm", 0.8), ("Lý", 0.6), ("Đinh", 0.6), ("Đoàn", 0.6),
    ("Mai", 0.5), ("Cao", 0.4), ("Lưu", 0.4), ("Tô", 0.3), ("Châu", 0.3), ("Thái", 0.3),
    ("Tạ", 0.2), ("La", 0.2),
)
MIDDLE_NAMES = {
    NAM: (
        ("Văn", 40), ("Minh", 10), ("Thanh", 8), ("Quốc", 7), ("Hữu", 6), ("Hoàng", 5), ("Đức", 5),
        ("Công", 4), ("Ngọc", 4), ("Tấn", 4), ("Xuân", 3), ("Duy", 3), ("Trọng", 3), ("Thành", 3),
        ("Anh", 2), ("Văn Minh", 1), ("Hoàng Minh", 1),
    ),
    NU: (
        ("Thị", 45), ("Ngọc", 9), ("Thanh", 6), ("Thu", 6), ("Kim", 5), ("Hồng", 4), ("Thị Thu", 4),
        ("Thị Ngọc", 4), ("Minh", 3), ("Phương", 3), ("Mỹ", 3), ("Bích", 3), ("Thùy", 3),
        ("Thị Kim", 3), ("Thị Thanh", 3), ("Hoài", 2), ("Thị Hồng", 2), ("Thị Mỹ", 2),
    ),
}
# Younger people are less often given the plain "Văn" / "Thị".
PLAIN_MIDDLE = ("Văn", "Thị")
GIVEN_NAMES = {
    NAM: (
        "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Định", "Đức", "Giang", "Hải", "Hậu",
        "Hiếu", "Hòa", "Hùng", "Hưng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Lợi",
        "Long", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Phước", "Quân", "Quang",
        "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thiện", "Thịnh", "Tín", "Toàn", "Trí",
        "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
    ),
    NU: (
        "An", "Anh", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
        "Hồng", "Hương", "Huyền", "Khánh", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
        "Ngân", "Ngọc", "Nguyệt", "Nhi", "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh",
        "Tâm", "Thảo", "Thủy", "Thúy", "Thư", "Trâm", "Trang", "Trinh", "Tuyết", "Uyên", "Vân",
        "Vy", "Xuân", "Yến",
    ),
}


def pick(rng: random.Random, weighted) -> object:
    items = [item for item, _ in weighted]
    return rng.choices(items, weights=[w for _, w in weighted])[0]


def full_name(rng: random.Random, gender: Gender, born: int, taken: set[str]) -> str:
    """A new name (not in ``taken``): family, middle and given name, fitting gender and age."""
    middles = MIDDLE_NAMES[gender]
    if born >= 1985:
        middles = tuple((m, w / 2 if m in PLAIN_MIDDLE else w) for m, w in middles)
    while True:
        middle = pick(rng, middles)
        given = rng.choice(GIVEN_NAMES[gender])
        if middle.split()[-1] == given:
            continue
        name = nfc(f"{pick(rng, FAMILY_NAMES)} {middle} {given}")
        if name not in taken:
            taken.add(name)
            return name
