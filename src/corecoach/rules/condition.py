"""A small, safe condition language for rule definitions.

Rules stored in TOML carry a ``when`` condition such as::

    desk_hours >= 6 and "cycling" in sports
    (stress >= 7) and sessions_per_week in [2, 3]

The text is parsed with :func:`ast.parse` and checked against an allow-list of
node kinds, then type-checked against a schema of facts, then turned into nested
Python closures. Nothing is ever handed to ``eval``/``exec``/``compile``: the only
code that runs at evaluation time is the closures written in this module, so a
condition can read facts and compare them, and do nothing else.
"""

from __future__ import annotations

import ast
import difflib
import io
import operator
import re
import tokenize
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, NamedTuple, NoReturn, get_args

from corecoach.errors import ConditionError

__all__ = [
    "ClauseTrace",
    "Condition",
    "FactSchema",
    "FactType",
    "LazyCondition",
    "compile_condition",
]

FactType = Literal["number", "string", "boolean", "strings", "numbers"]
"""The type of one fact; ``strings``/``numbers`` are lists of those."""

FactSchema = Mapping[str, FactType]
"""Fact name -> its type: what a condition may read."""

# Limits. The text limit is checked before parsing because the CPython parser
# is the expensive (and, for pathological nesting, crash-prone) part.
MAX_TEXT = 500
MAX_DEPTH = 32
MAX_NODES = 200

_FACT_TYPES: frozenset[str] = frozenset(get_args(FactType))
_BOOL_NAMES = {"true": True, "false": False}
# Internal type of an empty list literal: it may stand for either list type.
_EMPTY = "empty"

_Facts = Mapping[str, Any]
_Getter = Callable[[_Facts], Any]


class ClauseTrace(NamedTuple):
    """One top-level clause of a condition, its value, and the facts it read.

    (A NamedTuple: cheaper to define than a dataclass, and this module loads on every plan.)
    """

    text: str
    value: bool
    facts: dict[str, object]


class Condition:
    """A compiled condition: evaluate it, or explain it clause by clause."""

    __slots__ = ("_clauses", "_fn", "names", "text")

    def __init__(
        self,
        text: str,
        names: frozenset[str],
        fn: _Getter,
        clauses: tuple[tuple[str, _Getter, tuple[str, ...]], ...],
    ) -> None:
        self.text = text
        self.names = names
        self._fn = fn
        self._clauses = clauses

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        """The condition's value for ``facts`` (short-circuits)."""
        return self._fn(facts)  # type: ignore[no-any-return]

    def explain(self, facts: Mapping[str, object]) -> list[ClauseTrace]:
        """Every top-level clause evaluated (none skipped), in source order."""
        return [
            ClauseTrace(
                text,
                True if fn(facts) else False,  # noqa: SIM210 - avoids a bool() call
                {name: facts[name] for name in names},
            )
            for text, fn, names in self._clauses
        ]

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"


class LazyCondition(Condition):
    """A condition already checked once (it compiled when its library was cached), parsed
    and compiled on first use: a plan pays only for the conditions it reads."""

    __slots__ = ("_done", "_schema")

    def __init__(self, text: str, schema: FactSchema) -> None:
        self.text = text
        self._schema = schema
        self._done: Condition | None = None

    def _compiled(self) -> Condition:
        if self._done is None:
            self._done = compile_condition(self.text, self._schema, checked=True)
        return self._done

    @property
    def names(self) -> frozenset[str]:  # type: ignore[override]
        """The facts the condition reads."""
        return self._compiled().names

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        """The condition's value for ``facts`` (compiled on the first call)."""
        return self._compiled().evaluate(facts)

    def explain(self, facts: Mapping[str, object]) -> list[ClauseTrace]:
        """Every top-level clause evaluated, as :meth:`Condition.explain`."""
        return self._compiled().explain(facts)


