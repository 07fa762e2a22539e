"""The function scopes of a JavaScript text (a minified bundle) and the tokens that name them.

What Sentry's ``js-source-scopes`` extracts with swc's parser, found here by one scan of the
tokens with a stack of open brackets: a function's scope runs from its first token (``function``,
``async``, an arrow's parameters, a method's key, ``class``) to its closing brace, or for an
arrow with an expression body to the ``,``, ``;`` or closing bracket that ends the expression.
Its name is what the engine would call it, as a tuple of parts, each a ``NameToken`` (an
identifier of the text, which a source map can name) or a str put in between:

- ``function f(){}``, ``function f`` as an expression, ``class C{}``: the identifier (a class
  is ``new C``: its constructor and field initialisers run in its scope);
- an anonymous function, arrow or class assigned: ``a.b.c = ...``, ``let x = ...``,
  ``{key: ...}`` (with the object's own name in front when it has one: ``obj.key``);
- a method ``m(){}`` of a class or object: ``C.m`` (``get C.m``, ``set C.m`` for accessors).

A function that is none of these (a callback passed inline) has no name: None. The scan
knows strings, template literals, comments and regular expressions (told from division by the
token before the ``/``) so that their brackets do not count; it does not check the syntax.
"""

import re
from collections import namedtuple

from tandem._route import BackendUnavailable, current_policy, kernel, using
from tandem.text import as_utf16_sees_it

#: A function scope: ``start`` and ``end`` are offsets into the text, ``name`` a tuple of parts or None.
Scope = namedtuple("Scope", "start end name")
#: An identifier of the text, at ``offset``.
NameToken = namedtuple("NameToken", "text offset")

_TOKEN = re.compile(r"""
    (?P<skip>[\s\ufeff]+|//[^\n\r\u2028\u2029]*|/\*.*?\*/)
  | (?P<str>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<name>\#?[A-Za-z_$\u0080-\U0010ffff][\w$\u0080-\U0010ffff]*)
  | (?P<num>\.?\d[\w.]*)
  | (?P<punct>=>|\.\.\.|\?\.(?!\d)|[=!]==?|[<>]=?|&&=?|\|\|=?|\?\?=?|\*\*=?|<<=?|>>>?=?|\+\+|--|[-+*%&|^]=
              |[{}()\[\];,<>+\-*%&|^!~?:=.@])
  | (?P<slash>/=?)
  | (?P<template>`)
""", re.X | re.S)
_REGEX = re.compile(r"/(?:[^/\\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])+/[\w$]*")
_TEMPLATE_PART = re.compile(r"(?:[^`\\$]|\\.|\$(?!\{))*(`|\$\{)?", re.S)
#: Words after which a ``/`` starts a regular expression, not a division.
_BEFORE_EXPRESSION = frozenset("return typeof instanceof in of new delete void throw case do else yield await".split())
_CONTROL = frozenset("if for while switch catch with".split())
_ASSIGN = frozenset(("=", "||=", "&&=", "??="))
#: Words before a method's key that are not its name.
_MODIFIERS = frozenset(("static", "async"))
#: Words that end the walk up from an anonymous function: what stands before them names nothing.
_STATEMENT = frozenset("return throw case default else do export extends var let const".split())
#: Tokens that end an arrow function's expression body at its own bracket depth.
_ENDS_EXPRESSION = frozenset(",;)]}")

# Token kinds
_NAME, _STR, _NUM, _PUNCT = range(4)


class _Open:
    """An open bracket: ``(``, ``[``, ``{``, a template's ``${``, or an arrow's expression body."""

    __slots__ = ("kind", "token", "scope", "container", "context", "questions")

    def __init__(self, kind, token, scope=None, container=None, context=None):
        self.kind, self.token, self.scope = kind, token, scope
        self.container = container  # for "{": "class", "object" or "block"
        self.context = context  # a class's name parts, for its methods
        self.questions = 0  # for an arrow's expression body: the "?" not yet matched by a ":"


def scopes(text):
    """Every function scope of ``text`` (see the module), in the order their scopes close: the
    ``sourcemap.function_scopes`` kernel's ints made into ``Scope`` tuples."""
    packed, at, found = _scan(text), 0, []
    text = as_utf16_sees_it(text)
    while at < len(packed):
        start, end, count = packed[at:at + 3]
        at += 3
        name = None if count < 0 else []
        for _ in range(max(count, 0)):
            header = packed[at]
            if header >= 0:  # an identifier: its offset and length
                name.append(NameToken(text[header:header + packed[at + 1]], header))
                at += 2
            else:  # a literal part: its length, then its code points
                length = -header - 1
                name.append("".join(map(chr, packed[at + 1:at + 1 + length])))
                at += 1 + length
        found.append(Scope(start, end, None if name is None else tuple(name)))
    return found


