"""The reference of the ``sourcemap.decode`` kernel: a source map's ``mappings`` string
decoded into compact columns, and the lookups over them.

This is the part of a source map that is big (millions of segments in a framework's
bundle) and hot (every stack frame is a lookup), so it is what the Java and Rust backends
implement too. ``Mappings`` is the contract they follow, method for method:

- ``count()``: the number of mappings;
- ``flat()``: every mapping in generated order as 6 ints each: generated line, generated
  column, source index, original line, original column, name index (all 0-based; source
  and name are -1 when the segment has none);
- ``mapping(i)``: the 6 ints of mapping ``i``;
- ``lookup(line, column, bias)``: the index of the mapping for a generated position
  (0-based line), or -1; ``bias`` is GREATEST_LOWER_BOUND (1) or LEAST_UPPER_BOUND (2);
- ``lookup_many(lines, columns, bias)``: ``lookup`` for each (line, column) of two equally
  long int lists, in one call: per query the 6 ints of ``mapping`` for the index found, or
  six -1s when there is none (the batch API crosses the boundary once, not twice per query);
- ``lookup_packed(lines, columns, bias)``: as ``lookup_many``, but per query only the 4 ints a
  Mozilla-style caller needs: source index, original line, original column, name index of the
  mapping found, or four -1s when there is none or it has no source (Mozilla's nulls). Its
  checks, and their messages, are ``lookup_many``'s;
- ``generated_for(source, line, column, has_column)``: the generated positions of an
  original one, as flat triples (line, column, last column or -1 for "to the end");
- ``line_starts()``: per generated line up to the last one with a mapping, the index of its
  first mapping, then the count: line ``l``'s mappings are ``line_starts()[l]`` up to
  ``line_starts()[l + 1]`` (``[0]`` when there are none). Python's per-item lookups search
  these ranges themselves, with no crossing per lookup.

Semantics follow Mozilla's ``source-map`` (the tests compare against it):

- Mappings are held sorted by generated position, ties broken by source, original line,
  original column and name, a segment without a source or name sorting first. The reverse
  lookup orders by source, original line, original column, name, generated position.
- A lookup stays on the requested generated line. Among mappings at the same position it
  returns the first in that order.
- A segment of 1 field has no original position; its original line and column columns
  hold the running decoder state (which python-sourcemap reports; Mozilla reports null).

Errors are ``KernelError`` with a message naming the offset in the mappings string; every
backend words them identically (after the prefix ``sourcemap.decode: ``).
"""

from array import array
from bisect import bisect_left

from tandem._route import KernelError
from tandem.text import as_utf16_sees_it

GREATEST_LOWER_BOUND = 1
LEAST_UPPER_BOUND = 2

INT32_MAX = 2**31 - 1
#: What ``lookup_many`` gives for a query that finds no mapping.
NOTHING = (-1,) * 6
#: What ``lookup_packed`` gives for a query that finds no mapping, or one without a source.
NOTHING_PACKED = (-1,) * 4
_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_FIELDS = ("generated column", "source index", "original line", "original column", "name index")


def _error(message):
    # Host backends raise KernelException, whose message starts with the kernel's name.
    return KernelError(f"sourcemap.decode: {message}")


def character_name(character):
    """How error messages show a character: U+XXXX, with the character when it is printable ASCII."""
    code = ord(character)
    return f"U+{code:04X} ('{character}')" if 0x21 <= code < 0x7F else f"U+{code:04X}"


def check_count(what, value):
    """The source and name counts are 32-bit: every backend refuses anything else alike."""
    if not 0 <= value <= INT32_MAX:
        raise _error(f"{what} count {value} is out of range (0 to {INT32_MAX})")


