"""Real snippets that exercise every lint rule: the ``lint.check`` kernel's differential cases
and the unit tests' fixtures. Each holds what fires and what must not."""

CASES = [
    '"""Docstring."""\nimport os, sys\nx = 1\nimport json\nprint(sys, json)\n',
    "if not x in y: pass\nif not x is None: a = 1; b = 2;\n",
    "try:\n    pass\nexcept:\n    pass\nl = 1\nf = lambda: 0\n",
    "if x == None or None != x or x == True: pass\nif type(x) == type(1): pass\n",
    'd = {"a": 1, "a": 2, 1: 1, 1.0: 2, x: 1, x: 2}\nprint(f"abc" "d" f"e", f"{x}" f"k")\n',
    "def g():\n    q = 1\n    w, v = 1, 2\n    a, b = g()\n    with open('f') as fh:\n        pass\n"
    "    try:\n        pass\n    except ValueError as err:\n        pass\n    _unused = 1\n",
    "class I: pass\ndef O(): pass\nimport collections\nimport collections\n",
    "l = 1\nl -= 1\n__all__ = ['a']\n__all__.extend(['b'])\n__all__.append('c')\nfrom m import a, b, c\n",
    "from a import *\nprint(undefined_thing)\n",
    "from a import *\ntry:\n    guarded\nexcept NameError:\n    pass\n",
    "try:\n    guarded\nexcept NameError:\n    pass\n",
    "import os\nimport sys\nimport m\ndef f(os):\n    return os\ndef g():\n    sys = 1\n    for m in y:\n        pass\n"
    "    return sys, [os for os in y], lambda m: m\nif x:\n    for m in z:\n        pass\nclass C:\n    m = 1\n",
    "try:\n    pass\nexcept:\n    if x:\n        raise\ntry:\n    pass\nexcept:\n    log()\n    raise\nexcept ValueError:\n    pass\n",
    "def h():\n    return missing\nfor i in range(3):\n    break\ncontinue\nreturn 1\nyield 2\n",
    "'%s %s' % (1,)\n'%(a)s' % {'a': 1, 'b': 2}\n'%y' % 1\n'{} {}'.format(1)\n'{0} {}'.format(1, 2)\n"
    "'{a}'.format(b=1)\n",
    "assert (x, 'msg')\nif (a, b): pass\nx is 'str'\nraise NotImplemented\n",
    "from __future__ import annotations\nimport typing\ndef f(a: 'Undefined', b: 'typing.List') -> 'int': ...\n",
    "__all__ = ['present', 'absent']\npresent = 1\n",
    "import os  # noqa\nimport sys  # noqa: F401\nimport re  # noqa: E501\n",
    "x = 1   \n    \ny = 2\n" + "z = '" + "a" * 90 + "'\n",
    "x = (\n",
    "def outer():\n    value = 1\n    def inner():\n        return value\n    return inner\n",
    "try:\n    import json\nexcept ImportError:\n    json = None\n",
    "import os\nfor os in range(3):\n    pass\nx = 1\nfrom __future__ import braces\n",
    "def f():\n    from m import *\n    count: int\n    while True:\n        break\n",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\nbreak\n",
    "'%(a)s' % (1,)\n'%s' % {'a': 1}\n'%s %(a)s' % x\n'%(a)s %(b)s' % {'a': 1}\n'%(a)*d' % {'a': 1}\n'%(a' % x\n",
    "'{'.format(1)\n'{0}'.format(1, 2)\n'{} {x}'.format(1, *a, **k)\nf'{x:>{w}}'\nf'{x!r:{y}}' f'plain'\n",
    "a, *b, *c = d\n(" + "x, " * 257 + "*y) = z\n",
    "def g(x: 'List[') -> 'in valid': pass\nclass C:\n    def m(self):\n        return __class__, __module__\n",
    "match p:\n    case [x, *rest] if x:\n        pass\n    case {'k': v, **others}:\n        pass\n"
    "    case Point(x=0) | None as q:\n        print(q, rest, others, v)\n",
    "def h():\n    global g1\n    g1 = 1\n    def inner():\n        nonlocal_name = 2\n        (walrus := 3)\n"
    "        return [y for y in range(3) if (z := y)]\n    del missing_name\n    return locals()\n",
    "import a.b\nimport a.b as c\nfrom . import d\nfrom .e import *\nif x:\n    import f\nelse:\n    import f\n"
    "async def k():\n    await g()\n    async for i in g():\n        pass\n    async with g() as l:\n        pass\n",
    "x = 'é' ; y = \"日本\"  # noqa: E702\nz = 'é' == None\nclass O: pass\nl: int = 1\n"
    "def f(l, *O, I=1, **kw): return lambda I: I\n",
    "x = (1,\ny = 2\n",
    "import os, re\nif a:\n    import os\nelif (b, c):\n    import re\nelif d:\n    def os(): pass\n"
    "    def os(): pass\nelse:\n    import re\n    import re\n",
    "import os\nclass C[T: int, *Ts, **P](list[T]):\n    def m[U: Later](self, y: T, u: U) -> T:\n        return y\n"
    "type Alias[K] = dict[K, Later | Nope]\ntype Fwd = 'Later'\ndef k[os](a: os): pass\nLater = int\nprint(T, U)\n",
    # Nesting past the limits (_nesting): a syntax error on every backend, never a stack overflow.
    "x = " + "+".join(["a"] * 3_000) + "\n",
    "y = 1\nx = " + "(" * 250 + "1" + ")" * 250 + "\n",
    "x = " + "{1:" * 201 + "1" + "}" * 201 + "\n",
    "x = a" + "()" * 250 + "  # noqa\n",
    "if x:\n    pass\n" + "elif x:\n    pass\n" * 101,
    "".join(" " * i + "if x:\n" for i in range(100)) + " " * 100 + "pass\n",
    "x = " + "+".join(["a"] * 200) + "  # at the limit: linted\n",
]