def _scan(text):
    """``function_scopes(text)``; when the backend named for all kernels has no twin of this one
    (rust) and this kernel is not named itself, on the backend auto routing picks: the names are
    an extra that a map read by rust should not lose."""
    try:
        return function_scopes(text)
    except BackendUnavailable:
        if "sourcemap.function_scopes" in current_policy().routes:
            raise
    with using(routes={"sourcemap.function_scopes": "auto"}):
        return function_scopes(text)


@kernel("sourcemap.function_scopes", accepts=(str,), result="int_list", sample=lambda: (_SAMPLE,),
        cases=lambda: [(text,) for text in _CASES])
def function_scopes(text):
    """The function scopes of ``text`` as flat ints, in the order they close: per scope its
    start and end offsets (code points) and its name's part count (-1 for no name), then per
    part either the identifier's offset and length, or -(length + 1) and the literal's code points."""
    packed = []
    for scope in _Scan(as_utf16_sees_it(text)).run():
        packed += (scope.start, scope.end, -1 if scope.name is None else len(scope.name))
        for part in scope.name or ():
            if isinstance(part, NameToken):
                packed += (part.offset, len(part.text))
            else:
                packed.append(-len(part) - 1)
                packed += map(ord, part)
    return packed


#: Texts for the differential harness: each rule of the module, the brackets that strings,
#: templates, comments and regular expressions hide, broken code, text beyond the BMP.
_CASES = (
    "function f(a){return a}var g=function(){},h=async x=>x*2;o.p.q=()=>{};"
    "class C extends B{constructor(){}m(){}static get v(){}#p(){}}",
    'a={b:function(){},c(){},"d":()=>1};f({g(){}});x=y?0:m(function(){});'
    "e.fn[i].n=()=>0;z[Symbol.iterator]=function(){}",
    "class K{f=()=>1;static s=g({h:()=>2})}x=class Y{};o={get a(){},[k](){},'q'(){},7(){},[\"s\"]:()=>0}",
    "i.setOptions=function s(t){};k(function(){});a=c?x=>x?1:2:y=>y,b=[z=>z];this.t=function*(){}",
    'f=function(){return"}{"+`${g(()=>"}")}}`+/[}]\\//.test(s)/*}*/}//}\nh=function(){if(a)/{/.test(b)}',
    "", "}}}))", "function(", "a=>{", "`${", "/", "\\", "class{", "x=function(){", "=>", "'\\", "/[/",
    "\U0001f642=function(){};o={\U0001f642(){}};s='\U0001f642'+`\U0001f642${()=>{}}`",
)
_SAMPLE = ("var shop={total:function(t){return t.reduce((a,b)=>a+b,0)},get size(){return 1}};"
           "class C extends B{m(){}static s(){}}const f=async x=>{x.a.b=function(){};return `${x}`};")


