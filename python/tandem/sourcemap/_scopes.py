"""ECMA-426's scopes proposal: a map's ``scopes`` field, decoded, and the original function
that encloses a generated position.

The field (tc39/ecma426 ``proposals/scopes.md``; the encoding of Chrome DevTools'
``source-map-scopes-codec`` 0.9) is one string of comma-separated items, each a tag and its
Base64 VLQ values. The original scopes come first, one tree per source (tag A for a source
without scopes), then the generated ranges, which point at their original scope by its index
in the order the scopes started:

- B ``flags line column [name] [kind]``: an original scope starts (flags: 1 has a name, 2 has a
  kind, 4 is a function, "stack frame"); C ``line column``: it ends; D: its variables;
- E ``flags [line] column [definition]``: a generated range starts (flags: 1 has a line, 2 has
  a definition, 4 is a function, 8 hidden); F ``[line] column``: it ends; G, H, I: bindings
  and the call site of an inlined function.

Lines and columns are deltas (a column is absolute when its line moved), names and
definitions are deltas too. Tags this module does not use are skipped with their values, as
the codec does, so a map with newer items still reads; a value that is no VLQ, a name index
outside ``names`` or a definition outside the scopes is an error naming its offset.
"""

from collections import namedtuple

#: A scope of an original source; ``start`` and ``end`` are 0-based (line, column).
OriginalScope = namedtuple("OriginalScope", "start end name kind is_function")
#: A range of the generated code; ``definition`` is its OriginalScope or None.
GeneratedRange = namedtuple("GeneratedRange", "start end definition is_function is_hidden")

_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_SCOPE_HAS_NAME, _SCOPE_HAS_KIND, _SCOPE_IS_FUNCTION = 1, 2, 4
_RANGE_HAS_LINE, _RANGE_HAS_DEFINITION, _RANGE_IS_FUNCTION, _RANGE_IS_HIDDEN = 1, 2, 4, 8


class ScopesError(ValueError):
    """A ``scopes`` field that cannot be read; the message names the offset."""


class _Reader:
    """The items of the field: ``next_item()`` gives each item's values (its tag first)."""

    def __init__(self, text):
        self.text, self.position = text, 0

    def next_item(self):
        start, values = self.position, []
        while self.position < len(self.text) and self.text[self.position] != ",":
            values.append(self._vlq())
        self.position += 1  # past the ","
        if not values:
            raise ScopesError(f"scopes: empty item at offset {start}")
        return start, values

    def _vlq(self):
        start, raw, shift = self.position, 0, 0
        while True:
            if self.position == len(self.text) or self.text[self.position] == ",":
                raise ScopesError(f"scopes: the VLQ value at offset {start} ends without its last digit")
            digit = _BASE64.get(self.text[self.position])
            if digit is None:
                raise ScopesError(f"scopes: invalid Base64 VLQ character {self.text[self.position]!r} "
                                  f"at offset {self.position}")
            self.position += 1
            raw |= (digit & 31) << shift
            shift += 5
            if shift > 35:
                raise ScopesError(f"scopes: the VLQ value at offset {start} does not fit in 32 bits")
            if not digit & 32:
                return raw


def _signed(raw):
    return -(raw >> 1) if raw & 1 else raw >> 1


def _value(values, at, start):
    if at >= len(values):
        raise ScopesError(f"scopes: the item at offset {start} has {len(values) - 1} values, too few for its tag")
    return values[at]


