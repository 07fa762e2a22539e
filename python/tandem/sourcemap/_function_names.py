"""The original name of the function that encloses a generated position, where the mapping
there names none (a mapping's name is the identifier at that spot, at a call the callee's).

Two sources, the first that knows wins (``SourceMap.original_function_name`` asks them):

1. ECMA-426 scopes (``_scopes``), when the map carries a ``scopes`` field: the innermost
   generated range there whose original scope is a function gives that function's name.
2. The generated (minified) code, when the caller has it: Sentry's approach. The function
   scopes of the code (``_js_scopes``) give the one around the position and the identifiers
   that name it (``function n``, ``n = () => ...``, a class's and a method's names); each is
   mapped back through the map to its original name as Sentry's ``NameResolver`` does (the
   mapping at the identifier, or just after it, on the same generated line and with a name;
   else the mapping before it when that maps to the same original position). A part no
   mapping names keeps its minified text; a name none of whose identifiers the map names is
   not trusted (None).
"""

import re
from bisect import bisect_right

from tandem.sourcemap._js_scopes import NameToken, scopes

#: What ends a line of JavaScript (and of the sources ``source_context`` shows).
LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")


class GeneratedCode:
    """A generated file's text with its lines and function scopes (found on first use), and
    the conversions between offsets and the 0-based (line, UTF-16 column) of maps and traces."""

    def __init__(self, text):
        self.text = text
        self._line_starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]
        self._astral = _ASTRAL.search(text) is not None
        self._scopes = self._starts = None

    def position(self, offset):
        line = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[line]
        return line, offset - start + (len(_ASTRAL.findall(self.text, start, offset)) if self._astral else 0)

    def offset(self, line, column):
        """The offset of (``line``, ``column``), or None when the text has no such line."""
        if not 0 <= line < len(self._line_starts):
            return None
        offset = self._line_starts[line]
        if not self._astral:
            return offset + column
        units = 0
        while units < column and offset < len(self.text):
            units += 2 if self.text[offset] > "\uffff" else 1
            offset += 1
        return offset

    def scope_at(self, offset):
        """The innermost function scope holding ``offset``, or None."""
        if self._scopes is None:
            self._scopes = sorted(scopes(self.text), key=lambda scope: (scope.start, -scope.end))
            self._starts = [scope.start for scope in self._scopes]
        found = None
        for scope in self._scopes[:bisect_right(self._starts, offset)]:
            if offset < scope.end:
                found = scope  # outer scopes sort first: a later one that holds the offset is inside
        return found


def from_code(lookup, code, line, column):
    """Step 2: the original name of the function around 0-based (``line``, ``column``) of
    ``code`` (a GeneratedCode), looked up through ``lookup(line, column)`` (a map's
    python-sourcemap ``lookup``: the Token at or before a position), or None."""
    offset = code.offset(line, column)
    scope = None if offset is None else code.scope_at(offset)
    if scope is None or scope.name is None:
        return None
    parts, named = [], False
    for part in scope.name:
        if isinstance(part, NameToken):
            original = _original_name(lookup, code, part)
            named = named or original is not None
            part = original or part.text
        parts.append(part)
    return "".join(parts) if named else None


def _original_name(lookup, code, token):
    # Some generators (terser for a private method) put the name on the token after the identifier.
    for offset in (token.offset, token.offset + len(token.text)):
        name = _name_at(lookup, *code.position(offset))
        if name is not None:
            return name
    return None


def _name_at(lookup, line, column):
    found = _lookup(lookup, line, column)
    if found is None or found.dst_line != line or found.dst_col < column - 1:
        return None
    if found.name is not None:
        return found.name
    # TypeScript names the "function" keyword's mapping, not the identifier after it.
    before = _lookup(lookup, line, found.dst_col - 1) if found.dst_col > 0 else None
    same_origin = before is not None and before.src == found.src and before.src_line == found.src_line \
        and before.src_col == found.src_col
    return before.name if same_origin else None


def _lookup(lookup, line, column):
    try:
        return lookup(line, column)
    except IndexError:
        return None