def compile_condition(text: str, schema: FactSchema, *, checked: bool = False) -> Condition:
    """Parse, check and compile ``text`` against ``schema``.

    Raises :class:`ConditionError` for anything that is not a valid, well-typed
    condition; raises ``ValueError`` if ``schema`` itself names an unknown type
    (that is a programming error, not a user one). ``checked``: this text passed this
    compiler against this schema before (a library restored from its sealed cache), so the
    walk over the allow-list and the size bounds is skipped; it was half of the cost.
    """
    for name, kind in schema.items():
        if kind not in _FACT_TYPES:
            raise ValueError(f"fact {name!r} has unknown type {kind!r}")
    if len(text) > MAX_TEXT:
        raise ConditionError(
            f"condition is too long ({len(text)} characters; at most {MAX_TEXT})", text, None
        )
    # ast.parse refuses leading indentation in eval mode; strip it and shift
    # every column back by the prefix so errors still point into ``text``.
    body = text.strip()
    prefix = len(text) - len(text.lstrip())
    if not body:
        raise ConditionError("condition is empty", text, None)
    compiler = _Compiler(text, body, prefix, schema)
    return compiler.run(checked=checked)


def _split_lines(text: str) -> list[str]:
    """Lines with their ends, split at \\r\\n, \\r and \\n only (as the tokenizer does).

    The same as ``re.split(r"(?<=\\r\\n)|(?<=\\r)(?!\\n)|(?<=\\n)", text)``, whose
    look-behinds took 4 ms to compile on every start (benchmarks/startup.py).
    """
    lines, start = [], 0
    for end in re.finditer(r"\r\n?|\n", text):
        lines.append(text[start:end.end()])
        start = end.end()
    lines.append(text[start:])
    return lines


