"""Deadlines: Russian parsing, rendering, and the parse(render(d)) == d round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mskoko.cycle.deadline import RECURRENCES, Deadline, Moment


@pytest.mark.parametrize(("text", "expected"), [
    ("сентябрь 2020", Deadline.on(Moment(2020, 9))),
    ("в сентябре 2024 г.", Deadline.on(Moment(2024, 9))),
    ("В ДЕКАБРЕ 2023 года", Deadline.on(Moment(2023, 12))),
    ("январь–февраль 2025", Deadline.between(Moment(2025, 1), Moment(2025, 2))),
    ("январь - февраль 2025 г.", Deadline.between(Moment(2025, 1), Moment(2025, 2))),
    ("20.02.2023", Deadline.on(dt.date(2023, 2, 20))),
    ("20 февраля 2023 года", Deadline.on(dt.date(2023, 2, 20))),
    ("2020–2023", Deadline.between(Moment(2020), Moment(2023))),
    ("2020-2023 гг.", Deadline.between(Moment(2020), Moment(2023))),
    ("до 01.09.2025", Deadline.by(dt.date(2025, 9, 1))),
    ("не позднее 15 мая 2025 г.", Deadline.by(dt.date(2025, 5, 15))),
    ("с 01.09.2025 по 30.09.2025", Deadline.between(dt.date(2025, 9, 1), dt.date(2025, 9, 30))),
    ("2025 год", Deadline.on(Moment(2025))),
    ("ежегодно", Deadline.every("yearly")),
    ("Постоянно", Deadline.every("permanent")),
    ("в соответствии с графиком проведения", Deadline.every("schedule")),
    ("по графику", Deadline.every("schedule")),
    ("в течение учебного года", Deadline.every("school_year")),
    ("ежеквартально", Deadline.every("quarterly")),
    ("ежемесячно", Deadline.every("monthly")),
])
def test_parse_reads_what_officials_write(text: str, expected: Deadline) -> None:
    assert Deadline.parse(text) == expected


@pytest.mark.parametrize("text", [
    "1 раз в 3 года для каждой образовательной организации", "август ежегодно", "март",
    "по мере необходимости", "31.02.2025",
])
def test_unknown_text_is_kept_verbatim(text: str) -> None:
    deadline = Deadline.parse(text)
    assert deadline is not None and deadline.kind == "text"
    assert deadline.render() == text


def test_empty_text_is_no_deadline() -> None:
    assert Deadline.parse("  ") is None
    assert Deadline.parse(None) is None


@pytest.mark.parametrize(("deadline", "text"), [
    (Deadline.on(Moment(2024, 9)), "сентябрь 2024\u00a0г."),
    (Deadline.between(Moment(2025, 1), Moment(2025, 2)), "январь–февраль 2025\u00a0г."),
    (Deadline.between(Moment(2020), Moment(2023)), "2020–2023\u00a0гг."),
    (Deadline.by(dt.date(2025, 9, 1)), "до 01.09.2025"),
    (Deadline.between(Moment(2024, 9), Moment(2025, 5)), "сентябрь 2024\u00a0г. – май 2025\u00a0г."),
    (Deadline.every("school_year"), "в течение учебного года"),
])
def test_render_writes_russian(deadline: Deadline, text: str) -> None:
    assert deadline.render() == text


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Deadline.between(dt.date(2025, 5, 1), dt.date(2025, 4, 1))


def _moments() -> st.SearchStrategy[Moment]:
    days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
    return st.one_of(
        days.map(Moment.of),
        st.builds(Moment, st.integers(2000, 2099), st.integers(1, 12)),
        st.builds(Moment, st.integers(2000, 2099)),
    )


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    kind = draw(st.sampled_from(["date", "period", "until", "recurring"]))
    if kind == "recurring":
        return Deadline.every(draw(st.sampled_from(sorted(RECURRENCES))))
    first = draw(_moments())
    if kind == "date":
        return Deadline.on(first)
    if kind == "until":
        return Deadline.by(first)
    second = draw(_moments().filter(lambda m: m.first_day() >= first.first_day()))
    return Deadline.between(first, second)


@given(deadlines())
def test_render_then_parse_gives_the_same_deadline(deadline: Deadline) -> None:
    assert Deadline.parse(deadline.render()) == deadline


@given(st.text(alphabet="абвгдежзиклмнопрстуфхцчшщэюя ,.-", min_size=1, max_size=40))
def test_parsing_never_loses_words(text: str) -> None:
    deadline = Deadline.parse(text)
    if deadline is not None and deadline.kind == "text":
        assert deadline.render() == " ".join(text.split())