class _Scan:
    def __init__(self, text):
        self.text = text
        self.kinds, self.texts, self.starts = [], [], []  # the tokens so far (skips excluded)
        self.opening = {}  # token index of a ")", "]" or "}" -> token index of its opening bracket
        self.block_close = set()  # token indices of "}" that closed a block (a "/" after starts a regex)
        self.stack = []
        self.scopes = []
        self.pending_class = None  # (stack depth, token index of "class")
        self.pending_arrow = None  # (start token index, name) after "=>"
        self.last_end = 0  # where the last token ends

    def run(self):
        text, position, end = self.text, 0, len(self.text)
        while position < end:
            match = _TOKEN.match(text, position)
            if match is None:  # a character no token starts with (a stray "\"): step over it
                position += 1
                continue
            kind = match.lastgroup
            if kind == "skip":
                position = match.end()
                continue
            if kind == "slash" and self._regex_may_start():
                regex = _REGEX.match(text, position)
                if regex:
                    self._add(_STR, regex.group(), position)
                    position = regex.end()
                    continue
            if kind == "template":
                position = self._template(position + 1)
                continue
            position = match.end()
            token = match.group()
            if kind == "name":
                self._name(token, match.start())
            elif kind in ("str", "num"):
                self._add(_STR if kind == "str" else _NUM, token, match.start())
            else:
                position = self._punct(token, match.start(), position)
        self._end_arrows()
        while self.stack:  # unclosed brackets (a truncated text): their scopes end with it
            self._close(self.stack.pop(), end)
        return self.scopes

    def _add(self, kind, token, start):
        if self.pending_arrow is not None and not (kind == _PUNCT and token == "{"):
            begin, name = self.pending_arrow
            self.pending_arrow = None
            self.stack.append(_Open("arrow", len(self.kinds), Scope(self.starts[begin], None, name)))
        self.kinds.append(kind)
        self.texts.append(token)
        self.starts.append(start)
        self.last_end = start + len(token)

    def _name(self, token, start):
        if token == "class" and not self._previous_is("."):
            self.pending_class = (len(self.stack), len(self.kinds))
        self._add(_NAME, token, start)

    def _template(self, position):
        """Scans a template literal's text from ``position``; a ``${`` opens a bracket whose
        ``}`` comes back here. Returns the position after the closing backtick or the ``${``."""
        match = _TEMPLATE_PART.match(self.text, position)
        self._add(_STR, "`", position - 1)  # each part of the text is an operand
        self.last_end = match.end()
        if match.group(1) == "${":
            self.stack.append(_Open("${", len(self.kinds) - 1))
        return match.end()

    def _punct(self, token, start, position):
        if token in _ENDS_EXPRESSION:
            self._end_arrows()
        elif token in ("?", ":") and self.stack and self.stack[-1].kind == "arrow" and self.pending_arrow is None:
            arrow = self.stack[-1]
            if token == "?":
                arrow.questions += 1
            elif arrow.questions:
                arrow.questions -= 1
            else:  # c ? x => y : z
                self._end_arrows()
        if token in ("(", "["):
            self._add(_PUNCT, token, start)
            self.stack.append(_Open(token, len(self.kinds) - 1))
        elif token == "{":
            self._open_brace(start)
        elif token in (")", "]", "}"):
            index = len(self.kinds)
            self._add(_PUNCT, token, start)
            opened = self.stack.pop() if self.stack else None
            if opened is None:
                return position
            self.opening[index] = opened.token
            if token == "}":
                if opened.kind == "${":  # back into the template's text
                    return self._template(position)
                if opened.container == "block" and opened.scope is None:
                    self.block_close.add(index)
            self._close(opened, start + 1)
        elif token == "=>":
            self._add(_PUNCT, token, start)
            begin = self._arrow_start(len(self.kinds) - 1)
            self.pending_arrow = (begin, self._inferred(begin))
        else:
            self._add(_PUNCT, token, start)
        return position

    def _open_brace(self, start):
        index = len(self.kinds)
        scope, container, context = None, "block", None
        if self.pending_arrow is not None:  # "=> {": the arrow's body
            begin, name = self.pending_arrow
            self.pending_arrow = None
            scope = Scope(self.starts[begin], None, name)
        elif self.pending_class is not None and self.pending_class[0] == len(self.stack):
            begin = self.pending_class[1]
            self.pending_class = None
            name = self._class_name(begin)
            container, context = "class", name
            scope = Scope(self.starts[begin], None, None if name is None else ("new ", *name))
        elif self._previous_is(")"):
            scope = self._function_before(self.opening.get(index - 1))
        elif self._object_may_start():
            container = "object"
        self._add(_PUNCT, "{", start)
        self.stack.append(_Open("{", index, scope, container, context))

    def _close(self, opened, end):
        if opened.scope is not None:
            self.scopes.append(opened.scope._replace(end=end))

    def _end_arrows(self):
        """Closes the arrows' expression bodies open on top: they end with the last token."""
        while self.stack and self.stack[-1].kind == "arrow":
            self._close(self.stack.pop(), self.last_end)

    def _previous_is(self, token, back=1):
        return len(self.kinds) >= back and self.kinds[-back] == _PUNCT and self.texts[-back] == token

    def _regex_may_start(self):
        if not self.kinds:
            return True
        kind, token, index = self.kinds[-1], self.texts[-1], len(self.kinds) - 1
        if kind == _NAME:
            return token in _BEFORE_EXPRESSION
        if kind != _PUNCT:
            return False
        if token == ")":  # if (...) /re/.test(s)
            opened = self.opening.get(index)
            return opened is not None and opened > 0 and self.texts[opened - 1] in _CONTROL
        if token == "}":
            return index in self.block_close
        return token != "]"

    def _object_may_start(self):
        if not self.kinds:
            return False
        kind, token = self.kinds[-1], self.texts[-1]
        if kind == _NAME:
            return token in ("return", "yield", "await", "typeof", "void", "in", "of")
        return kind == _PUNCT and token not in (")", ";", "{", "}", "]")

    def _arrow_start(self, arrow):
        """The first token of the arrow function whose ``=>`` is token ``arrow``."""
        before = arrow - 1
        begin = self.opening.get(before, before) if self.texts[before] == ")" else before
        if begin > 0 and self.texts[begin - 1] == "async" and self.kinds[begin - 1] == _NAME:
            begin -= 1
        return begin

    def _function_before(self, opened):
        """The scope of a function whose parameters open at token ``opened`` (its body's "{"
        follows their ")"), or None when the parentheses are a statement's (if, for, ...)."""
        if opened is None or opened == 0:
            return None
        before = opened - 1
        word = self._word(before)
        keyword = before - 1 if self.texts[before] == "*" else before  # function* (...)
        if self._word(keyword) == "function":  # an anonymous function
            return Scope(self.starts[self._with_async(keyword)], None, self._inferred(self._with_async(keyword)))
        if word is not None and word not in _CONTROL:
            keyword = before - 2 if self._previous_at(before - 1, "*") else before - 1
            if self._word(keyword) == "function":  # function f(...)
                begin = self._with_async(keyword)
                name = (NameToken(word, self.starts[before]),)
                if begin > 0 and self.kinds[begin - 1] == _PUNCT and self.texts[begin - 1] not in ";{})":
                    # an expression: where it stands names it, its own name last (as Sentry)
                    name = (*(self._inferred(begin) or ("",))[:-1], *name)
                return Scope(self.starts[begin], None, name)
            return self._method(before)
        if self.kinds[before] in (_STR, _NUM) or self.texts[before] == "]":
            return self._method(before)
        return None

    def _with_async(self, index):
        return index - 1 if self._word(index - 1) == "async" else index

    def _method(self, key):
        """The scope of a method whose key is token ``key``, inside a class or an object."""
        enclosing = self.stack[-1] if self.stack else None
        if enclosing is None or enclosing.container not in ("class", "object"):
            return None
        if enclosing.container == "class" and self.texts[key] == "constructor":
            return None  # the class's own scope ("new C") is the constructor's
        begin, accessor = self.opening.get(key, key) if self.texts[key] == "]" else key, None
        while begin > enclosing.token + 1 and (self._word(begin - 1) in _MODIFIERS | {"get", "set"}
                                               or self._previous_at(begin - 1, "*")):
            begin -= 1
            accessor = self.texts[begin] if self.texts[begin] in ("get", "set") else accessor
        if self.texts[key] == "]":
            key_part = ["<computed>"]
        elif self.kinds[key] == _NAME:
            key_part = [self._part(key)]
        else:
            key_part = [f'<"{self._part(key)}">' if self.kinds[key] == _STR else f"<{self.texts[key]}>"]
        if enclosing.container == "class":
            name = [*enclosing.context, ".", *key_part] if enclosing.context else key_part
        elif accessor is None:
            name = self._inferred(enclosing.token, key_part, in_object=True, level=len(self.stack) - 2) or key_part
        else:  # an accessor's key comes after what names the object, without "<object>." (as Sentry)
            context = self._inferred(enclosing.token, (), in_object=True, level=len(self.stack) - 2)
            name = [*context, ".", *key_part] if context else key_part
        if accessor is not None:
            name = [accessor + " ", *name]
        return Scope(self.starts[begin], None, tuple(name))

    def _class_name(self, keyword):
        after = keyword + 1
        inferred = self._inferred(keyword)
        if after < len(self.kinds) and self.kinds[after] == _NAME and self.texts[after] != "extends":
            own = NameToken(self.texts[after], self.starts[after])
            # an expression (x = class C {}) is named after both, as Sentry: x.C
            expression = keyword > 0 and self.kinds[keyword - 1] == _PUNCT and self.texts[keyword - 1] not in ";{})"
            return (*inferred, ".", own) if expression and inferred else (own,)
        return inferred

    def _inferred(self, begin, parts=(), in_object=False, level=None):
        """The name an anonymous function, arrow or class starting at token ``begin`` takes from
        where it stands, as Sentry's ``infer_name_from_ctx`` walks up the syntax tree: out through
        calls, parentheses and operators to the variable or member it is assigned to (``a.b =``),
        through object literals' keys (``{key: ...}``; ``<object>.key`` when the object is not
        assigned), up to the enclosing function or statement. None when nothing names it."""
        parts = list(parts)
        level = len(self.stack) - 1 if level is None else level
        index = begin - 1
        while index >= 0:
            kind, text = self.kinds[index], self.texts[index]
            if level >= 0 and index == self.stack[level].token:  # out of the enclosing bracket
                enclosing = self.stack[level]
                if enclosing.kind == "{" and enclosing.container == "object":
                    in_object = True
                elif enclosing.kind == "{" and enclosing.container == "class":  # a class's member
                    name = [*enclosing.context, ".", *parts] if enclosing.context and parts else \
                        enclosing.context or parts
                    return tuple(name) or None
                elif enclosing.kind not in ("(", "[", "${"):
                    break  # a function's body or a block: the walk ends
                level -= 1
                index -= 1
            elif kind == _PUNCT and text in _ASSIGN and level >= 0 and self.stack[level].container == "class":
                index = self.stack[level].token  # a class field: its class names it (as Sentry)
            elif kind == _PUNCT and text in _ASSIGN:
                chain = self._member_chain(index - 1)
                if chain is None:
                    break
                return tuple([*chain, ".", *parts] if parts else chain)
            elif kind == _PUNCT and text in (")", "]", "}"):
                if text == "}" and index in self.block_close:
                    break
                index = self.opening.get(index, 0) - 1  # a bracketed group before: step over it
            elif kind == _PUNCT and text == ":" and index >= 2 and self.texts[index - 2] in ("{", ",") \
                    and self.kinds[index - 1] in (_NAME, _STR):
                if self.kinds[index - 1] == _NAME:  # a key: {key: ...}
                    parts = [self._part(index - 1), ".", *parts] if parts else [self._part(index - 1)]
                if level < 0:
                    break
                index = self.stack[level].token  # past the object's other keys, to its "{"
            elif kind == _PUNCT and text == ":":  # a conditional's alternative: its test and
                index = self._question(index, level) - 1  # consequence are siblings, not parents
            elif kind == _PUNCT and text == ",":  # a sibling's assignment names nothing here
                if level < 0:
                    break
                index = self.stack[level].token
            elif (kind == _PUNCT and text in (";", "=>")) or (kind == _NAME and text in _STATEMENT):
                break
            else:
                index -= 1
        if in_object and parts:
            parts.insert(0, "<object>.")
        return tuple(parts) or None

    def _question(self, colon, level):
        """The token index of the "?" whose ":" is token ``colon`` (0 when not found)."""
        depth, index = 0, colon - 1
        floor = self.stack[level].token if level >= 0 else -1
        while index > floor:
            text = self.texts[index] if self.kinds[index] == _PUNCT else None
            if text in (")", "]", "}"):
                index = self.opening.get(index, 0)
            elif text == ":":
                depth += 1
            elif text == "?":
                if depth == 0:
                    return index
                depth -= 1
            index -= 1
        return 0

    def _member_chain(self, last):
        """``a.b[c].d`` ending at token ``last``, as name parts, or None when it is no such chain."""
        parts = []
        while last >= 0:
            if self.kinds[last] == _NAME:
                parts[:0] = [self._part(last)]
                if not self._previous_at(last - 1, "."):
                    return parts
                parts[:0] = ["."]
                last -= 2
            elif self._previous_at(last, "]") and self.opening.get(last, 0) > 0:
                parts[:0] = self._computed(last)
                last = self.opening[last] - 1
            else:
                return None
        return None

    def _computed(self, closing):
        """A computed key or member ``[...]`` whose "]" is token ``closing``: ``[name]`` for a
        lone identifier, ``[<computed>]`` otherwise (as Sentry)."""
        opened = self.opening.get(closing, -1)
        if opened == closing - 2 and self.kinds[closing - 1] == _NAME:
            return ["[", self._part(closing - 1), "]"]
        if opened == closing - 2 and self.kinds[closing - 1] in (_STR, _NUM):
            return [f"[{self._part(closing - 1)}]"]
        return ["[<computed>]"]

    def _part(self, index):
        if self.kinds[index] == _NAME and self.texts[index] != "this":
            return NameToken(self.texts[index], self.starts[index])
        token = self.texts[index]
        return token[1:-1] if self.kinds[index] == _STR else token

    def _previous_at(self, index, token):
        return index >= 0 and self.kinds[index] == _PUNCT and self.texts[index] == token

    def _word(self, index):
        return self.texts[index] if 0 <= index < len(self.kinds) and self.kinds[index] == _NAME else None
