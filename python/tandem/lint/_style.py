"""pycodestyle's rules in Ruff's form: statements on one line (E701-E703) from the tokens,
module-level import placement (E402), and the physical-line rules W291, W293 and E501."""

import ast
import tokenize

#: Keywords that open a compound statement whose header ends in the colon E701 looks for.
_COMPOUND = {"if", "elif", "else", "for", "while", "try", "except", "finally", "with", "class", "async",
             "match", "case"}
_SKIP = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def check_statement_lines(source, report):
    """E701, E702 and E703: colons and semicolons that join statements on one line."""
    depth = 0
    first = None  # the first token of the current logical line
    lambdas = 0
    colon_done = False
    is_def = False
    tokens = [token for token in source.tokens() if token.type not in _SKIP]
    for index, token in enumerate(tokens):
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            first, lambdas, colon_done, depth, is_def = None, 0, False, 0, False
            continue
        if first is None:
            first = token
        if token.type == tokenize.NAME and token.string == "def" and not depth:
            is_def = True
        if token.type != tokenize.OP and not (token.type == tokenize.NAME and token.string == "lambda"):
            continue
        text = token.string
        if text in "([{":
            depth += 1
        elif text in ")]}":
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif text == "lambda":
            lambdas += 1
        elif text == ":":
            if lambdas:
                lambdas -= 1
                continue
            if colon_done or first.type != tokenize.NAME or first.string not in _COMPOUND and first.string != "def":
                continue
            colon_done = True
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                continue
            if is_def:
                continue  # a one-line def is E704, not selected by default
            if first.string == "class" and following.string == "...":
                continue
            report("E701", "Multiple statements on one line (colon)", _token_span(source, token))
        elif text == ";":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or following.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                report("E703", "Statement ends with an unnecessary semicolon", _token_span(source, token))
            else:
                report("E702", "Multiple statements on one line (semicolon)", _token_span(source, token))
            first, lambdas, colon_done, is_def = None, 0, False, False


def _token_span(source, token):
    (row, col), (end_row, end_col) = token.start, token.end
    return (row, col + 1, end_row, end_col + 1)


def check_import_placement(tree, source, report):
    """E402: a module-level import after code (docstrings, dunder assignments, sys.path and
    os.environ changes and compound statements do not count as code here, as in Ruff)."""
    boundary = False
    for index, statement in enumerate(tree.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            if boundary:
                report("E402", "Module level import not at top of file", source.span(statement))
            continue
        if boundary:
            continue
        if index == 0 and _is_docstring(statement):
            continue
        if isinstance(statement, (ast.If, ast.Try, ast.With, ast.Match)) or _is_dunder_assignment(statement) \
                or _is_path_or_environ_change(statement):
            continue
        boundary = True


def _is_docstring(statement):
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def _is_dunder_assignment(statement):
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else []
    return len(targets) == 1 and isinstance(targets[0], ast.Name) and \
        targets[0].id.startswith("__") and targets[0].id.endswith("__")


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _is_path_or_environ_change(statement):
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        name = _dotted(statement.value.func) or ""
        return name.startswith(("sys.path.", "os.environ.")) or name in ("os.putenv", "os.unsetenv")
    targets = statement.targets if isinstance(statement, (ast.Assign, ast.Delete)) else \
        [statement.target] if isinstance(statement, ast.AugAssign) else []
    return any(isinstance(t, ast.Subscript) and _dotted(t.value) == "os.environ" for t in targets)


def check_physical_lines(source, report, select, line_length):
    """W291 trailing whitespace, W293 whitespace on a blank line, E501 line too long."""
    for row, line in enumerate(source.lines, 1):
        body = line.rstrip("\r\n")
        stripped = body.rstrip(" \t\f")
        if len(stripped) != len(body):
            span = (row, len(stripped) + 1, row, len(body) + 1)
            if stripped and "W291" in select:
                report("W291", "Trailing whitespace", span)
            elif not stripped and "W293" in select:
                report("W293", "Blank line contains whitespace", span)
        if "E501" in select and len(body) > line_length and not _single_word(body):
            report("E501", f"Line too long ({len(body)} > {line_length})", (row, line_length + 1, row, len(body) + 1))


def _single_word(line):
    """Ruff leaves alone long lines that are one word (a URL, say), comment marker aside."""
    words = line.strip().lstrip("#").split()
    return len(words) <= 1
