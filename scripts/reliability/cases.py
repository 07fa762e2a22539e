"""The inputs scripts/reliability/run.py tries: bad, hostile and huge, as an attacker and a
careless user would give them.

``EMBED`` cases run as snippets in Tandem's default embedding sandbox (scripts/reliability/
Probe.java); ``KERNEL`` cases the same, once per backend, where the three backends must also
give the same error; ``LEAK`` cases pair a change a call makes with a check that the next call
on the same pooled context does not see it; ``CLI`` cases run ``./tandem`` as a user types it.

An EMBED or KERNEL case is ``(id, expect, code)`` or ``(id, expect, code, timeout_seconds)``,
where expect is ``error`` (a clear Python exception), ``ok`` (no error), ``any`` (a value or a
clear error), ``timeout`` (the timeout stops it) or ``denied`` (the sandbox refuses it with a
catchable Python exception). ``SENTINEL`` in code is replaced by a path nobody may write.
"""

ENC = "from tandem import tiktoken\nenc = tiktoken.get_encoding('cl100k_base')\n"
MAP = ("from tandem import sourcemap\n"
       "index = sourcemap.loads('{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"AAAA;AACA\"}')\n")
LINT = "from tandem import lint\n"


def catching(body):
    """Code that runs ``body`` (the last line an expression) and returns the exception's type
    and message as a string, so that an error compares across backends."""
    lines = body.rstrip("\n").split("\n")
    head, last = lines[:-1], lines[-1]
    indented = "\n".join("    " + line for line in head + ["__r = repr(" + last + ")"])
    return ("try:\n" + indented + "\nexcept Exception as __e:\n"
            "    __r = 'raised ' + type(__e).__name__ + ': ' + str(__e)\n__r")


