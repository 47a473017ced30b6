"""The demo cycle describes the municipality's network from its registry when given one."""

from __future__ import annotations

from mskoko.cycle.demo import build_demo_cycle
from mskoko.rulebook import load_rulebook


def test_specifics_count_schools_rural_and_small_from_the_registry() -> None:
    registry = [
        {"org_id": "1", "org_type": "school", "settlement": "rural", "students": 40},
        {"org_id": "2", "org_type": "school", "settlement": "rural", "students": 300},
        {"org_id": "3", "org_type": "school", "settlement": "urban", "students": 900},
        {"org_id": "4", "org_type": "kindergarten", "settlement": "urban", "students": 90},
    ]
    cycle = build_demo_cycle("M1", "Тестовый район", load_rulebook("base-2023"),
                             registry=registry)
    assert ("3 общеобразовательных организаций, из них 2 сельских, "
            "1 малочисленных (менее 100 обучающихся)") in cycle.specifics
