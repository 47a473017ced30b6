"""Measures from text whose table layout was lost (PDF/slide extraction, as in seed 003).

A measure starts at a numbered line; its deadline and responsible stand at the end of the
measure, possibly spread over several short lines («февраль» / «ежегодно» / «МОУО») and
interrupted by a page break. Sections are numbered lines without a tail after which the
numbering restarts; «1. 1. …» opens a nested list that belongs to one measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mskoko.documents.extract.deadlines import (
    find_deadlines,
    find_inline_deadline,
    is_deadline_text,
)
from mskoko.documents.extract.responsible import (
    find_inline_responsible,
    has_open_quote,
    looks_responsible,
)
from mskoko.documents.model import Measure
from mskoko.documents.morph import join_broken_lines

_ITEM_MULTI = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s|$)\s*(.*)$")
_ITEM_SINGLE = re.compile(r"^\s*(\d{1,2})\.(?!\d)\s*(.*)$")
_NESTED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.(?:\s|$)")
_SECTION_WORDS = re.compile(
    r"^(?:трек|направление|раздел|система|блок|модуль|подпрограмма)(?![А-Яа-яЁё])", re.IGNORECASE
)
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,3}\s*[-–—]?\s*$")
_HEADER_WORDS = re.compile(
    r"п/п|мероприяти|сроки|ответственн|исполнител|результат|показател", re.IGNORECASE
)
# words after which a year belongs to the sentence, not to a deadline column
_TEXT_DATE = re.compile(r"(?:на|за|от|из|№|итогам|результатам|года|год)\s*$", re.IGNORECASE)
_MAX_QUALIFIER = 32  # a deadline column is narrow: longer lines are measure text
_MAX_NAME_LINE = 45  # a responsible column is narrow too


@dataclass
class _Item:
    number: str | None
    lines: list[str] = field(default_factory=list)


@dataclass
class _Tail:
    line: int  # the line where the tail starts
    before: str  # measure text on that line before the tail
    deadline: str | None
    responsible: str | None
    after: list[str]  # measure text after the tail (lowercase continuation after a page break)
    residual: list[str]  # lines after the measure that start something else


def _item_start(line: str) -> tuple[str, str] | None:
    match = _ITEM_MULTI.match(line) or _ITEM_SINGLE.match(line)
    if not match:
        return None
    return match.group(1), match.group(2).strip()


def _is_header(line: str) -> bool:
    """A line of column headings («Мероприятие … Сроки Ответственные»), repeated on each page."""
    found = {w.lower()[:6] for w in _HEADER_WORDS.findall(line)}
    return (
        len(found) >= 2
        and bool(found & {"п/п", "сроки", "ответс", "исполн"})
        and not _item_start(line)
        and not find_deadlines(line)
    )


def _split_items(lines: list[str]) -> tuple[list[str], list[_Item]]:
    preamble: list[str] = []
    items: list[_Item] = []
    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or _PAGE_NUMBER.match(line) or _is_header(line):
            continue
        start = _item_start(line)
        if start:
            number, rest = start
            items.append(_Item(number=number, lines=[rest] if rest else []))
        elif items:
            items[-1].lines.append(line.strip())
        else:
            preamble.append(line.strip())
    return preamble, items


def learn_quoted_names(lines: list[str]) -> list[list[str]]:
    """Quoted names as word lists, learnt where they are broken over short lines only."""
    names: list[list[str]] = []
    lines = [line for line in lines if line.strip()]
    for index, line in enumerate(lines):
        for closed in re.findall(r"«([^«»]+)»", line):
            names.append(closed.split())
        if not has_open_quote(line):
            continue
        words = line[line.rfind("«") + 1 :].split()
        for following in lines[index + 1 : index + 4]:
            piece = following.strip()
            if len(piece) > _MAX_NAME_LINE and "»" not in piece[:_MAX_NAME_LINE]:
                break
            if "»" in piece:
                words += piece[: piece.index("»")].split()
                names.append(words)
                break
            words += piece.split()
    unique = {tuple(n): n for n in names if len(n) >= 2}
    return list(unique.values())


def _norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


class _TailFinder:
    def __init__(self, names: list[list[str]]) -> None:
        self.names = names

    def find(self, lines: list[str]) -> _Tail | None:
        joined = "\n".join(lines)
        starts: list[int] = []
        offset = 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        candidates: list[_Tail] = []
        for span in find_deadlines(joined):
            tail = self._candidate(lines, starts, joined, span.start, span.end, span.text)
            if tail is not None:
                candidates.append(tail)
        complete = [t for t in candidates if t.responsible]
        if complete:
            return complete[-1]
        ending = [t for t in candidates if not t.after and not t.residual]
        if ending:
            return ending[-1]
        # no deadline at all: a responsible on the last line(s) of the measure
        for index in range(len(lines) - 1, 0, -1):
            if looks_responsible(lines[index]):
                continue
            if index + 1 < len(lines):
                return _Tail(
                    line=index + 1, before="", deadline=None,
                    responsible=join_broken_lines(lines[index + 1 :]), after=[], residual=[],
                )
            break
        return None

    def _candidate(
        self, lines: list[str], starts: list[int], joined: str, begin: int, end: int, text: str
    ) -> _Tail | None:
        first = max(i for i, s in enumerate(starts) if s <= begin)
        last = max(i for i, s in enumerate(starts) if s <= max(begin, end - 1))
        before = joined[starts[first] : begin]
        if before.strip() and _TEXT_DATE.search(before):
            return None
        rest = joined[end : starts[last] + len(lines[last])].strip(" .;,")
        deadline_parts = [text]
        responsible: list[str] = []
        after: list[str] = []
        position = last + 1
        if rest:
            if not self._responsible_start(rest):
                return None
            responsible.append(rest)
        else:
            qualifiers: list[str] = []
            probe = position
            while probe < len(lines) and len(qualifiers) < 4:
                piece = lines[probe].strip()
                if self._responsible_start(piece):
                    break
                if is_deadline_text(piece) or (
                    (len(piece) <= _MAX_QUALIFIER and not _item_start(piece) and piece[:1].islower())
                    or len(piece) <= 3
                ):
                    qualifiers.append(piece)
                    probe += 1
                    continue
                break
            if probe < len(lines) and self._responsible_start(lines[probe].strip()):
                deadline_parts += qualifiers
                responsible.append(lines[probe].strip())
                position = probe + 1
            else:
                while qualifiers and is_deadline_text(qualifiers[0]):
                    deadline_parts.append(qualifiers.pop(0))
                    position += 1
        while responsible and position < len(lines):
            current = " ".join(responsible)
            piece = lines[position].strip()
            if has_open_quote(current):
                taken, text_piece, done = self._continue_name(current, piece)
                if not taken:
                    break
                responsible.append(taken)
                if text_piece:
                    after.append(text_piece)
                position += 1
                if not done:
                    continue
            elif current.rstrip().endswith(",") and looks_responsible(piece):
                responsible.append(piece)
                position += 1
            else:
                break
        remaining = lines[position:]
        while remaining and (remaining[0][:1].islower() or remaining[0][:1] in "-–—•()"):
            after.append(remaining.pop(0))
        return _Tail(
            line=first, before=before.strip(), deadline=join_broken_lines(deadline_parts),
            responsible=join_broken_lines(responsible) if responsible else None,
            after=after, residual=remaining,
        )

    @staticmethod
    def _responsible_start(piece: str) -> bool:
        piece = piece.strip(" .;")
        if not piece:
            return False
        return looks_responsible(piece) or (
            has_open_quote(piece) and looks_responsible(piece + "»")
        )

    def _continue_name(self, current: str, piece: str) -> tuple[str, str, bool]:
        """Split a line into the continuation of an open quoted name and measure text.

        Returns (name part, text part, whether the quote is now closed)."""
        fragment = [_norm(w) for w in current[current.rfind("«") + 1 :].split()]
        words = piece.split()
        normalised = [_norm(w) for w in words]
        for name in self.names:
            known = [_norm(w) for w in name]
            if len(known) <= len(fragment) or known[: len(fragment)] != fragment:
                continue
            remaining = known[len(fragment) :]
            for size in range(min(len(remaining), len(words)), 0, -1):
                wanted = remaining[:size]
                # the name continues at the line's end (text column first) or at its start
                if normalised[-size:] == wanted:
                    return " ".join(words[-size:]), " ".join(words[:-size]), size == len(remaining)
                if normalised[:size] == wanted:
                    extra = " ".join(words[size:])
                    name_part = " ".join(words[:size])
                    if extra and looks_responsible(extra):
                        return f"{name_part} {extra}", "", True
                    return name_part, extra, size == len(remaining)
        if "»" in piece:
            closing = piece.index("»") + 1
            extra = piece[closing:].strip()
            if not extra or looks_responsible(extra) or extra[0] in ",;":
                return piece, "", True
            return piece[:closing], extra, True
        if len(piece) <= _MAX_NAME_LINE:
            return piece, "", False
        return "", "", False


def _measure_text(item_lines: list[str], tail: _Tail | None) -> str:
    if tail is None:
        return join_broken_lines(item_lines)
    head = item_lines[: tail.line] + ([tail.before] if tail.before else [])
    return join_broken_lines(head + tail.after).strip(" ,;:—–-")


def _is_section(item: _Item, tail: _Tail | None, following: _Item | None) -> bool:
    if tail is not None or item.number is None:
        return False
    text = " ".join(item.lines)
    if _SECTION_WORDS.match(text):
        return True
    if following is None or following.number is None:
        return False
    return following.number in ("1", f"{item.number}.1") or following.number.startswith(
        f"{item.number}."
    )


def parse_text_measures(lines: list[str]) -> list[Measure]:
    """Measures of a roadmap whose table was flattened into lines."""
    names = learn_quoted_names(lines)
    finder = _TailFinder(names)
    preamble, items = _split_items(lines)
    section = next((line for line in preamble if _SECTION_WORDS.match(line)), None)
    tails = [finder.find(item.lines) for item in items]
    measures: list[Measure] = []
    index = 0
    while index < len(items):
        item, tail = items[index], tails[index]
        following = items[index + 1] if index + 1 < len(items) else None
        if tail is None and item.lines and _NESTED.match(item.lines[0]):
            group_end = _nested_group_end(items, tails, index)
            if group_end is not None:
                group_lines = list(item.lines)
                for inner in items[index + 1 : group_end + 1]:
                    group_lines.append(f"{inner.number}. " + (inner.lines[0] if inner.lines else ""))
                    group_lines.extend(inner.lines[1:])
                group_tail = finder.find(group_lines)
                measures.append(_build(item.number, group_lines, group_tail, section))
                if group_tail is not None:
                    section = _residual_section(group_tail.residual, section, measures, finder)
                index = group_end + 1
                continue
        if _is_section(item, tail, following):
            section = join_broken_lines([f"{item.number}.", *item.lines])
            index += 1
            continue
        measures.append(_build(item.number, item.lines, tail, section))
        if tail is not None:
            section = _residual_section(tail.residual, section, measures, finder)
        index += 1
    return measures


def _nested_group_end(items: list[_Item], tails: list[_Tail | None], index: int) -> int | None:
    for end in range(index + 1, min(len(items), index + 10)):
        if tails[end] is not None:
            return end
    return None


def _build(number: str | None, lines: list[str], tail: _Tail | None, section: str | None) -> Measure:
    text = _measure_text(lines, tail)
    deadline = tail.deadline if tail else None
    responsible = tail.responsible if tail else None
    if deadline is None:
        deadline = find_inline_deadline(text)
        if deadline:
            text = _drop_label(text, r"срок\w*(?:\s+(?:исполнения|выполнения|проведения))?", deadline)
    if responsible is None:
        responsible = find_inline_responsible(text)
        if responsible:
            text = _drop_label(text, r"(?:ответственн\w*(?:\s+исполнител\w*)?|отв\.|исполнител\w*)",
                               responsible)
    return Measure(
        number=number, text=text, deadline=deadline, responsible=responsible, section=section
    )


def _drop_label(text: str, label: str, value: str) -> str:
    """Remove «Срок: октябрь 2023.» / «Ответственный: Иванова И.И.» once its value is a field."""
    pattern = re.compile(rf"[\s.;,]*{label}\s*[:–—-]\s*{re.escape(value)}\.?", re.IGNORECASE)
    return pattern.sub("", text).strip(" ,;")


def _residual_section(
    residual: list[str], section: str | None, measures: list[Measure], finder: _TailFinder
) -> str | None:
    """Lines after a measure that start with a capital: a section heading or an unnumbered measure."""
    pending: list[str] = []
    for line in residual:
        if _SECTION_WORDS.match(line):
            section = line
            pending = []
            continue
        pending.append(line)
        tail = finder.find(pending)
        if tail is not None and tail.deadline and tail.responsible and not tail.residual:
            measures.append(_build(None, pending, tail, section))
            pending = []
    return section