KERNEL = [
    # text
    ("text-codepoints-none", "error", "import tandem.text\ntandem.text.codepoints(None)"),
    ("text-codepoints-int", "error", "import tandem.text\ntandem.text.codepoints(3)"),
    ("text-codepoints-bytes", "error", "import tandem.text\ntandem.text.codepoints(b'x')"),
    ("text-fnv-two-args", "error", "import tandem.text\ntandem.text.fnv1a_32('a', 'b')"),
    ("text-fnv-surrogate", "ok", "import tandem.text\ntandem.text.fnv1a_32('a\\ud800b')"),
    ("text-codepoints-10m", "ok", "import tandem.text\nlen(tandem.text.codepoints('\\u00e9' * 10_000_000))"),
    # tokenizer (tiktoken's API)
    ("bpe-decode-2**31", "error", ENC + "enc.decode([2**31])"),
    ("bpe-decode-2**64", "error", ENC + "enc.decode([2**64])"),
    ("bpe-decode-negative", "error", ENC + "enc.decode([-1])"),
    ("bpe-decode-float", "error", ENC + "enc.decode([1.5])"),
    ("bpe-decode-str", "error", ENC + "enc.decode(['a'])"),
    ("bpe-decode-none", "error", ENC + "enc.decode(None)"),
    ("bpe-decode-unknown-id", "error", ENC + "enc.decode([100_300])"),
    ("bpe-encode-none", "error", ENC + "enc.encode(None)"),
    ("bpe-encode-int", "error", ENC + "enc.encode(3)"),
    ("bpe-encode-bytes", "error", ENC + "enc.encode(b'abc')"),
    ("bpe-encode-special", "error", ENC + "enc.encode('<|endoftext|>')"),
    ("bpe-encode-allowed-int", "error", ENC + "enc.encode('x', allowed_special=3)"),
    ("bpe-batch-mixed", "error", ENC + "enc.encode_ordinary_batch(['a', 3])"),
    ("bpe-batch-none", "error", ENC + "enc.encode_batch(None)"),
    ("bpe-batch-nested", "error", ENC + "enc.encode_ordinary_batch([['a']])"),
    ("bpe-single-token-unknown", "error", ENC + "enc.encode_single_token('no such token here')"),
    ("bpe-single-bytes-huge", "error", ENC + "enc.decode_single_token_bytes(10**9)"),
    ("bpe-unknown-encoding", "error", "from tandem import tiktoken\ntiktoken.get_encoding('nope')"),
    ("bpe-encoding-name-int", "error", "from tandem import tiktoken\ntiktoken.get_encoding(3)"),
    ("bpe-surrogates", "ok", ENC + "enc.encode('\\ud800\\udc00\\udfff x \\ud83d')"),
    ("bpe-long-piece", "ok", ENC + "len(enc.encode_ordinary('a' * 200_000))"),
    ("bpe-count-40m", "ok", ENC + "enc.count_tokens('hello world ' * 3_400_000)"),
    ("bpe-custom-bad-ranks", "error",
     "from tandem import tiktoken\n"
     "tiktoken.Encoding('x', pat_str=r'\\w+', mergeable_ranks={b'a': 'zero'}, special_tokens={}).encode('a')"),
    ("bpe-custom-bad-pattern", "error",
     "from tandem import tiktoken\n"
     "tiktoken.Encoding('x', pat_str='(', mergeable_ranks={b'a': 0}, special_tokens={}).encode('a')"),
    # source maps
    ("sourcemap-not-json", "error", "from tandem import sourcemap\nsourcemap.loads('not json')"),
    ("sourcemap-empty-object", "error", "from tandem import sourcemap\nsourcemap.loads('{}')"),
    ("sourcemap-bad-vlq", "error",
     "from tandem import sourcemap\nsourcemap.loads('{\"version\":3,\"sources\":[],\"names\":[],\"mappings\":\"!!!\"}')"),
    ("sourcemap-vlq-overflow", "error",
     "from tandem import sourcemap\n"
     "sourcemap.loads('{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\"+/////////D\"}')"),
    ("sourcemap-source-out-of-range", "error",
     "from tandem import sourcemap\nsourcemap.loads('{\"version\":3,\"sources\":[],\"names\":[],\"mappings\":\"AAAA\"}')"),
    ("sourcemap-version-huge", "error",
     "from tandem import sourcemap\nsourcemap.loads('{\"version\":1e999,\"sources\":[],\"names\":[],\"mappings\":\"\"}')"),
    ("sourcemap-json-deep", "error", "from tandem import sourcemap\nsourcemap.loads('[' * 200_000)"),
    ("sourcemap-sections-deep", "error",
     "from tandem import sourcemap\n"
     "s = '{\"version\":3,\"mappings\":\"\",\"sources\":[],\"names\":[]}'\n"
     "for i in range(3000):\n"
     "    s = '{\"version\":3,\"sections\":[{\"offset\":{\"line\":0,\"column\":0},\"map\":' + s + '}]}'\n"
     "sourcemap.loads(s)"),
    ("sourcemap-lookup-float", "error", MAP + "index.lookup(1.5, 0)"),
    ("sourcemap-lookup-negative", "error", MAP + "index.lookup(-1, 0)"),
    ("sourcemap-lookup-huge", "error", MAP + "index.lookup(2**40, 0)"),
    ("sourcemap-lookup-str", "error", MAP + "index.lookup('a', 0)"),
    ("sourcemap-lookup-none", "error", MAP + "index.lookup(0, None)"),
    ("sourcemap-huge-mappings", "ok",
     "from tandem import sourcemap\n"
     "len(sourcemap.loads('{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\"' + 'AAAA,' * 2_000_000 + 'AAAA\"}'))",
     120),
    # linter
    ("lint-chain-3m", "any", LINT + "len(lint.check('x = ' + '+'.join(['a'] * 3_000_000)))"),
    ("lint-parens-100k", "any", LINT + "len(lint.check('(' * 100_000 + ')' * 100_000))"),
    ("lint-lists-open", "any", LINT + "len(lint.check('[' * 100_000))"),
    ("lint-unary-chain", "any", LINT + "len(lint.check('x = ' + '-' * 1_000_000 + '1'))"),
    ("lint-nested-defs", "any",
     LINT + "len(lint.check(''.join(' ' * i + 'def f():\\n' for i in range(3000)) + ' ' * 3000 + 'pass\\n'))"),
    ("lint-nested-dicts-20k", "any", LINT + "len(lint.check('x = ' + '{1:' * 20_000 + '1' + '}' * 20_000))"),
    ("lint-fstring-nest", "any", LINT + "len(lint.check('x = ' + 'f\"{' * 500 + '1' + '}\"' * 500))"),
    ("lint-nul", "any", LINT + "len(lint.check('x = 1\\0\\n'))"),
    ("lint-source-none", "error", LINT + "lint.check(None)"),
    ("lint-select-bogus", "error", LINT + "lint.check('x = 1', select=3)"),
    ("lint-20mb", "any", LINT + "len(lint.check('x = 1\\n' * 3_500_000))"),
]