def decode(mappings, source_count, name_count):
    """Decodes ``mappings`` for a map with ``source_count`` sources and ``name_count`` names."""
    check_count("source", source_count)
    check_count("name", name_count)
    mappings = as_utf16_sees_it(mappings)  # a bad character is named as the host backends see it
    columns = tuple(array("i") for _ in range(6))
    generated_line = 0
    state = [0, 0, 0, 0, 0]  # generated column, source, original line, original column, name
    position, end = 0, len(mappings)
    while position < end:
        if mappings[position] == ";":
            generated_line += 1
            state[0] = 0
            position += 1
            continue
        if mappings[position] == ",":
            raise _error(f"mappings: empty segment at offset {position}")
        start = position
        values = []
        while position < end and mappings[position] not in ",;":
            value, position = _vlq(mappings, position)
            values.append(value)
        if len(values) not in (1, 4, 5):
            raise _error(f"mappings: segment at offset {start} has {len(values)} fields; "
                              "a segment has 1, 4 or 5")
        for field, value in enumerate(values):
            state[field] = _add(state[field], value, field, start)
        if len(values) > 1 and state[1] >= source_count:
            raise _error(f"mappings: segment at offset {start} refers to source {state[1]}, "
                              f"but the map has {source_count} sources")
        if len(values) == 5 and state[4] >= name_count:
            raise _error(f"mappings: segment at offset {start} refers to name {state[4]}, "
                              f"but the map has {name_count} names")
        columns[0].append(generated_line)
        columns[1].append(state[0])
        columns[2].append(state[1] if len(values) > 1 else -1)
        columns[3].append(state[2])
        columns[4].append(state[3])
        columns[5].append(state[4] if len(values) == 5 else -1)
        if position < end and mappings[position] == ",":
            position += 1
            if position == end or mappings[position] == ";":
                raise _error(f"mappings: empty segment at offset {position}")
    return Mappings(columns, generated_line + 1)


def _vlq(mappings, position):
    """One Base64 VLQ value starting at ``position``: (value, position after it)."""
    start, end = position, len(mappings)
    raw, shift = 0, 0
    while True:
        if position == end or mappings[position] in ",;":
            raise _error(f"mappings: the VLQ value at offset {start} ends without its last digit")
        character = mappings[position]
        digit = _BASE64.get(character)
        if digit is None:
            raise _error(f"mappings: invalid Base64 VLQ character {character_name(character)} "
                              f"at offset {position}")
        position += 1
        bits = digit & 31
        # Leading zero digits may run on past 32 bits (tc39's validMappingLargeVLQ).
        if bits and (shift >= 32 or raw + (bits << shift) > 0xFFFFFFFF):
            raise _error(f"mappings: the VLQ value at offset {start} does not fit in 32 bits")
        if shift < 32:
            raw += bits << shift
        shift += 5
        if not digit & 32:
            return (-(raw >> 1) if raw & 1 else raw >> 1), position


def _add(current, delta, field, offset):
    value = current + delta
    if value < 0:
        raise _error(f"mappings: segment at offset {offset} makes the {_FIELDS[field]} negative ({value})")
    if value > INT32_MAX:
        raise _error(f"mappings: segment at offset {offset} makes the {_FIELDS[field]} "
                          f"exceed {INT32_MAX} ({value})")
    return value


