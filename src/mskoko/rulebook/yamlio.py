"""YAML reading and writing for rulebooks: duplicate keys refused, syntax errors in Russian,
and the line of any field path (so schema errors can point at the line to fix)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

Loc = Sequence[str | int]


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping repeats a key (PyYAML would silently keep the last value)."""


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if key_node.value in seen:
                first = seen[key_node.value].start_mark.line + 1
                raise DuplicateKeyError(
                    problem=f"ключ «{key_node.value}» повторяется (первый раз — в строке {first})",
                    problem_mark=key_node.start_mark,
                )
            seen[key_node.value] = key_node
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str) -> tuple[Any, Node | None]:
    """The data and the node tree of one YAML document; raises ``yaml.YAMLError``."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


# PyYAML's English problems, as a person editing the file should read them.
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed here",
     "здесь не может начинаться пара «ключ: значение» — проверьте отступы; "
     "текст, содержащий двоеточие, возьмите в кавычки"),
    ("could not find expected ':'",
     "после ключа не найдено двоеточие — проверьте, закрыты ли кавычки и не разорвана ли строка"),
    ("that cannot start any token",
     "недопустимый символ в начале значения (табуляцию замените пробелами; "
     "значение, начинающееся с @ или `, возьмите в кавычки)"),
    ("expected <block end>",
     "нарушены отступы: элемент стоит не на своём уровне вложенности"),
    ("did not find expected key",
     "ожидался ключ «имя: значение» — проверьте отступы и кавычки"),
    ("did not find expected '-' indicator",
     "ожидался элемент списка «- …» — проверьте отступы"),
    ("found unexpected end of stream",
     "файл закончился внутри незакрытой кавычки или скобки"),
    ("expected ',' or ']'", "в списке в квадратных скобках ожидается «,» или «]»"),
    ("expected ',' or '}'", "в словаре в фигурных скобках ожидается «,» или «}»"),
    ("found undefined alias", "ссылка *имя на якорь, который не определён"),
    ("found unknown escape character",
     "недопустимая последовательность с обратной косой чертой в строке в двойных кавычках "
     "(используйте одинарные кавычки)"),
    ("while scanning a quoted scalar", "не закрыта кавычка"),
)


def describe_yaml_error(error: yaml.YAMLError) -> tuple[str, int | None, int | None]:
    """A Russian description and the 1-based line and column of a YAML error."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = str(getattr(error, "problem", "") or error)
    if isinstance(error, DuplicateKeyError):
        return f"ошибка YAML: {problem}", line, column
    context = str(getattr(error, "context", "") or "")
    for needle, russian in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            return f"ошибка синтаксиса YAML: {russian}", line, column
    return f"ошибка синтаксиса YAML ({problem.strip()})", line, column


def line_of(node: Node | None, loc: Loc) -> int | None:
    """The 1-based line of the deepest node reachable along ``loc`` (a pydantic-style path)."""
    if node is None:
        return None
    current = node
    for part in loc:
        child: Node | None = None
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                if getattr(key_node, "value", None) == str(part):
                    child = value_node
                    break
        elif isinstance(current, SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(current.value):
            child = current.value[part]
        if child is None:
            break
        current = child
    return current.start_mark.line + 1


def dump_yaml(data: Any) -> str:
    """YAML text in the file's field order, Cyrillic kept readable."""
    return yaml.dump(
        data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=100,
        default_flow_style=False,
    )