class _Compiler:
    """One compilation: holds the text so every error can point into it."""

    def __init__(self, text: str, body: str, prefix: int, schema: FactSchema) -> None:
        self.text = text
        self.body = body
        self.prefix = prefix
        self.schema = schema
        # Start offset (in characters) of each line of ``body``, split the way
        # the tokenizer splits lines (not str.splitlines, which also breaks on
        # form feeds and other characters Python treats as plain whitespace).
        self.lines = _split_lines(body)
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)

    # -- positions and errors ------------------------------------------------

    def column(self, node: ast.AST) -> int | None:
        """1-based character column of ``node`` within the original text."""
        lineno: int | None = getattr(node, "lineno", None)
        col: int | None = getattr(node, "col_offset", None)
        if lineno is None or col is None or not 1 <= lineno <= len(self.lines):
            return None
        # col_offset counts UTF-8 bytes; the caller wants characters.
        line = self.lines[lineno - 1]
        chars = len(line.encode("utf-8")[:col].decode("utf-8", errors="ignore"))
        return self.prefix + self.starts[lineno - 1] + chars + 1

    def fail(self, message: str, node: ast.AST | None = None) -> NoReturn:
        raise ConditionError(message, self.text, None if node is None else self.column(node))

    def source(self, node: ast.AST) -> str:
        """The node's source text with whitespace runs outside strings collapsed."""
        # ast.get_source_segment re-splits the whole text on every call; the
        # lines are already split here, and this runs once per clause.
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return ast.unparse(node)  # pragma: no cover - parsed nodes have positions
        raw = [line.encode("utf-8") for line in self.lines[first - 1 : last]]
        raw[-1] = raw[-1][:end]  # offsets are in UTF-8 bytes
        raw[0] = raw[0][start:]
        return _normalise(b"".join(raw).decode("utf-8", errors="replace"))

    # -- driver --------------------------------------------------------------

    def run(self, *, checked: bool = False) -> Condition:
        tree = self.parse()
        if not checked:
            self.check_shape(tree)
        top = tree.body
        if isinstance(top, ast.BoolOp):
            parts, getters = self.operands(top)
            fn = _all(getters) if isinstance(top.op, ast.And) else _any(getters)
        else:
            kind, fn = self.expr(top)
            if kind != "boolean":
                self.fail(f"condition must be true or false, but it is {_describe(kind)}", top)
            parts, getters = [top], [fn]
        clauses = tuple(
            (self.source(part), getter, tuple(_names_in_order(part, {})))
            for part, getter in zip(parts, getters, strict=True)
        )
        names = frozenset(name for _, _, clause_names in clauses for name in clause_names)
        return Condition(self.text, names, fn, clauses)

    def parse(self) -> ast.Expression:
        if "\x00" in self.body:
            # Checked here because Python versions disagree on how ast reports it.
            column = self.prefix + self.body.index("\x00") + 1
            raise ConditionError("null bytes are not allowed", self.text, column)
        try:
            with warnings.catch_warnings():
                # Invalid escapes and `is` with a literal warn; the user gets an
                # error or a working condition, never a stray warning on stderr.
                warnings.simplefilter("ignore")
                return ast.parse(self.body, mode="eval")
        except SyntaxError as exc:
            raise ConditionError(
                f"syntax error: {exc.msg}", self.text, self.syntax_column(exc)
            ) from None
        except (RecursionError, MemoryError):
            raise ConditionError("condition is nested too deeply", self.text, None) from None
        except UnicodeError as exc:  # lone surrogates cannot be encoded to parse
            start = getattr(exc, "start", None)
            where = None if start is None else self.prefix + start + 1
            raise ConditionError("invalid character in condition", self.text, where) from None
        except ValueError as exc:  # anything else the parser refuses outright
            raise ConditionError(f"invalid condition text: {exc}", self.text, None) from None

    def syntax_column(self, exc: SyntaxError) -> int | None:
        lineno, offset = exc.lineno, exc.offset
        if lineno is None or offset is None or not 1 <= lineno <= len(self.lines):
            return None
        line = self.lines[lineno - 1].rstrip("\r\n")
        # SyntaxError.offset is 1-based in characters; 0 means "at end of input".
        offset = len(line) + 1 if offset < 1 else min(offset, len(line) + 1)
        return self.prefix + self.starts[lineno - 1] + offset

    def check_shape(self, tree: ast.Expression) -> None:
        """Bounds and the allow-list, before any type checking.

        Iterative, so a pathological tree cannot exhaust the Python stack here;
        once this passes, depth is at most MAX_DEPTH and recursion is safe.
        """
        count = sum(1 for _ in ast.walk(tree))
        if count > MAX_NODES:
            self.fail(f"condition is too complex ({count} syntax nodes; at most {MAX_NODES})")
        stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                self.fail(f"condition is nested too deeply (more than {MAX_DEPTH} levels)", node)
            self.check_node(node)
            children = [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
            # Reversed so the leftmost offending construct is reported first.
            stack.extend((child, depth + 1) for child in reversed(children))

    def check_node(self, node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            self.check_name(node)
        elif isinstance(node, ast.Constant):
            self.check_constant(node)
        elif isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                if not (isinstance(node.operand, ast.Constant) and _is_number(node.operand.value)):
                    self.fail("'-' is only allowed in front of a number", node)
            elif not isinstance(node.op, ast.Not):
                self.fail(f"operator {_OP_SYMBOL[type(node.op)]!r} is not allowed", node)
        elif isinstance(node, ast.Compare):
            for op in node.ops:
                if isinstance(op, ast.Is | ast.IsNot):
                    sym = "is" if isinstance(op, ast.Is) else "is not"
                    alt = "==" if isinstance(op, ast.Is) else "!="
                    self.fail(f"'{sym}' is not allowed; use '{alt}'", node)
        elif not isinstance(node, ast.BoolOp | ast.List | ast.Tuple):
            self.fail(_refusal(node), node)

    def check_name(self, node: ast.Name) -> None:
        name = node.id
        if name.startswith("_") or "__" in name:
            self.fail(f"names starting with '_' or containing '__' are not allowed: {name!r}", node)
        if name in _BOOL_NAMES or name in self.schema:
            return
        close = difflib.get_close_matches(name, list(self.schema), n=1)
        if close:
            hint = f"did you mean {close[0]!r}?"
        elif self.schema:
            known = sorted(self.schema)
            hint = "facts: " + ", ".join(known[:6]) + (", ..." if len(known) > 6 else "")
        else:
            hint = "no facts are defined"
        self.fail(f"unknown fact {name!r} ({hint})", node)

    def check_constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool | str) or _is_number(value):
            return
        if value is None:
            self.fail("None is not allowed", node)
        if value is Ellipsis:
            self.fail("'...' is not allowed", node)
        kind = {bytes: "bytes", complex: "complex number"}.get(type(value), type(value).__name__)
        self.fail(f"{kind} literals are not allowed", node)

    # -- type checking and compilation ----------------------------------------

    def flatten(self, op: ast.boolop, values: list[ast.expr]) -> Iterator[ast.expr]:
        """Operands of an and/or, with nested and/or of the same operator inlined."""
        for value in values:
            if isinstance(value, ast.BoolOp) and type(value.op) is type(op):
                yield from self.flatten(op, value.values)
            else:
                yield value

    def expr(self, node: ast.expr) -> tuple[str, _Getter]:
        """Static type and getter of an already shape-checked node."""
        if isinstance(node, ast.BoolOp):
            return "boolean", self.boolop(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                value = -node.operand.value  # type: ignore[attr-defined]
                return "number", lambda f: value
            kind, operand = self.expr(node.operand)
            if kind != "boolean":
                self.fail(f"'not' needs true or false, but got {_describe(kind)}", node)
            return "boolean", lambda f: not operand(f)
        if isinstance(node, ast.Compare):
            return "boolean", self.compare(node)
        if isinstance(node, ast.Name):
            if node.id in _BOOL_NAMES:
                constant = _BOOL_NAMES[node.id]
                return "boolean", lambda f: constant
            name = node.id
            kind = self.schema[name]
            if kind == "boolean":
                return kind, lambda f: True if f[name] else False  # noqa: SIM210
            return kind, lambda f: f[name]
        if isinstance(node, ast.Constant):
            const = node.value
            return _constant_type(const), lambda f: const
        if isinstance(node, ast.List | ast.Tuple):
            kind, items = self.literal_list(node)
            return kind, lambda f: items
        raise AssertionError(f"unchecked node {type(node).__name__}")  # pragma: no cover

    def literal_list(self, node: ast.List | ast.Tuple) -> tuple[str, frozenset[object]]:
        values: list[object] = []
        for elt in node.elts:
            if isinstance(elt, ast.Constant):
                values.append(elt.value)
            elif isinstance(elt, ast.UnaryOp) and isinstance(elt.op, ast.USub):
                values.append(-elt.operand.value)  # type: ignore[attr-defined]
            else:
                self.fail("list elements must be literal strings or numbers", elt)
        if not values:
            return _EMPTY, frozenset()
        if all(isinstance(v, str) for v in values):
            kind = "strings"
        elif all(_is_number(v) for v in values):
            kind = "numbers"
        else:
            self.fail("list elements must be all strings or all numbers", node)
        # A frozenset gives the same answers as the list for str/int/float
        # (equal numbers hash equal) and makes `x in [...]` O(1).
        return kind, frozenset(values)

    def boolop(self, node: ast.BoolOp) -> _Getter:
        _, getters = self.operands(node)
        return _all(getters) if isinstance(node.op, ast.And) else _any(getters)

    def operands(self, node: ast.BoolOp) -> tuple[list[ast.expr], list[_Getter]]:
        """The flattened operands of an and/or, and their getters (all boolean)."""
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = list(self.flatten(node.op, node.values))
        getters: list[_Getter] = []
        for value in parts:
            kind, getter = self.expr(value)
            if kind != "boolean":
                self.fail(
                    f"'{word}' needs true or false on both sides, but got {_describe(kind)}", value
                )
            getters.append(getter)
        return parts, getters

    def compare(self, node: ast.Compare) -> _Getter:
        operands = [node.left, *node.comparators]
        typed = [self.expr(operand) for operand in operands]
        for i, op in enumerate(node.ops):
            self.check_compare(node, op, typed[i][0], typed[i + 1][0])
        if len(node.ops) == 1:
            op = node.ops[0]
            return _pair(op, _operand(operands[0], typed[0][1]), _operand(operands[1], typed[1][1]))
        return _chain(node.ops, [getter for _, getter in typed])

    def check_compare(self, node: ast.Compare, op: ast.cmpop, left: str, right: str) -> None:
        if isinstance(op, ast.In | ast.NotIn):
            word = "in" if isinstance(op, ast.In) else "not in"
            ok = (left, right) in {
                ("string", "strings"),
                ("number", "numbers"),
                ("string", "string"),
                ("string", _EMPTY),
                ("number", _EMPTY),
            }
            if not ok:
                self.fail(
                    f"'{word}' needs string in strings, number in numbers, or string in string, "
                    f"not {_describe(left)} in {_describe(right)}: {self.source(node)!r}",
                    node,
                )
            return
        symbol = _OP_SYMBOL[type(op)]
        if left != right:
            lname, rname = (k.replace(_EMPTY, "empty list") for k in (left, right))
            self.fail(f"cannot compare {lname} with {rname}: {self.source(node)!r}", node)
        if left in ("strings", "numbers", _EMPTY):
            self.fail(
                f"cannot compare lists with '{symbol}' (use 'in' to test membership): "
                f"{self.source(node)!r}",
                node,
            )
        if isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE) and left != "number":
            self.fail(
                f"cannot compare {left} with {left} using '{symbol}' (only numbers are "
                f"ordered): {self.source(node)!r}",
                node,
            )


# -- closures ----------------------------------------------------------------
# Each comparison becomes one closure over an operator function; the common
# shapes (fact vs literal) read the fact directly rather than through another
# closure, which roughly halves the cost of a clause.

# op -> (function, swap arguments, negate). `a in b` is contains(b, a).
_CMP: dict[type[ast.cmpop], tuple[Callable[[Any, Any], Any], bool, bool]] = {
    ast.Eq: (operator.eq, False, False),
    ast.NotEq: (operator.ne, False, False),
    ast.Lt: (operator.lt, False, False),
    ast.LtE: (operator.le, False, False),
    ast.Gt: (operator.gt, False, False),
    ast.GtE: (operator.ge, False, False),
    ast.In: (operator.contains, True, False),
    ast.NotIn: (operator.contains, True, True),
}

# ("fact", name) | ("const", value) | ("dyn", getter)
_Operand = tuple[str, Any]


def _operand(node: ast.expr, getter: _Getter) -> _Operand:
    if isinstance(node, ast.Name) and node.id not in _BOOL_NAMES:
        return ("fact", node.id)
    literal = isinstance(node, ast.Name | ast.Constant | ast.List | ast.Tuple) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
    )
    if literal:
        return ("const", getter({}))  # a literal's getter ignores its facts
    return ("dyn", getter)