class Mappings:
    """Decoded mappings: six parallel ``array('i')`` columns, no object per mapping."""

    def __init__(self, columns, line_count):
        self._columns = _sorted_columns(columns)
        generated_lines, self._generated_columns = self._columns[0], self._columns[1]
        # line_starts[l]: index of the first mapping on generated line l (l up to line_count).
        self._line_starts = array("i", (bisect_left(generated_lines, line) for line in range(line_count + 1)))
        self._by_original = None  # mapping indices in original order, built on first use

    def count(self):
        return len(self._columns[0])

    def flat(self):
        return [value for row in zip(*self._columns) for value in row]

    def mapping(self, index):
        check_index(index, self.count())
        return [column[index] for column in self._columns]

    def lookup(self, line, column, bias):
        """The index of the mapping at generated (``line``, ``column``) with ``bias``, or -1."""
        check_bias(bias)
        check_position(line, column)
        if not 0 <= line < len(self._line_starts) - 1:
            return -1
        return find(self._generated_columns, self._line_starts[line], self._line_starts[line + 1], column, bias)

    def lookup_many(self, lines, columns, bias):
        """``lookup`` of every (``lines[i]``, ``columns[i]``): 6 ints per query (see the module note)."""
        check_bias(bias)
        check_lengths(lines, columns)
        out = []
        for position, (line, column) in enumerate(zip(lines, columns)):
            check_query(position, line, column)
            index = self.lookup(line, column, bias)
            out += self.mapping(index) if index >= 0 else NOTHING
        return out

    def lookup_packed(self, lines, columns, bias):
        """``lookup`` of every (``lines[i]``, ``columns[i]``): 4 ints per query (see the module note)."""
        check_bias(bias)
        check_lengths(lines, columns)
        _, _, sources, original_lines, original_columns, names = self._columns
        out = []
        for position, (line, column) in enumerate(zip(lines, columns)):
            check_query(position, line, column)
            index = self.lookup(line, column, bias)
            out += NOTHING_PACKED if index < 0 or sources[index] < 0 else (
                sources[index], original_lines[index], original_columns[index], names[index])
        return out

    def generated_for(self, source, line, column, has_column):
        """Generated positions of original (``source``, ``line``, ``column``), as flat triples.

        As Mozilla's allGeneratedPositionsFor: without a column, every mapping of the first
        original line at or after ``line`` that has mappings; with one, the mappings of the
        first original column at or after ``column`` on exactly ``line``.
        """
        order = self._original_order()
        _, _, sources, lines, columns, _ = self._columns
        key = (source, line, column if has_column else 0)
        low, high = 0, len(order)
        while low < high:  # least upper bound of key in original order
            middle = (low + high) // 2
            index = order[middle]
            if (sources[index], lines[index], columns[index]) < key:
                low = middle + 1
            else:
                high = middle
        if low == len(order) or sources[order[low]] != source:
            return []
        found = order[low]
        if has_column and lines[found] != line:
            return []
        result = []
        for at in range(low, len(order)):  # not order[low:], which copies the rest per query
            index = order[at]
            if sources[index] != source or lines[index] != lines[found]:
                break
            if has_column and columns[index] != columns[found]:
                break
            result += [self._columns[0][index], self._columns[1][index], self._last_column(index)]
        return result

    def line_starts(self):
        lines = self._columns[0]
        return list(self._line_starts[:lines[-1] + 2 if lines else 1])

    def _last_column(self, index):
        return last_column(self._columns[0], self._generated_columns, index)

    def _original_order(self):
        if self._by_original is None:
            self._by_original = array("i", original_order(*self._columns))
        return self._by_original

    def __eq__(self, other):
        # Any backend's mappings (duck-typed): the differential harness compares across them.
        return callable(getattr(other, "flat", None)) and self.flat() == other.flat()

    def __repr__(self):
        return f"<Mappings: {self.count()} mappings>"


def last_column(generated_lines, generated_columns, index):
    """As Mozilla's computeColumnSpans: the last column of mapping ``index`` (in generated order),
    up to the next mapping on its line, else -1 (the line's end)."""
    if index + 1 < len(generated_lines) and generated_lines[index + 1] == generated_lines[index]:
        return generated_columns[index + 1] - 1
    return -1


def original_order(generated_lines, generated_columns, sources, lines, columns, names):
    """The indices of the mappings that have a source, in Mozilla's original order: source,
    original line and column, then name (none first), then generated position."""
    with_source = [i for i in range(len(sources)) if sources[i] >= 0]
    with_source.sort(key=lambda i: (sources[i], lines[i], columns[i], names[i], generated_lines[i],
                                    generated_columns[i]))
    return with_source


