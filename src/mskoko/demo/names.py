"""Russian names for the generated world: municipalities, villages, schools."""

from __future__ import annotations

import numpy as np

# (name, kind): a городской округ is mostly urban, a муниципальный район mostly rural.
MUNICIPALITIES: list[tuple[str, str]] = [
    ("Карталинский муниципальный район", "district"),
    ("Копейский городской округ", "city"),
    ("Сосновский муниципальный район", "district"),
    ("Озёрский городской округ", "city"),
    ("Варненский муниципальный район", "district"),
    ("Троицкий городской округ", "city"),
    ("Еткульский муниципальный район", "district"),
    ("Миасский городской округ", "city"),
    ("Кизильский муниципальный район", "district"),
    ("Златоустовский городской округ", "city"),
    ("Брединский муниципальный район", "district"),
    ("Каслинский муниципальный район", "district"),
    ("Верхнеуральский муниципальный район", "district"),
    ("Кусинский муниципальный район", "district"),
    ("Чебаркульский городской округ", "city"),
    ("Уйский муниципальный район", "district"),
    ("Агаповский муниципальный район", "district"),
    ("Кунашакский муниципальный район", "district"),
    ("Нязепетровский муниципальный район", "district"),
    ("Южноуральский городской округ", "city"),
]

# Feminine adjectival forms, as in «МКОУ Ивановская СОШ».
VILLAGES: list[str] = [
    "Ивановская", "Петровская", "Михайловская", "Никольская", "Берёзовская", "Сосновская",
    "Краснопольская", "Октябрьская", "Кочкарская", "Варненская", "Новобуринская",
    "Кременкульская", "Полетаевская", "Долгодеревенская", "Томинская", "Есаульская",
    "Алишевская", "Архангельская", "Вознесенская", "Покровская", "Травниковская",
    "Калиновская", "Степнинская", "Луговская", "Рощинская", "Озёрненская", "Каштакская",
    "Мирненская", "Бродокалмакская", "Тимирязевская", "Увельская", "Кулужбаевская",
    "Анненская", "Великопетровская", "Еленинская", "Неплюевская", "Снежненская",
    "Южно-Степная", "Варшавская", "Новониколаевская", "Сухтелинская", "Глубочанская",
    "Поляновская", "Мичуринская", "Рымникская", "Амурская", "Светлинская", "Парижская",
]


def school_name(kind: str, settlement: str, number: int, village: str | None) -> str:
    """A registry-style name: «МБОУ СОШ № 14», «МКОУ Ивановская ООШ», «МАОУ «Лицей № 11»»."""
    if settlement == "rural" and village:
        owner = "МКОУ" if kind in {"ООШ", "НОШ"} else "МБОУ"
        return f"{owner} {village} {kind}"
    if kind == "Лицей":
        return f"МАОУ «Лицей № {number}»"
    if kind == "Гимназия":
        return f"МАОУ «Гимназия № {number}»"
    return f"МБОУ {kind} № {number}"


_MASK40 = (1 << 40) - 1


def pseudonyms(indices: np.ndarray, salt: int, prefix: str = "s") -> np.ndarray:
    """Distinct pseudonymous ids such as ``s3f9a0c41b2`` for distinct indices.

    A keyed bijection of 40-bit integers (odd multiply, add, xor-shift), so ids are unique
    without a look-up set and neither order nor school can be read off them.
    """
    x = (indices.astype(np.uint64) + np.uint64(salt & _MASK40)) & np.uint64(_MASK40)
    for multiplier in (0x9E3779B97F, 0xC2B2AE3D27):
        x = (x * np.uint64(multiplier)) & np.uint64(_MASK40)
        x ^= x >> np.uint64(17)
    return np.array([f"{prefix}{v:010x}" for v in x.tolist()], dtype=object)