EMBED = [
    # the sandbox: every one refused with a Python exception the script can catch
    ("sandbox-open-write", "denied", "open('SENTINEL', 'w').write('x')"),
    ("sandbox-open-read", "denied", "open('/etc/passwd').read()"),
    ("sandbox-os-remove", "denied", "import os\nos.remove('SENTINEL')"),
    ("sandbox-os-system", "denied", "import os\nos.system('touch SENTINEL')"),
    ("sandbox-subprocess", "denied", "import subprocess\nsubprocess.run(['touch', 'SENTINEL'])"),
    ("sandbox-os-getpid", "any", "import os\nos.getpid()"),
    ("sandbox-os-exit", "denied", "import os\nos._exit(3)"),
    ("sandbox-socket", "denied", "import socket\nsocket.create_connection(('127.0.0.1', 9))"),
    ("sandbox-thread", "denied", "import threading\nt = threading.Thread(target=print)\nt.start()"),
    ("sandbox-environ", "any", "import os\nos.environ.get('HOME')"),
    ("sandbox-ctypes", "denied", "import ctypes\nctypes.CDLL(None)"),
    ("sandbox-java-type", "denied", "import java\njava.type('java.lang.System').exit(7)"),
    ("sandbox-polyglot-eval", "denied", "import polyglot\npolyglot.eval(language='js', string='1')"),
    ("sandbox-calibration-store", "denied",
     "from tandem import _gateway\n_gateway.gateway.storeCalibration('text.codepoints', 'java=oops')"),
    ("sandbox-gateway-copy-oob", "denied",
     "from tandem import _gateway\nimport polyglot\n"
     "_gateway.gateway.copyInts(polyglot.storage([1, 2]), polyglot.storage([0, 0]), 1_000_000)"),
    ("sandbox-gateway-rankfile-bad", "denied",
     "from tandem import _gateway\n_gateway.gateway.bpeRankFile('../../etc/passwd')"),
    # results the host converts
    ("result-self-list", "error", "l = []\nl.append(l)\nl"),
    ("result-self-dict", "error", "d = {}\nd['d'] = d\nd"),
    ("result-deep-list", "error", "l = []\nfor _ in range(100_000):\n    l = [l]\nl"),
    ("result-big-int", "ok", "2 ** 100_000 > 0 and 2 ** 100_000"),
    ("result-bytes-100mb", "ok", "b'x' * 100_000_000"),
    # resources
    ("recursion", "error", "def f():\n    return f()\nf()"),
    ("memory-huge-str", "error", "'a' * (2 ** 40)"),
    ("memory-huge-list", "error", "[0] * (10 ** 11)"),
    ("syntax-error", "error", "def ("),
    ("timeout-busy-loop", "timeout", "while True:\n    pass", 1),
    ("timeout-sleep", "timeout", "import time\ntime.sleep(100)", 1),
    ("timeout-regex", "timeout", "import re\nre.match('(a+)+$', 'a' * 40 + 'b')", 1),
    ("timeout-count-tokens-rust", "timeout",
     "import tandem\nfrom tandem import tiktoken\nwith tandem.using('rust'):\n"
     "    tiktoken.get_encoding('cl100k_base').count_tokens('a' * 40_000_000)", 3),
    ("timeout-count-tokens-java", "timeout",
     "import tandem\nfrom tandem import tiktoken\nwith tandem.using('java'):\n"
     "    tiktoken.get_encoding('cl100k_base').count_tokens('a' * 40_000_000)", 3),
    ("timeout-lint-nested-rust", "timeout-or-any",
     "import tandem\nfrom tandem import lint\nwith tandem.using('rust'):\n"
     "    lint.check('x = ' + '{1:' * 40_000 + '1' + '}' * 40_000)", 3),
    ("session-then-pool-of-one", "ok", "SESSION\n1 + 1"),
]

#: (id, change, check): the check's value after the change must equal its value before.
LEAK = [
    ("leak-recursionlimit", "import sys\nsys.setrecursionlimit(50)", "import sys\nsys.getrecursionlimit()"),
    ("leak-warnings", "import warnings\nwarnings.simplefilter('error')",
     "import warnings\nwarnings.warn('w', UserWarning)\n'no error'"),
    ("leak-kernel-patch", "import tandem.text\ntandem.text.fnv1a_32 = lambda s: 0",
     "import tandem.text\ntandem.text.fnv1a_32('hello')"),
    ("leak-routing", "import tandem\ntandem.using('python').__enter__()",
     "import tandem._route\nrepr(tandem._route.current_policy())"),
    ("leak-sys-modules", "import sys\nsys.modules['json'] = None", "import json\njson.dumps(1)"),
    ("leak-builtins", "import builtins\nbuiltins.len = lambda x: -1", "len('abc')"),
    ("leak-os-environ", "import os\nos.environ['TANDEM_LEAK'] = '1'", "import os\nos.environ.get('TANDEM_LEAK')"),
    ("leak-stdout", "import sys, io\nsys.stdout = io.StringIO()", "import sys\ntype(sys.stdout).__name__"),
    ("leak-float-repr", "import sys\nsys.set_int_max_str_digits(640)", "len(str(10 ** 5000))"),
]

