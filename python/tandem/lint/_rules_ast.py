"""Rules that look at one statement or expression, not at bindings: E7xx comparisons and
names, misplaced statements (F7xx), literal checks (F6xx), star and future imports (F40x).

The analyzer calls ``check_statement``/``check_expression`` for every node it visits, so the
rules see its context (the scope kind, loop depth) without a second walk.
"""

import ast
import collections

from tandem.lint import _builtins
from tandem.lint._format import check_format_call, check_percent_format

_AMBIGUOUS = {"l", "O", "I"}
_SCOPE_KINDS_OUTSIDE_FUNCTION = ("module", "class")


def check_statement(analyzer, node):
    report, source = analyzer.report, analyzer.source
    kind = type(node).__name__
    if kind == "Import" and len(node.names) > 1:
        report("E401", "Multiple imports on one line", source.span(node))
    elif kind == "ImportFrom":
        _import_from(analyzer, node)
    elif kind in ("FunctionDef", "AsyncFunctionDef", "ClassDef"):
        if node.name in _AMBIGUOUS:
            code, what = ("E742", "class") if kind == "ClassDef" else ("E743", "function")
            span = source.name_span(node.lineno, node.col_offset, node.name)
            report(code, f"Ambiguous {what} name: `{node.name}`", span)
        if kind != "ClassDef":
            _ambiguous_arguments(analyzer, node.args)
    elif kind == "Assign":
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Lambda):
            report("E731", "Do not assign a `lambda` expression, use a `def`", source.span(node))
    elif kind == "AnnAssign":
        if isinstance(node.target, ast.Name) and isinstance(node.value, ast.Lambda):
            report("E731", "Do not assign a `lambda` expression, use a `def`", source.span(node))
    elif kind in ("Try", "TryStar"):
        _try(analyzer, node)
    elif kind in ("Break", "Continue"):
        if analyzer.loop_depth == 0:
            word = kind.lower()
            code = "F701" if word == "break" else "F702"
            report(code, f"`{word}` outside loop", source.span(node))
    elif kind == "Return":
        if analyzer.scope.kind in _SCOPE_KINDS_OUTSIDE_FUNCTION:
            report("F706", "`return` statement outside of a function/method", source.span(node))
    elif kind == "Assert":
        if isinstance(node.test, ast.Tuple) and node.test.elts:
            report("F631", "Assert test is a non-empty tuple, which is always `True`", source.span(node))
    elif kind == "If":
        if isinstance(node.test, ast.Tuple) and node.test.elts:
            report("F634", "If test is a tuple, which is always `True`", source.span(node.test))
    elif kind == "Raise":
        _raise(analyzer, node)
    elif kind in ("Global", "Nonlocal"):
        for name in node.names:
            if name in _AMBIGUOUS:
                span = source.name_span(node.lineno, node.col_offset + len(kind), name)
                report("E741", f"Ambiguous variable name: `{name}`", span)


def _import_from(analyzer, node):
    report, source = analyzer.report, analyzer.source
    module = "." * node.level + (node.module or "")
    for alias in node.names:
        if alias.name == "*" and not (analyzer.is_init and node.level):
            report("F403", f"`from {module} import *` used; unable to detect undefined names", source.span(node))
            if analyzer.scope.kind != "module":
                report("F406", f"`from {module} import *` only allowed at module level", source.span(node))
        elif node.module == "__future__" and alias.name not in _builtins.FUTURE_FEATURES:
            report("F407", f"Future feature `{alias.name}` is not defined", source.span(alias))
    if node.module == "__future__" and analyzer.futures_closed:
        report("F404", "`from __future__` imports must occur at the beginning of the file", source.span(node))


def _ambiguous_arguments(analyzer, args):
    for arg in args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]:
        if arg.arg in _AMBIGUOUS:
            span = analyzer.source.span(arg)
            span = (span[0], span[1], span[0], span[1] + len(arg.arg))
            analyzer.report("E741", f"Ambiguous variable name: `{arg.arg}`", span)


def _try(analyzer, node):
    report, source = analyzer.report, analyzer.source
    for index, handler in enumerate(node.handlers):
        if handler.type is None:
            row, col = handler.lineno, source.char_col(handler.lineno, handler.col_offset)
            if not _reraises(handler):
                report("E722", "Do not use bare `except`", (row, col, row, col + 6))
            if index != len(node.handlers) - 1:
                report("F707", "An `except` block as not the last exception handler", (row, col, row, col + 6))
        if handler.name in _AMBIGUOUS:
            span = source.name_span(handler.lineno, handler.col_offset + 6, handler.name)
            report("E741", f"Ambiguous variable name: `{handler.name}`", span)


def _reraises(handler):
    """Ruff lets a bare ``except`` pass when it re-raises: a bare ``raise`` among the statements
    of its body itself (one nested in an ``if`` or ``try`` does not count)."""
    return any(isinstance(node, ast.Raise) and node.exc is None for node in handler.body)


def _raise(analyzer, node):
    exc = node.exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    if isinstance(target, ast.Name) and target.id == "NotImplemented":
        analyzer.report("F901", "`raise NotImplemented` should be `raise NotImplementedError`",
                        analyzer.source.span(target))


