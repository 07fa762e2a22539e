"""The BPE pre-tokenizer: splits text into pieces by an encoding's pattern, as tiktoken does.

tiktoken's patterns are written for the Rust ``fancy-regex`` crate: a backtracking engine with
leftmost-first alternation, greedy quantifiers, possessive quantifiers (``++``, ``?+``,
``{1,3}+``), a negative lookahead (``\\s+(?!\\S)``), Unicode properties (``\\p{L}``) and scoped
case-insensitivity (``(?i:...)``). Python's ``re`` is a backtracking engine of the same family
and, from 3.11 on, has possessive quantifiers too; what it lacks or means differently is
rewritten here, once per pattern, by :func:`to_python_regex`:

=====================  ==========================  =========================================
in tiktoken's pattern  becomes                     because
=====================  ==========================  =========================================
``\\p{L}`` ``\\p{Lu}``   an explicit class           ``re`` has no Unicode properties; the
                                                   classes come from ``_unicode``, the
                                                   Unicode version tiktoken runs (16.0.0),
                                                   not the interpreter's ``unicodedata``
``\\s`` ``\\S``          White_Space, explicitly     ``re``'s ``\\s`` is ``str.isspace``, which
                                                   also takes U+001C..U+001F
``$``                  ``\\Z``                      ``re``'s ``$`` also matches before a
                                                   final newline; Rust's only at the end
``(?i:'s)``            ``'[sSſ]``                  case folding spelled out: in Rust's
                                                   simple case folding ``s`` also matches
                                                   U+017F (long s) and ``k`` U+212A (Kelvin);
                                                   ``re``'s own rules are of another Unicode
                                                   version and add pairs such as i/ı
=====================  ==========================  =========================================

Anything the translator does not know (``\\d``, ``\\w``, ``.``, ``\\S`` inside a class ...)
raises ValueError rather than guess: it is to translate exactly these patterns, faithfully.
"""

import functools
import re
import sys

from tandem.bpe import _unicode

#: The ASCII letters whose simple case folding (Unicode CaseFolding.txt, statuses C and S)
#: reaches beyond ASCII, with those extra characters.
_FOLDS_BEYOND_ASCII = {"k": "\u212a", "s": "\u017f"}

#: \p{X} for one-letter X is the union of the two-letter categories starting with X.
_UNIONS = {"L": ("Lu", "Ll", "Lt", "Lm", "Lo"), "M": ("Mn", "Mc", "Me"), "N": ("Nd", "Nl", "No")}


def _parse_ranges(text):
    ranges = []
    for item in text.split():
        first, _, last = item.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


@functools.lru_cache(maxsize=None)
def property_ranges(name):
    """Sorted, merged ``(first, last)`` code point ranges of ``\\p{name}`` (or ``"White_Space"``)."""
    if name == "White_Space":
        ranges = _parse_ranges(_unicode.WHITE_SPACE)
    elif name in _UNIONS:
        ranges = sorted(r for category in _UNIONS[name] for r in property_ranges(category))
    elif name in _unicode.GENERAL_CATEGORY:
        ranges = _parse_ranges(_unicode.GENERAL_CATEGORY[name])
    else:
        raise ValueError(f"unsupported Unicode property \\p{{{name}}}")
    merged = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def _escape(code):
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@functools.lru_cache(maxsize=None)
def _class_body(name):
    """The inside of a ``re`` character class (no brackets) matching ``\\p{name}``."""
    return "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in property_ranges(name))


def to_python_regex(pattern):
    """tiktoken's ``pattern`` (Rust regex syntax) rewritten for Python's ``re``, same meaning."""
    out = []
    in_class = False
    groups = []  # per open group: is it case-insensitive?
    i = 0
    while i < len(pattern):
        char = pattern[i]
        ignore_case = bool(groups) and groups[-1]
        if char == "\\":
            escape = pattern[i + 1]
            if escape == "p":
                close = pattern.index("}", i)
                body = _class_body(pattern[i + 3:close])
                out.append(body if in_class else f"[{body}]")
                i = close + 1
                continue
            if escape == "s":
                out.append(_class_body("White_Space") if in_class else f"[{_class_body('White_Space')}]")
            elif escape == "S" and not in_class:
                out.append(f"[^{_class_body('White_Space')}]")
            elif escape in "rnt":
                out.append(pattern[i:i + 2])
            else:
                raise ValueError(f"unsupported escape \\{escape} at {i} in {pattern!r}")
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char.isascii() and char.isalpha() and ignore_case:
                char = _case_variants(char)
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1] == "^":
                out.append("^")
                i += 1
        elif pattern.startswith("(?i:", i):
            groups.append(True)
            out.append("(?:")
            i += 4
            continue
        elif char == "(":
            if pattern[i + 1] == "?" and pattern[i + 2] not in ":!=":
                raise ValueError(f"unsupported group at {i} in {pattern!r}")
            groups.append(ignore_case)
            out.append(char)
        elif char == ")":
            groups.pop()
            out.append(char)
        elif char == "$":
            out.append(r"\Z")
        elif char == ".":
            raise ValueError(f"unsupported '.' at {i} in {pattern!r}")
        elif char.isascii() and char.isalpha() and ignore_case:
            out.append(f"[{_case_variants(char)}]")
        else:
            out.append(char)
        i += 1
    if in_class or groups:
        raise ValueError(f"unbalanced pattern {pattern!r}")
    return "".join(out)


def _case_variants(letter):
    lower = letter.lower()
    return lower + lower.upper() + _FOLDS_BEYOND_ASCII.get(lower, "")


@functools.lru_cache(maxsize=None)
def compile_pattern(pattern):
    """The compiled ``re`` equivalent of tiktoken's ``pattern`` (cached per pattern)."""
    if sys.version_info < (3, 11):
        raise RuntimeError("tandem.bpe needs Python 3.11 or later (possessive quantifiers in re)")
    return re.compile(to_python_regex(pattern))


def split(compiled, text):
    """The pieces of ``text``: the successive leftmost matches of ``compiled``.

    tiktoken's patterns never match the empty string and leave no character out (whatever is
    not white space, a letter or a number is taken by ``[^\\s\\p{L}\\p{N}]``), so the pieces
    concatenate to the text.
    """
    return [match.group() for match in compiled.finditer(text)]