def _pair(op: ast.cmpop, left: _Operand, right: _Operand) -> _Getter:
    fn, swap, neg = _CMP[type(op)]
    a, b = (right, left) if swap else (left, right)
    shape = (a[0], b[0])
    x, y = a[1], b[1]
    if shape == ("fact", "const"):
        if neg:
            return lambda f: not fn(f[x], y)
        return lambda f: fn(f[x], y)
    if shape == ("const", "fact"):
        if neg:
            return lambda f: not fn(x, f[y])
        return lambda f: fn(x, f[y])
    if shape == ("fact", "fact"):
        if neg:
            return lambda f: not fn(f[x], f[y])
        return lambda f: fn(f[x], f[y])
    if shape == ("const", "const"):
        folded = bool(fn(x, y)) != neg
        return lambda f: folded
    ga, gb = _as_getter(a), _as_getter(b)
    if neg:
        return lambda f: not fn(ga(f), gb(f))
    return lambda f: fn(ga(f), gb(f))


def _as_getter(operand: _Operand) -> _Getter:
    kind, value = operand
    if kind == "fact":
        return lambda f: f[value]
    if kind == "const":
        return lambda f: value
    return value  # type: ignore[no-any-return]


def _chain(ops: list[ast.cmpop], getters: list[_Getter]) -> _Getter:
    """`a < b <= c`: each operand evaluated once, stopping at the first False."""
    first = getters[0]
    steps = [(*_CMP[type(op)], getter) for op, getter in zip(ops, getters[1:], strict=True)]

    def chain(f: _Facts) -> bool:
        left = first(f)
        for fn, swap, neg, getter in steps:
            right = getter(f)
            result = fn(right, left) if swap else fn(left, right)
            if (not result) != neg:
                return False
            left = right
        return True

    return chain