#: (id, argv, options): ./tandem ARGV. Options: stdin (text, or None for a closed stdin),
#: stdout_closed, env (changes; a None value unsets), expect_status, expect_out (substring),
#: files {name: text} written first (paths in argv may use {dir}), sigint_when_ready (Ctrl-C once
#: the script printed "ready").
CLI = [
    ("cli-stdin-closed", ["-c", "import sys; print(sys.stdin is None)"],
     {"stdin": None, "expect_status": 0, "expect_out": "True"}),
    ("cli-stdout-closed", ["-c", "print('x'); import sys; sys.stderr.write(str(sys.stdout is None))"],
     {"stdout_closed": True, "expect_status": 0, "expect_err": "True"}),
    ("cli-run-unknown-option", ["run", "--bogus", "{dir}/ok.py"],
     {"files": {"ok.py": "print(1)"}, "expect_status": 2, "expect_err": "unknown option"}),
    ("cli-backend-unknown", ["--backend", "fortran", "-c", "pass"], {"expect_status": 2}),
    ("cli-route-unknown-kernel", ["--route", "nokernel=rust", "-c", "pass"], {"expect_status": 2}),
    ("cli-run-stdin-dash", ["run", "-"], {"stdin": "print(6 * 7)\n", "expect_status": 0, "expect_out": "42"}),
    ("cli-run-dev-stdin", ["run", "/dev/stdin"], {"stdin": "print(6 * 7)\n", "expect_status": 0, "expect_out": "42"}),
    ("cli-run-missing", ["run", "{dir}/missing.py"], {"expect_status": 2}),
    ("cli-exit-huge", ["-c", "import sys; sys.exit(2**70)"], {"expect_status": 255}),
    ("cli-keyboard-interrupt", ["-c", "raise KeyboardInterrupt"], {"expect_status": 130}),
    ("cli-sigint", ["-c", "import time\ntry:\n    print('ready', flush=True)\n    time.sleep(60)\n"
                          "finally:\n    print('finally ran', flush=True)"],
     {"sigint_when_ready": True, "expect_status": 130, "expect_out": "finally ran"}),
    ("cli-home-unset", ["-c", "print('ok')"], {"env": {"HOME": None}, "expect_status": 0, "expect_out": "ok"}),
    ("cli-lint-chain", ["lint", "{dir}/chain.py"],
     {"files": {"chain.py": "x = " + "+".join(["a"] * 3_000_000) + "\n"}, "expect_status": 1}),
    # as Ruff: files it cannot lint are E902 diagnostics (status 1), not usage errors
    ("cli-lint-dev-zero", ["lint", "/dev/zero"], {"expect_status": 1, "expect_out": "E902"}),
    ("cli-lint-symlink-loop", ["lint", "{dir}/cycle"],
     {"symlink_loop": "cycle", "expect_status": 1, "expect_out": "symbolic links"}),
    ("cli-lint-unknown-option", ["lint", "--bogus", "{dir}"], {"expect_status": 2, "expect_err": "unknown option"}),
    ("cli-lint-unknown-config-key", ["lint", "{dir}/proj/a.py"],
     {"files": {"proj/pyproject.toml": "[tool.ruff]\nline-lenght = 10\n", "proj/a.py": "x = 1\n"},
      "expect_status": 2, "expect_err": "line-lenght"}),
    ("cli-tokenize-bad-encoding", ["tokenize", "-e", "nope", "-"], {"stdin": "hi", "expect_status": 2}),
    ("cli-symbolicate-bad-map", ["symbolicate", "--map", "{dir}/bad.map", "-"],
     {"files": {"bad.map": "{not json"}, "stdin": "at f (a.js:1:1)\n", "expect_status": 2, "expect_err": "bad.map"}),
    ("cli-corrupt-native-cache", ["-c", "import tandem, tandem.text\nwith tandem.using('rust'):\n"
                                        "    print(tandem.text.fnv1a_32('ok'))"],
     {"corrupt_native_cache": True, "expect_status": 0}),
]