def find(generated_columns, low, high, column, bias):
    """The index of the mapping at ``column`` with ``bias`` (checked) among the mappings
    ``low`` to ``high`` (one generated line's: their columns ascend), or -1. A line holds few
    mappings, so the search is written out here rather than calling ``bisect`` (pure Python
    on GraalPy): ``tandem.sourcemap`` runs every per-item lookup through it."""
    if column < 0:
        return -1
    start, end = low, high
    if bias == GREATEST_LOWER_BOUND:
        while low < high:  # the first column past ``column``
            middle = (low + high) // 2
            if generated_columns[middle] <= column:
                low = middle + 1
            else:
                high = middle
        if low == start:
            return -1
        index, found = low - 1, generated_columns[low - 1]
        if index > start and generated_columns[index - 1] == found:  # ties: the first of them
            index = bisect_left(generated_columns, found, start, index)
        return index
    while low < high:  # the first column at or past ``column``
        middle = (low + high) // 2
        if generated_columns[middle] < column:
            low = middle + 1
        else:
            high = middle
    return -1 if low == end else low


def check_bias(bias):
    if type(bias) is not int or bias not in (GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND):
        raise _error(f"bias {bias} is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)")


def check_lengths(lines, columns):
    if len(lines) != len(columns):
        raise _error(f"lookup_many: {len(lines)} lines but {len(columns)} columns")


def check_query(position, line, column):
    """Queries are ints (bool included, as Python's own indices); anything else is a TypeError."""
    if not isinstance(line, int) or not isinstance(column, int):
        kind = type(line if not isinstance(line, int) else column).__name__
        raise TypeError(f"sourcemap.decode: lookup_many: query {position} is not two ints ({kind} given)")


def int32_queries(lines, columns, bias):
    """The queries as two lists of 32-bit ints with the same answers, for the host backends:
    a line or column out of every map's range becomes -1 (nothing found), and a column past
    INT32_MAX with GREATEST_LOWER_BOUND becomes INT32_MAX (no mapping lies beyond it)."""
    check_lengths(lines, columns)
    narrow_lines, narrow_columns = [], []
    for position, (line, column) in enumerate(zip(lines, columns)):
        check_query(position, line, column)
        if not 0 <= line <= INT32_MAX or column < 0 or (column > INT32_MAX and bias != GREATEST_LOWER_BOUND):
            line, column = -1, -1
        narrow_lines.append(int(line))  # int(): a bool is no number to the host
        narrow_columns.append(int(min(column, INT32_MAX)))
    return narrow_lines, narrow_columns


def check_position(line, column):
    """A generated (line, column) to look up must be two ints (bool included, as Python's own
    indices); anything else is a TypeError on every backend."""
    if not isinstance(line, int) or not isinstance(column, int):
        kind = type(line if not isinstance(line, int) else column).__name__
        raise TypeError(f"line and column must be int, not {kind}")


def check_index(index, count):
    if not isinstance(index, int):
        raise TypeError(f"mapping index must be int, not {type(index).__name__}")
    if not 0 <= index < count:
        raise _error(f"mapping index {index} is out of range (the map has {count} mappings)")


def _sorted_columns(columns):
    """The columns in generated order (see the module note); most maps already are."""
    count = len(columns[0])
    if all(_row(columns, i) <= _row(columns, i + 1) for i in range(count - 1)):
        return columns
    order = sorted(range(count), key=lambda i: _row(columns, i))
    return tuple(array("i", (column[i] for i in order)) for column in columns)


def _row(columns, index):
    """The sort key of mapping ``index``: -1 (no source/name) sorts first, as Mozilla's None."""
    source, name = columns[2][index], columns[5][index]
    original = (source, columns[3][index], columns[4][index]) if source >= 0 else (-1, 0, 0)
    return (columns[0][index], columns[1][index], *original, name)
