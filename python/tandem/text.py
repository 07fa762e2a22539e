"""Text kernels: small, exact operations on str that show the routing layer at work and
measure what crossing from Python to Java and Rust costs (one scalar out, one int list out).

Text crosses to the host as UTF-8 with lone surrogates kept (``surrogatepass``), so every
Python str, including ones with lone surrogates, has one answer on every backend.
"""

from tandem._route import kernel

_SAMPLE = "Tandem routes kernels to Java and Rust 🙂 — 東京 — naïve café\n" * 40


@kernel("text.codepoints", accepts=(str,), result="int_list", sample=lambda: (_SAMPLE,))
def codepoints(text):
    """The Unicode code points of ``text``: ``[ord(c) for c in text]``."""
    return [ord(character) for character in text]


@kernel("text.fnv1a_32", accepts=(str,), sample=lambda: (_SAMPLE,))
def fnv1a_32(text):
    """32-bit FNV-1a hash of ``text`` encoded as UTF-8 (lone surrogates kept)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8", "surrogatepass"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value