def _all(getters: list[_Getter]) -> _Getter:
    if len(getters) == 2:
        a, b = getters
        return lambda f: True if a(f) and b(f) else False  # noqa: SIM210
    items = tuple(getters)

    def all_(f: _Facts) -> bool:
        for getter in items:  # noqa: SIM110 - all() over a generator is slower
            if not getter(f):
                return False
        return True

    return all_


def _any(getters: list[_Getter]) -> _Getter:
    if len(getters) == 2:
        a, b = getters
        return lambda f: True if a(f) or b(f) else False  # noqa: SIM210
    items = tuple(getters)

    def any_(f: _Facts) -> bool:
        for getter in items:  # noqa: SIM110 - any() over a generator is slower
            if getter(f):
                return True
        return False

    return any_


# -- helpers -----------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _constant_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    return "number"


def _describe(kind: str) -> str:
    """A static type in words, for messages."""
    return {
        "number": "a number",
        "string": "a string",
        "boolean": "true/false",
        "strings": "a list of strings",
        "numbers": "a list of numbers",
    }.get(kind, "an empty list")


def _names_in_order(node: ast.expr, seen: dict[str, None]) -> dict[str, None]:
    """Fact names of a checked node in source (= evaluation) order, as dict keys."""
    if isinstance(node, ast.Name):
        if node.id not in _BOOL_NAMES:
            seen.setdefault(node.id)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _names_in_order(value, seen)
    elif isinstance(node, ast.UnaryOp):
        _names_in_order(node.operand, seen)
    elif isinstance(node, ast.Compare):
        for operand in (node.left, *node.comparators):
            _names_in_order(operand, seen)
    # Constants and literal lists read no facts.
    return seen


