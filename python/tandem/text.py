"""Text kernels: small, exact operations on str that show the routing layer at work and
measure what crossing from Python to Java and Rust costs (one scalar out, one int list out).

Text crosses to the host as a Java String, that is as UTF-16: cheap (no encoding in Python)
but blind to one Python distinction, two lone surrogates that happen to form a pair. These
kernels therefore define their answer on the text as UTF-16 sees it: such a pair counts as the
one code point it encodes, on every backend. Other lone surrogates are kept (as UTF-8
``surrogatepass`` bytes where bytes matter).
"""

import re

from tandem._route import kernel

_SAMPLE = "Tandem routes kernels to Java and Rust 🙂 — 東京 — naïve café\n" * 40


_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def as_utf16_sees_it(text):
    """``text`` with adjacent lone surrogates that form a pair joined into one code point.

    Spelled out: GraalPy 25.0's "surrogatepass" UTF-16 codec raises on some texts with several
    surrogates and garbles others (found by the differential fuzz)."""
    if text.isascii():
        return text
    return _SURROGATE_PAIR.sub(_joined, text)


def _joined(pair):
    high, low = pair.group()
    return chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00))


@kernel("text.codepoints", accepts=(str,), result="int_list", sample=lambda: (_SAMPLE,))
def codepoints(text):
    """The Unicode code points of ``text``: ``[ord(c) for c in text]`` (see the module note)."""
    return [ord(character) for character in as_utf16_sees_it(text)]


@kernel("text.fnv1a_32", accepts=(str,), sample=lambda: (_SAMPLE,))
def fnv1a_32(text):
    """32-bit FNV-1a hash of ``text`` encoded as UTF-8, lone surrogates kept."""
    value = 0x811C9DC5
    for byte in as_utf16_sees_it(text).encode("utf-8", "surrogatepass"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value
