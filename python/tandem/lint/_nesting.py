"""How deeply a text nests, measured before it is parsed, so that no backend recurses past
its stack: the Rust parser and tree walks recurse once per level and would overflow their
thread's stack (a signal that kills the host), CPython's ``ast`` raises RecursionError or
MemoryError, and this reference's own walks hit Python's recursion limit.

The measure is the same on every backend (``native/src/lint/nesting.rs`` mirrors this
scanner): at each token, the levels of indentation, plus two for each ``elif`` clause the statement
sits in (Python's tree nests each ``elif`` in the previous clause's ``orelse``), plus the open
brackets, plus, in each open bracket and in the logical line, the operators since the last
comma (``a + a + a`` nests once per ``+``; ``-a``, ``a.b``, ``not a``, ``lambda: a``,
``a if b else c`` and a call or subscript of a call or subscript, ``a()()``, once each). Comparisons, ``and``/``or`` and comma lists are flat in the
tree and do not count. Strings, f-strings included, are opaque.

Two limits, each reported as a syntax error at the token that crosses it:
- ``MAX_INDENT`` levels of indentation (CPython's tokenizer refuses the 100th level, with
  this message);
- ``MAX_DEPTH`` for the whole measure (CPython refuses 200 nested brackets; longer operator
  chains parse there but are refused here, so that every backend gives the same result).
"""

import re

MAX_DEPTH = 200
MAX_INDENT = 99
TOO_DEEP = f"too deeply nested (more than {MAX_DEPTH} levels of brackets, operators and blocks)"
TOO_INDENTED = "too many levels of indentation"

_STRING_PREFIX = r"(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])?"
_TOKEN = re.compile(
    r"(?P<space>[ \t\f]+)"
    r"|(?P<newline>\r\n|\r|\n)"
    r"|(?P<comment>#[^\r\n]*)"
    r"|(?P<continuation>\\(?:\r\n|\r|\n)?)"
    r"|(?P<string>" + _STRING_PREFIX + r"(?:'''(?:[^\\]|\\.)*?(?:'''|\Z)"
    r'|"""(?:[^\\]|\\.)*?(?:"""|\Z)'
    r"|'(?:[^\\'\r\n]|\\(?:\r\n|.))*'?"
    r'|"(?:[^\\"\r\n]|\\(?:\r\n|.))*"?))'
    r"|(?P<number>(?:[0-9]|\.[0-9])(?:[eE][+-]?(?=[0-9])|[0-9A-Za-z_.])*)"
    r"|(?P<name>(?:[A-Za-z_]|[^\x00-\x7f])(?:[A-Za-z0-9_]|[^\x00-\x7f])*)"
    r"|(?P<op>\*\*=|//=|>>=|<<=|\.\.\.|->|:=|\*\*|//|<<|>>|<=|>=|==|!=|[-+*/%@&|^]=|.)",
    re.DOTALL)

_DEEPENING_OPS = frozenset(["+", "-", "*", "/", "//", "%", "@", "**", "<<", ">>", "&", "|", "^", "~", ".", ":="])
_DEEPENING_NAMES = frozenset(["not", "lambda", "if", "await"])
_OPEN, _CLOSE, _RESETS = frozenset("([{"), frozenset(")]}"), frozenset([",", ";"])


def _indent_width(space):
    """The column CPython's tokenizer gives leading whitespace: tabs to the next multiple of 8."""
    width = 0
    for char in space:
        width = width + 8 - width % 8 if char == "\t" else 0 if char == "\f" else width + 1
    return width


def too_deep(text):
    """``(offset, message)`` of the first token past a limit, or None when the text is within them."""
    indents = [0]  # widths of the open indentation levels
    elifs = [0]  # the elif clauses of the statement chain at each level
    frames = [0]  # operators since the last comma: the logical line's, then each open bracket's
    operators = 0  # sum(frames)
    line_start = True
    after_close = False  # the previous token closed a bracket: a "(" or "[" now is a trailer
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind in ("space", "comment", "continuation"):
            continue
        if kind == "newline":
            if len(frames) == 1 and not line_start:
                line_start, after_close = True, False
                operators, frames[0] = 0, 0
            continue
        if line_start:
            line_start = False
            start = text.rfind("\n", 0, match.start()) + 1
            start = max(start, text.rfind("\r", 0, match.start()) + 1)
            width = _indent_width(text[start:match.start()])
            if width > indents[-1]:
                indents.append(width)
                elifs.append(0)
                if len(indents) - 1 > MAX_INDENT:
                    return match.start(), TOO_INDENTED
            while width < indents[-1]:
                indents.pop()
                elifs.pop()
            # An elif is two levels of Python's tree: the If in the previous clause's orelse.
            elifs[-1] = elifs[-1] + 2 if token == "elif" else elifs[-1] if token == "else" else 0
            if len(indents) - 1 + sum(elifs) > MAX_DEPTH:
                return match.start(), TOO_DEEP
        trailer, after_close = after_close, kind == "op" and token in _CLOSE
        if kind == "op" and token in _OPEN:
            if trailer:  # a()() and a[0][0] nest once per call or subscript
                frames[-1] += 1
                operators += 1
            frames.append(0)
        elif kind == "op" and token in _CLOSE:
            if len(frames) > 1:
                operators -= frames.pop()
            continue
        elif (kind == "op" and token in _DEEPENING_OPS) or (kind == "name" and token in _DEEPENING_NAMES):
            frames[-1] += 1
            operators += 1
        elif kind == "op" and token in _RESETS:
            operators -= frames[-1]
            frames[-1] = 0
            continue
        else:
            continue
        depth = len(indents) - 1 + sum(elifs) + len(frames) - 1 + operators
        if depth > MAX_DEPTH:
            return match.start(), TOO_DEEP
    return None