def check_expression(analyzer, node):
    kind = type(node).__name__
    if kind == "Compare":
        _compare(analyzer, node)
    elif kind == "UnaryOp":
        _not_test(analyzer, node)
    elif kind == "Name":
        if node.id in _AMBIGUOUS and isinstance(node.ctx, ast.Store):
            analyzer.report("E741", f"Ambiguous variable name: `{node.id}`", analyzer.source.span(node))
    elif kind == "Dict":
        _repeated_keys(analyzer, node)
    elif kind == "JoinedStr":
        _fstring_without_placeholders(analyzer, node)
    elif kind == "Call":
        check_format_call(analyzer, node)
    elif kind == "BinOp":
        if isinstance(node.op, ast.Mod):
            check_percent_format(analyzer, node)
    elif kind in ("Yield", "YieldFrom", "Await"):
        if analyzer.scope.kind in _SCOPE_KINDS_OUTSIDE_FUNCTION:
            word = {"Yield": "yield", "YieldFrom": "yield from", "Await": "await"}[kind]
            analyzer.report("F704", f"`{word}` statement outside of a function", analyzer.source.span(node))
    elif kind in ("Tuple", "List") and isinstance(node.ctx, ast.Store):
        _starred_targets(analyzer, node)
    elif kind == "Lambda":
        _ambiguous_arguments(analyzer, node.args)


def _is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


def _is_bool(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, bool)


def _is_builtin(analyzer, node):
    return isinstance(node, ast.Name) and analyzer.lookup(node.id) is None and node.id in _builtins.NAMES


def _is_type(analyzer, node):
    """A ``type(x)`` call or the name of a builtin class (neither shadowed), as E721 sees types."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        return isinstance(node.func, ast.Name) and node.func.id == "type" and _is_builtin(analyzer, node.func)
    return _is_builtin(analyzer, node) and node.id in _builtins.TYPES


def _is_literal(node):
    if isinstance(node, ast.Constant):
        return node.value is not None and node.value is not Ellipsis and not isinstance(node.value, bool)
    return isinstance(node, (ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.Tuple))


def _compare(analyzer, node):
    report, source = analyzer.report, analyzer.source
    left = node.left
    type_compared = False
    for op, right in zip(node.ops, node.comparators):
        if isinstance(op, (ast.Eq, ast.NotEq)):
            negated = isinstance(op, ast.NotEq)
            for side in ((left, right) if left is node.left else (right,)):
                if _is_none(side):
                    suggestion = "cond is not None" if negated else "cond is None"
                    report("E711", f"Comparison to `None` should be `{suggestion}`", source.span(side))
            if _is_bool(left) or _is_bool(right):
                value = left.value if _is_bool(left) else right.value
                report("E712", f"Avoid equality comparisons to `{value}`", source.span(node))
            if not type_compared and (_is_type(analyzer, left) or _is_type(analyzer, right)):
                type_compared = True
                report("E721", "Use `is` and `is not` for type comparisons, or `isinstance()` for "
                               "isinstance checks", source.span(node))
        elif isinstance(op, (ast.Is, ast.IsNot)) and (_is_literal(left) or _is_literal(right)):
            word = "is not" if isinstance(op, ast.IsNot) else "is"
            report("F632", f"Use `==` to compare constant literals (instead of `{word}`)", source.span(node))
        left = right


def _not_test(analyzer, node):
    if not isinstance(node.op, ast.Not) or not isinstance(node.operand, ast.Compare):
        return
    compare = node.operand
    if len(compare.ops) != 1:
        return
    if isinstance(compare.ops[0], ast.In):
        analyzer.report("E713", "Test for membership should be `not in`", analyzer.source.span(compare))
    elif isinstance(compare.ops[0], ast.Is):
        analyzer.report("E714", "Test for object identity should be `is not`", analyzer.source.span(compare))


def _key_identity(key):
    """Equal for keys Python would merge: ``1``, ``1.0`` and ``True`` hash alike."""
    if isinstance(key, ast.Constant):
        value = key.value
        try:
            hash(value)
        except TypeError:
            return None
        return ("constant", value)
    if isinstance(key, ast.Name):
        return ("name", key.id)
    return None


def _repeated_keys(analyzer, node):
    # Values are dumped only for keys that repeat: a dump walks the value's whole subtree,
    # which for every dict of a nested dict made linting quadratic in the depth.
    identities = [None if key is None else _key_identity(key) for key in node.keys]
    counts = collections.Counter(identity for identity in identities if identity is not None)
    repeated = {identity for identity, count in counts.items() if count > 1}
    seen = {}
    for key, value, identity in zip(node.keys, node.values, identities):
        if identity not in repeated:
            continue
        if identity not in seen:
            seen[identity] = [ast.dump(value)]
            continue
        values = seen[identity]
        text = ast.unparse(key)
        if identity[0] == "constant":
            analyzer.report("F601", f"Dictionary key literal `{text}` repeated", analyzer.source.span(key))
        elif ast.dump(value) not in values:
            analyzer.report("F602", f"Dictionary key `{text}` repeated", analyzer.source.span(key))
        values.append(ast.dump(value))


def _fstring_without_placeholders(analyzer, node):
    if id(node) in analyzer.format_specs:
        return  # the `:#x` of f"{v:#x}" is a JoinedStr too
    placeholders = [value for value in node.values if isinstance(value, ast.FormattedValue)]
    if placeholders:
        analyzer.format_specs.update(id(value.format_spec) for value in placeholders if value.format_spec)
        return
    for span in analyzer.source.fstring_parts(node):
        analyzer.report("F541", "f-string without any placeholders", span)


def _starred_targets(analyzer, node):
    starred = [element for element in node.elts if isinstance(element, ast.Starred)]
    span = analyzer.source.span(node)
    if len(starred) > 1:
        analyzer.report("F622", "Two starred expressions in assignment", span)
    elif starred and len(node.elts) > 256:
        analyzer.report("F621", "Too many expressions in star-unpacking assignment", span)