def decode(text, names):
    """The GeneratedRanges of the field ``text`` (outermost first, each followed by the ranges
    inside it: the order of their starts), their definitions resolved against ``names``."""
    reader = _Reader(text)
    scopes, open_scopes = [], []  # every scope in start order; the open ones, as lists
    ranges, open_ranges = [], []
    scope_state = [0, 0, 0, 0]  # line, column, name, kind
    range_state = [0, 0, 0]  # line, column, definition
    while reader.position < len(text):
        start, values = reader.next_item()
        tag = values[0]
        if tag == 1:  # original scope start
            flags, line, column = (_value(values, i, start) for i in (1, 2, 3))
            scope_state[0] += line
            scope_state[1] = column if line else scope_state[1] + column
            at, name, kind = 4, None, None
            if flags & _SCOPE_HAS_NAME:
                scope_state[2] += _signed(_value(values, at, start))
                name, at = _name(names, scope_state[2], start), at + 1
            if flags & _SCOPE_HAS_KIND:
                scope_state[3] += _signed(_value(values, at, start))
                kind = _name(names, scope_state[3], start)
            scope = [(scope_state[0], scope_state[1]), None, name, kind, bool(flags & _SCOPE_IS_FUNCTION)]
            scopes.append(scope)
            open_scopes.append(scope)
        elif tag == 2:  # original scope end
            line, column = _value(values, 1, start), _value(values, 2, start)
            scope_state[0] += line
            scope_state[1] = column if line else scope_state[1] + column
            if not open_scopes:
                raise ScopesError(f"scopes: the scope end at offset {start} closes no scope")
            open_scopes.pop()[1] = (scope_state[0], scope_state[1])
            if not open_scopes:  # the next source's scopes count from its own start
                scope_state[0] = scope_state[1] = 0
        elif tag == 4:  # generated range start
            flags, at = _value(values, 1, start), 2
            if flags & _RANGE_HAS_LINE:
                range_state[0] += _value(values, at, start)
                range_state[1], at = _value(values, at + 1, start), at + 2
            else:
                range_state[1] += _value(values, at, start)
                at += 1
            definition = None
            if flags & _RANGE_HAS_DEFINITION:
                range_state[2] += _signed(_value(values, at, start))
                if not 0 <= range_state[2] < len(scopes):
                    raise ScopesError(f"scopes: the range at offset {start} refers to scope {range_state[2]}, "
                                      f"but {len(scopes)} scopes come before it")
                definition = scopes[range_state[2]]
            generated = [(range_state[0], range_state[1]), None, definition, bool(flags & _RANGE_IS_FUNCTION),
                         bool(flags & _RANGE_IS_HIDDEN)]
            ranges.append(generated)
            open_ranges.append(generated)
        elif tag == 5:  # generated range end: a column, or a line and a column
            if len(values) > 2 and values[1]:
                range_state[0] += values[1]
                range_state[1] = values[2]
            elif len(values) > 2:
                range_state[1] += values[2]
            else:
                range_state[1] += _value(values, 1, start)
            if not open_ranges:
                raise ScopesError(f"scopes: the range end at offset {start} closes no range")
            open_ranges.pop()[1] = (range_state[0], range_state[1])
    if open_scopes or open_ranges:
        raise ScopesError("scopes: the field ends with a scope or range still open")
    frozen = {}
    return [GeneratedRange(r[0], r[1], _frozen(r[2], frozen), r[3], r[4]) for r in ranges]


def _frozen(scope, frozen):
    if scope is None:
        return None
    key = id(scope)
    if key not in frozen:
        frozen[key] = OriginalScope(*scope)
    return frozen[key]


def _name(names, index, start):
    if not 0 <= index < len(names):
        raise ScopesError(f"scopes: the item at offset {start} refers to name {index}, "
                          f"but the map has {len(names)} names")
    return names[index]


def function_at(ranges, line, column):
    """The original function around generated 0-based (``line``, ``column``): the innermost
    range there, not hidden, whose original scope is a function, as (found, name); ``name`` is
    None for an anonymous function. (False, None) when no such range holds the position."""
    found = None
    for generated in ranges:  # start order: a later range that holds the position is inside
        if generated.start <= (line, column) < generated.end and not generated.is_hidden \
                and generated.definition is not None and generated.definition.is_function:
            found = generated
    return (False, None) if found is None else (True, found.definition.name)
