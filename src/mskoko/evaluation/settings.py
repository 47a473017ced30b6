"""The settings of expert scoring, declared as data (name, default, help); docs/evaluation.md
lists each one and a test fails when one is undocumented."""

from __future__ import annotations

from dataclasses import dataclass

from mskoko.evaluation.agreement import ALPHA_RELIABLE, ALPHA_TENTATIVE
from mskoko.evaluation.model import CombineRule
from mskoko.evaluation.proposals import MATCH_SHARE, WINDOW


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str  # Russian: the people who read docs/evaluation.md are methodologists


SETTINGS: list[Setting] = [
    Setting("rulebook", "", "Редакция методики периода (id или путь к YAML); пусто — "
            "редакция по умолчанию. Задаётся: mskoko score period --rulebook."),
    Setting("combine", CombineRule.MEDIAN.value, "Как из баллов нескольких экспертов получается "
            "итоговый балл критерия: median, mean или chief. Задаётся: mskoko score period "
            "--combine."),
    Setting("chief_expert", None, "Ведущий эксперт периода: при combine=chief его балл "
            "становится итоговым. Задаётся: mskoko score period --chief."),
    Setting("agreement_level", "ordinal", "Шкала для α Криппендорфа: баллы — порядковые."),
    Setting("alpha_reliable", ALPHA_RELIABLE, "α, начиная с которого согласованность высокая."),
    Setting("alpha_tentative", round(ALPHA_TENTATIVE, 3), "α, начиная с которого "
            "согласованность допустима для предварительных выводов."),
    Setting("track_match_share", MATCH_SHARE, "Доля значимых слов названия трека, которые "
            "должны встретиться в одном фрагменте документа, чтобы отнести его к треку."),
    Setting("track_match_window", WINDOW, "Сколько соседних строк документа считается одним "
            "фрагментом при поиске названия трека."),
]
