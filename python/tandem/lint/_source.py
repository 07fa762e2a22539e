"""The text of one file as the lint rules see it: decoding, lines, positions and tokens.

Positions follow Ruff's JSON: rows and columns are 1-based and columns count characters
(code points), while ``ast`` counts UTF-8 bytes, so every position goes through ``char_col``.
"""

import ast
import bisect
import io
import itertools
import re
import tokenize

_NOQA = re.compile(r"#\s*noqa(?::\s?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


#: CPython's ``ast`` counts columns in UTF-8 bytes; GraalPy's counts characters. Asked once.
_AST_COUNTS_BYTES = ast.parse("'\u00e9';x").body[1].col_offset == 5

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class Source:
    def __init__(self, text):
        self.text = text
        # Lines end at \n, \r\n or \r only, as for the parser and tokenizer (str.splitlines
        # also breaks at form feeds and other separators, which would shift the rows).
        self.lines = _LINE.findall(text) or [""]
        self._tokens = None
        self._starts = None
        self._chars_before = {}  # row: characters before each byte of a non-ASCII line

    def line(self, row):
        return self.lines[row - 1] if 0 < row <= len(self.lines) else ""

    def char_col(self, row, byte_col):
        """The 1-based character column of ``byte_col`` (an ``ast`` offset) on ``row``."""
        if not _AST_COUNTS_BYTES:
            return byte_col + 1
        return self._column_of_byte(row, byte_col)

    def _column_of_byte(self, row, byte_col):
        line = self.line(row)
        if line.isascii():
            return byte_col + 1
        # Counted once per line: re-encoding the line for each position was quadratic on a
        # long line with many diagnostics.
        before = self._chars_before.get(row)
        if before is None:
            starts = ((byte & 0xC0) != 0x80 for byte in line.encode("utf-8", "surrogatepass"))
            before = self._chars_before[row] = [0, *itertools.accumulate(starts)]
        return before[min(byte_col, len(before) - 1)] + 1

    def span(self, node):
        """(row, column, end row, end column) of an ``ast`` node, Ruff's way."""
        return (node.lineno, self.char_col(node.lineno, node.col_offset),
                node.end_lineno, self.char_col(node.end_lineno, node.end_col_offset))

    def name_span(self, row, byte_col, name):
        """The span of identifier ``name``, searched from ``byte_col`` on ``row`` onwards
        (``def``, ``class``, ``except ... as`` and ``global`` keep no positions for names)."""
        pattern = re.compile(rb"(?<!\w)" + re.escape(name.encode()) + rb"(?!\w)")
        for line_no in range(row, min(row + 50, len(self.lines)) + 1):
            line = self.line(line_no)
            encoded = line.encode("utf-8")
            start = 0
            if line_no == row:
                start = byte_col if _AST_COUNTS_BYTES else len(line[:byte_col].encode("utf-8"))
            match = pattern.search(encoded, start)
            if match:
                return (line_no, self._column_of_byte(line_no, match.start()),
                        line_no, self._column_of_byte(line_no, match.end()))
        return (row, self.char_col(row, byte_col), row, self.char_col(row, byte_col))

    def tokens(self):
        """The token list (``tokenize``), computed once; [] when the text does not tokenize."""
        if self._tokens is None:
            try:
                self._tokens = list(tokenize.generate_tokens(io.StringIO(self.text).readline))
            except (tokenize.TokenError, SyntaxError):
                self._tokens = []
        return self._tokens

    def untokenized(self):
        """Treat the text as one that does not tokenize (no tokens, so no noqa)."""
        self._tokens = []

    def noqa(self):
        """{row: None (blanket) or set of codes} from ``# noqa`` comments."""
        found = {}
        for token in self.tokens():
            if token.type != tokenize.COMMENT:
                continue
            match = _NOQA.search(token.string)
            if match is None:
                continue
            codes = match.group("codes")
            row = token.start[0]
            if codes is None:
                found[row] = None
            elif row not in found or found[row] is not None:
                found.setdefault(row, set()).update(code.upper() for code in re.split(r"[,\s]+", codes))
        return found

    def fstring_parts(self, node):
        """The spans of the f-string literals that make up a (possibly implicitly
        concatenated) ``JoinedStr``: STRING tokens with an ``f`` prefix before Python 3.12,
        FSTRING_START..FSTRING_END pairs from 3.12 on."""
        start = (node.lineno, self.char_col(node.lineno, node.col_offset) - 1)
        end = (node.end_lineno, self.char_col(node.end_lineno, node.end_col_offset) - 1)
        tokens = self.tokens()
        if self._starts is None:
            self._starts = [token.start for token in tokens]
        parts, depth, opened = [], 0, None
        for token in tokens[bisect.bisect_left(self._starts, start):]:
            if token.end > end:
                break
            name = tokenize.tok_name[token.type]
            if name == "FSTRING_START":
                depth += 1
                if depth == 1:
                    opened = token.start
            elif name == "FSTRING_END":
                depth -= 1
                if depth == 0:
                    parts.append(opened + token.end)
            elif token.type == tokenize.STRING and depth == 0 and "f" in token.string.split("'")[0].split('"')[0].lower():
                parts.append(token.start + token.end)
        return [(row, col + 1, end_row, end_col + 1) for row, col, end_row, end_col in parts]