_SKIP_TOKENS = frozenset(
    {
        tokenize.NEWLINE,
        tokenize.NL,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
        tokenize.COMMENT,
    }
)


def _normalise(segment: str) -> str:
    """Collapse whitespace between tokens to one space; string literals untouched."""
    if not any(c in segment for c in ("  ", "\t", "\n", "\r", "\f", "#", "\\")):
        return segment  # the usual case: already single-spaced, no need to tokenize
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(segment).readline))
    except (tokenize.TokenError, SyntaxError):  # pragma: no cover - segments come from a parse
        return " ".join(segment.split())
    parts: list[str] = []
    last_end: tuple[int, int] | None = None
    for tok in tokens:
        if tok.type in _SKIP_TOKENS:
            continue
        if last_end is not None and tok.start != last_end:
            parts.append(" ")
        parts.append(tok.string)
        last_end = tok.end
    return "".join(parts)


_OP_SYMBOL: dict[type[ast.AST], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.MatMult: "@",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.UAdd: "+",
}

_REFUSED: dict[type[ast.AST], str] = {
    ast.Call: "function calls are not allowed",
    ast.Attribute: "attribute access ('.') is not allowed",
    ast.Subscript: "indexing and slicing ('[...]' after a value) are not allowed",
    ast.Slice: "slices are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "generator expressions are not allowed",
    ast.Lambda: "lambda expressions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.NamedExpr: "assignment expressions (':=') are not allowed",
    ast.IfExp: "conditional expressions ('x if c else y') are not allowed",
    ast.Starred: "starred expressions ('*x') are not allowed",
    ast.Dict: "dict literals are not allowed",
    ast.Set: "set literals are not allowed (use a list: [a, b])",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}


def _refusal(node: ast.AST) -> str:
    if isinstance(node, ast.BinOp):
        return f"arithmetic ({_OP_SYMBOL.get(type(node.op), '?')!r}) is not allowed"
    return _REFUSED.get(type(node), f"{type(node).__name__} expressions are not allowed")
