"""The string-formatting rules: ``'...' % args`` (F501-F509) and ``'...'.format(...)``
(F521-F525), checked when the format is a literal and the arguments are visible."""

import ast

_CONVERSIONS = set("diouxXeEfFgGcrsa%")
_FLAGS = "#0- +"


def _parse_percent(text):
    """[(key, conversion, stars)] for each placeholder; ValueError when malformed."""
    placeholders = []
    index, end = 0, len(text)
    while True:
        index = text.find("%", index)
        if index < 0:
            return placeholders
        index += 1
        key = None
        if index < end and text[index] == "(":
            depth, start = 1, index + 1
            while depth and index + 1 < end:
                index += 1
                depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth:
                raise ValueError("incomplete format key")
            key = text[start:index]
            index += 1
        while index < end and text[index] in _FLAGS:
            index += 1
        star = 0  # how many `*` widths and precisions, each taking an argument
        if index < end and text[index] == "*":
            star, index = 1, index + 1
        while index < end and text[index].isdigit():
            index += 1
        if index < end and text[index] == ".":
            index += 1
            if index < end and text[index] == "*":
                star, index = star + 1, index + 1
            while index < end and text[index].isdigit():
                index += 1
        while index < end and text[index] in "hlL":
            index += 1
        if index >= end:
            raise ValueError("incomplete format")
        placeholders.append((key, text[index], star))
        index += 1


def check_percent_format(analyzer, node):
    if not (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
        return
    report, span = analyzer.report, analyzer.source.span(node)
    try:
        placeholders = _parse_percent(node.left.value)
    except ValueError as error:
        report("F501", f"`%`-format string has invalid format string: {error}", span)
        return
    named, positional, star = set(), 0, False
    for key, conversion, uses_star in placeholders:
        if conversion == "%" and key is None:
            continue
        if conversion not in _CONVERSIONS:
            report("F509", f"`%`-format string has unsupported format character `{conversion}`", span)
            return
        star = star or uses_star
        if key is None:
            positional += 1 + uses_star
        else:
            named.add(key)
    if positional and named:
        report("F506", "`%`-format string has mixed positional and named placeholders", span)
        return
    right = node.right
    if named and isinstance(right, (ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        report("F502", "`%`-format expected mapping but got sequence", span)
    elif positional and isinstance(right, (ast.Dict, ast.DictComp)):
        report("F503", "`%`-format expected sequence but got mapping", span)
    if named and star:
        report("F508", "`%`-format string `*` specifier requires sequence", span)
    substitutions = None
    if isinstance(right, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in right.elts):
        substitutions = len(right.elts)
    elif not positional and not isinstance(right, (ast.Dict, ast.DictComp)):
        substitutions = 1  # no placeholder at all, yet something to substitute
    if substitutions is not None and not named and positional != substitutions:
        report("F507", f"`%`-format string has {positional} placeholder(s) but {substitutions} substitution(s)", span)
    if named and isinstance(right, ast.Dict) and None not in right.keys:
        keys = {key.value for key in right.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)}
        if len(keys) == len(right.keys):
            unused = sorted(keys - named)
            missing = sorted(named - keys)
            if unused:
                report("F504", f"`%`-format string has unused named argument(s): {', '.join(unused)}", span)
            if missing:
                report("F505", f"`%`-format string is missing argument(s) for placeholder(s): "
                               f"{', '.join(missing)}", span)


def _format_fields(text, depth=0):
    """The field names of a str.format template, nested specs included; ValueError if bad."""
    fields = []
    for name, spec in _replacement_fields(text):
        head = name.split(".", 1)[0].split("[", 1)[0]
        fields.append(head)
        if spec and depth < 2:
            fields.extend(_format_fields(spec, depth + 1))
    return fields


def _replacement_fields(text):
    """(field name, format spec) of each replacement field, with CPython's errors. This is
    ``string.Formatter().parse`` (MarkupIterator_next and parse_field in CPython's
    Objects/stringlib/unicode_format.h), written out because GraalPy's words some of its
    errors differently and every backend must agree."""
    fields, start, end = [], 0, len(text)
    while start < end:
        brace = None
        while start < end:
            start += 1
            if text[start - 1] in "{}":
                brace = text[start - 1]
                break
        at_end = start >= end
        if brace == "}" and (at_end or text[start] != "}"):
            raise ValueError("Single '}' encountered in format string")
        if brace == "{" and at_end:
            raise ValueError("Single '{' encountered in format string")
        if brace is None:
            continue
        if text[start] == brace:  # an escaped brace
            start += 1
            continue
        field, start = _parse_field(text, start)
        fields.append(field)
    return fields


def _parse_field(text, start):
    """The field that starts at ``start`` (after its ``{``): ((name, spec), where it ends)."""
    end, name_start, char = len(text), start, None
    while start < end:
        char = text[start]
        start += 1
        if char == "{":
            raise ValueError("unexpected '{' in field name")
        if char == "[":
            while start < end and text[start] != "]":
                start += 1
        elif char in "}:!":
            break
    name = text[name_start:start - 1]
    if char not in ("!", ":"):
        if char != "}":
            raise ValueError("expected '}' before end of string")
        return (name, ""), start
    if char == "!":
        if start >= end:
            raise ValueError("end of string while looking for conversion specifier")
        start += 1  # the conversion character
        if start < end:
            start += 1
            if text[start - 1] == "}":
                return (name, ""), start
            if text[start - 1] != ":":
                raise ValueError("expected ':' after conversion specifier")
    spec_start, count = start, 1
    while start < end:
        start += 1
        count += {"{": 1, "}": -1}.get(text[start - 1], 0)
        if not count:
            return (name, text[spec_start:start - 1]), start
    raise ValueError("unmatched '{' in format spec")


def check_format_call(analyzer, node):
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)):
        return
    report, span = analyzer.report, analyzer.source.span(node)
    try:
        fields = _format_fields(func.value.value)
    except ValueError as error:
        report("F521", f"`.format` call has invalid format string: {error}", span)
        return
    automatic = [field for field in fields if field == ""]
    manual = {int(field) for field in fields if field.isdigit()}
    names = {field for field in fields if field and not field.isdigit()}
    if automatic and manual:
        report("F525", "`.format` string mixes automatic and manual numbering", span)
        return
    used_positions = set(range(len(automatic))) | manual
    if not any(isinstance(arg, ast.Starred) for arg in node.args):
        unused = [str(i) for i in range(len(node.args)) if i not in used_positions]
        if unused:
            report("F523", f"`.format` call has unused arguments at position(s): {', '.join(unused)}", span)
        missing_positions = sorted(i for i in used_positions if i >= len(node.args))
    else:
        missing_positions = []
    keywords = {keyword.arg for keyword in node.keywords}
    if None not in keywords:
        unused_names = sorted(keywords - names)
        if unused_names:
            report("F522", f"`.format` call has unused named argument(s): {', '.join(unused_names)}", span)
        missing = [str(i) for i in missing_positions] + sorted(names - keywords)
        if missing:
            report("F524", f"`.format` call is missing argument(s) for placeholder(s): {', '.join(missing)}", span)
