"""Byte-pair encoding as tiktoken does it: the pure-Python reference, which is the specification.

The Java and Rust backends are checked against this module, and this module is checked against
tiktoken itself (python/tests/test_bpe_parity.py). It favours being obviously right over being
fast. Encoding a text goes through four steps (``Encoding.encode``):

1. **Special tokens.** ``encode`` refuses text that contains a *disallowed* special token
   (ValueError), then cuts the text at each *allowed* one; those become their own ids.
2. **Surrogates.** Text containing surrogates is first rewritten the way tiktoken rewrites it:
   pairs of lone surrogates are joined, the remaining lone ones become U+FFFD.
3. **Pre-tokenization.** Each stretch of text between special tokens is split into *pieces*
   by the encoding's pattern (``_pretokenize``); a merge never crosses a piece boundary.
4. **Byte-pair merging.** Each piece's UTF-8 bytes start as single bytes; the adjacent pair
   whose concatenation has the lowest rank is merged, the leftmost of equals first, until no
   adjacent pair is a token. The ranks of the parts are the token ids.

Rank files (``.tiktoken``: one ``base64(token bytes) rank`` a line) are not part of the source
tree. ``get_encoding`` reads them from the directory given as ``ranks=`` or named by the
environment variable ``TANDEM_RANKS_DIR`` (``scripts/peers.sh`` extracts them into
``target/ranks/``), and checks them against the SHA-256 sums tiktoken checks.

    >>> from tandem import bpe
    >>> enc = bpe.get_encoding("cl100k_base")
    >>> enc.encode_ordinary("hello world")
    [15339, 1917]
    >>> enc.decode([15339, 1917])
    'hello world'
"""

import base64
import binascii
import hashlib
import heapq
import operator
import os
import re
import threading

from tandem import _gateway
from tandem.bpe import _pretokenize
from tandem._route import INT32, KernelError, ListOf, kernel
from tandem.text import as_utf16_sees_it

__all__ = ["ENCODINGS", "Encoding", "EncodingSpec", "InvalidToken", "byte_pair_merge",
           "byte_pair_encode", "define", "dump_ranks", "get_encoding", "list_encoding_names", "load_ranks"]

RANKS_DIR_VARIABLE = "TANDEM_RANKS_DIR"


class InvalidToken(KeyError):
    """A token id that the encoding does not have (a KeyError, as in tiktoken)."""

    def __str__(self):  # KeyError would show the message in quotes
        return str(self.args[0])


# --- 1. The encodings -------------------------------------------------------------------------
#
# The facts below (patterns, special tokens, vocabulary sizes, rank file sums) are those of
# tiktoken's tiktoken_ext/openai_public.py. The patterns are in tiktoken's regex syntax (the
# Rust regex crate's); _pretokenize translates them for Python's re.

ENDOFTEXT = "<|endoftext|>"
FIM_PREFIX = "<|fim_prefix|>"
FIM_MIDDLE = "<|fim_middle|>"
FIM_SUFFIX = "<|fim_suffix|>"
ENDOFPROMPT = "<|endofprompt|>"

#: GPT-2's rule (r50k_base, p50k_base, p50k_edit), alternatives tried left to right:
#: a contraction suffix ('s 't 're 've 'm 'll 'd, lower case only); an optional space and a run
#: of letters; of numbers; of anything else (not space, letter or number); white space that
#: ends the text; white space up to, not including, the last space before a non-space (so the
#: space goes with the next word); one white-space character. The possessive quantifiers
#: (``++``) never give back what they took, which changes speed, not results.
R50K_PATTERN = (
    r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
)

#: cl100k_base: contractions in any case (``'S``, ``'Ll``); a word is letters with at most
#: one leading character that is not a line break, letter or number (often a space or a
#: quote); numbers go in groups of at most three digits; punctuation takes an optional
#: leading space and the line breaks right after it; white space up to and including the
#: last line break of a run; otherwise as GPT-2.
CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|"""
    r"""\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

#: o200k_base: words are cut by case, so "CamelCase" gives "Camel" and "Case": an optional
#: leading non-letter/number/line break, then either upper-case-like letters followed by
#: lower-case-like ones, or (second alternative) a run led by upper-case-like letters; marks
#: (\p{M}) count on both sides, and a contraction suffix stays with its word. Then numbers in
#: groups of three; punctuation with an optional leading space and the line breaks or
#: slashes after it; white space ending in line breaks; white space before a non-space minus
#: its last character; any other white space. No possessive quantifiers here: this pattern
#: backtracks.
O200K_PATTERN = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])


class EncodingSpec:
    """What defines an encoding, rank data aside: its pattern, special tokens, rank file."""

    __slots__ = ("name", "pattern", "special_tokens", "rank_file", "rank_file_sha256", "n_vocab")

    def __init__(self, name, pattern, special_tokens, rank_file, rank_file_sha256, n_vocab):
        self.name = name
        self.pattern = pattern
        self.special_tokens = dict(special_tokens)
        self.rank_file = rank_file
        self.rank_file_sha256 = rank_file_sha256
        self.n_vocab = n_vocab

    def __repr__(self):
        return f"EncodingSpec({self.name!r})"


_R50K_SHA256 = "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930"
_P50K_SHA256 = "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"
_CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
_O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"

#: The encodings by name. n_vocab is tiktoken's: the highest id plus one, although some ids
#: below it may be unused (cl100k_base has none for 100256 and 100261..100275, o200k_base
#: none for 199998 and 200000..200017).
ENCODINGS = {spec.name: spec for spec in (
    EncodingSpec("r50k_base", R50K_PATTERN, {ENDOFTEXT: 50256},
                 "r50k_base.tiktoken", _R50K_SHA256, 50257),
    EncodingSpec("p50k_base", R50K_PATTERN, {ENDOFTEXT: 50256},
                 "p50k_base.tiktoken", _P50K_SHA256, 50281),
    EncodingSpec("p50k_edit", R50K_PATTERN,
                 {ENDOFTEXT: 50256, FIM_PREFIX: 50281, FIM_MIDDLE: 50282, FIM_SUFFIX: 50283},
                 "p50k_base.tiktoken", _P50K_SHA256, 50284),
    EncodingSpec("cl100k_base", CL100K_PATTERN,
                 {ENDOFTEXT: 100257, FIM_PREFIX: 100258, FIM_MIDDLE: 100259, FIM_SUFFIX: 100260,
                  ENDOFPROMPT: 100276},
                 "cl100k_base.tiktoken", _CL100K_SHA256, 100277),
    EncodingSpec("o200k_base", O200K_PATTERN, {ENDOFTEXT: 199999, ENDOFPROMPT: 200018},
                 "o200k_base.tiktoken", _O200K_SHA256, 200019),
)}


def list_encoding_names():
    return list(ENCODINGS)


# --- 2. Rank files ------------------------------------------------------------------------------

_DIGITS = re.compile(rb"[0-9]+")


def load_ranks(source):
    """Parses a ``.tiktoken`` rank file: ``{token bytes: rank}``.

    ``source`` is the file's contents (bytes) or its path. Strict, since a damaged file would
    otherwise tokenize wrongly without a word: every line must be ``BASE64 RANK`` followed by a
    newline (``\\r\\n`` is accepted), with valid base64 of at least one byte and a decimal rank
    below 2**32; tokens and ranks must be unique. Anything else raises ValueError naming the
    line number (a file cut short usually ends without its newline).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        contents, where = bytes(source), "rank data"
    else:
        where = os.fspath(source)
        with open(where, "rb") as file:
            contents = file.read()
    if not contents:
        raise ValueError(f"{where}: empty rank file")
    lines = contents.split(b"\n")
    if lines[-1]:
        raise ValueError(f"{where}: line {len(lines)} has no newline at the end: the file is truncated")
    ranks = {}
    line_of_rank = {}
    for number, line in enumerate(lines[:-1], start=1):
        if line.endswith(b"\r"):
            line = line[:-1]
        fields = line.split(b" ")
        if len(fields) != 2 or not fields[0] or not _DIGITS.fullmatch(fields[1]):
            raise ValueError(f"{where}: line {number} is not 'BASE64 RANK': {_show(line)}")
        try:
            token = base64.b64decode(fields[0], validate=True)
        except binascii.Error as error:
            raise ValueError(f"{where}: line {number}: invalid base64 {_show(fields[0])} ({error})") from None
        rank = int(fields[1])
        if not token:
            raise ValueError(f"{where}: line {number}: the token is empty")
        if rank >= 2**32:
            raise ValueError(f"{where}: line {number}: rank {rank} does not fit in 32 bits")
        if token in ranks:
            raise ValueError(f"{where}: line {number}: token {token!r} again (first on line "
                             f"{line_of_rank[ranks[token]]})")
        if rank in line_of_rank:
            raise ValueError(f"{where}: line {number}: rank {rank} again (first on line {line_of_rank[rank]})")
        ranks[token] = rank
        line_of_rank[rank] = number
    return ranks


def _show(line, limit=60):
    text = repr(line[:limit])
    return text + ("..." if len(line) > limit else "")


# --- 3. Byte-pair merging -----------------------------------------------------------------------

#: Pieces at least this long are merged with a heap (O(n log n)) instead of by rescanning
#: (O(n^2)). Both give the same parts; tiktoken switches at the same length.
LONG_PIECE = 100


def byte_pair_merge(piece, ranks):
    """Splits ``piece`` (bytes) into the parts BPE leaves: a list of byte strings.

    Start from single bytes. Repeatedly find the adjacent pair of parts whose concatenation
    has the lowest rank (the leftmost such pair when several have it) and merge it; stop
    when no adjacent pair concatenates to a token. Ranks are looked up by bytes, never by
    pairs of ids: a rank table trained the usual way makes the two agree.
    """
    if len(piece) >= LONG_PIECE:
        return _byte_pair_merge_heap(piece, ranks)
    return _byte_pair_merge_scan(piece, ranks)


def _byte_pair_merge_scan(piece, ranks):
    """``byte_pair_merge`` as its docstring says it, rescanning all pairs after each merge."""
    parts = [piece[i:i + 1] for i in range(len(piece))]
    while len(parts) > 1:
        best_rank, best_at = None, None
        for at in range(len(parts) - 1):
            rank = ranks.get(parts[at] + parts[at + 1])
            if rank is not None and (best_rank is None or rank < best_rank):
                best_rank, best_at = rank, at
        if best_at is None:
            break
        parts[best_at:best_at + 2] = [parts[best_at] + parts[best_at + 1]]
    return parts


def _byte_pair_merge_heap(piece, ranks):
    """``byte_pair_merge`` for long pieces: the same merges, found with a heap.

    Parts are ``piece[start:end[start]]`` for the starts still in use, linked both ways. The
    heap holds (rank, start) for candidate pairs; a popped entry whose rank is no longer the
    rank of the pair now starting there is stale and skipped (ranks are unique, and a pair
    only ever grows, so a stale entry never looks current). Popping the smallest
    (rank, start) is exactly "lowest rank, leftmost first".
    """
    size = len(piece)
    end = list(range(1, size + 1))        # end[start]: where the part starting at start ends
    previous = list(range(-1, size - 1))  # previous[start]: the start of the part before it
    pair_rank = [None] * size             # rank of the pair (part at start, next part)
    heap = []

    def consider(start):
        right = end[start]
        rank = ranks.get(piece[start:end[right]]) if right < size else None
        pair_rank[start] = rank
        if rank is not None:
            heap.append((rank, start)) if building else heapq.heappush(heap, (rank, start))

    building = True
    for start in range(size - 1):
        consider(start)
    heapq.heapify(heap)
    building = False

    while heap:
        rank, start = heapq.heappop(heap)
        if pair_rank[start] != rank:
            continue
        right = end[start]
        end[start] = end[right]
        pair_rank[right] = None
        if end[start] < size:
            previous[end[start]] = start
        consider(start)
        if previous[start] >= 0:
            consider(previous[start])

    parts = []
    start = 0
    while start < size:
        parts.append(piece[start:end[start]])
        start = end[start]
    return parts


def byte_pair_encode(piece, ranks):
    """The token ids of ``piece`` (bytes): its BPE parts, each looked up."""
    return [ranks[part] for part in byte_pair_merge(piece, ranks)]


# --- 4. Encodings -------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_tiktoken_sees_it(text):
    """``text``, with surrogates treated as tiktoken treats them.

    tiktoken hands text to Rust as UTF-8, which cannot carry surrogates; when that fails it
    round-trips the text through UTF-16 (``text.encode("utf-16", "surrogatepass")
    .decode("utf-16", "replace")``). The effect, spelled out here: a high surrogate directly
    followed by a low one becomes the character the pair encodes, and every other surrogate
    becomes U+FFFD. (Spelled out because GraalPy 25.0's "surrogatepass" UTF-16 encoder raises
    on some texts with several surrogates, and its UTF-8 encoder joins such a pair where
    CPython's raises.) Texts without surrogates are returned unchanged.
    """
    if not _SURROGATE.search(text):
        return text
    out = []
    at = 0
    while at < len(text):
        char = text[at]
        if "\ud800" <= char <= "\udbff" and at + 1 < len(text) and "\udc00" <= text[at + 1] <= "\udfff":
            out.append(chr(0x10000 + ((ord(char) - 0xD800) << 10) + (ord(text[at + 1]) - 0xDC00)))
            at += 2
            continue
        out.append("\ufffd" if "\ud800" <= char <= "\udfff" else char)
        at += 1
    return "".join(out)


class Encoding:
    """A BPE encoding: a pattern, mergeable ranks and special tokens, as ``tiktoken.Encoding``.

    ``mergeable_ranks`` must give every single byte a rank (or text containing that byte could
    not be encoded), and ranks and special token ids must be unique.
    """

    def __init__(self, name, *, pattern, mergeable_ranks, special_tokens, n_vocab=None):
        self.name = name
        self.pattern = pattern
        self._ranks = mergeable_ranks
        self._special_tokens = dict(special_tokens)
        missing = [byte for byte in range(256) if bytes([byte]) not in mergeable_ranks]
        if missing:
            raise ValueError(f"{name}: {len(missing)} single bytes have no rank "
                             f"(first: {missing[0]:#04x}); every byte needs one")
        self._decoder = {rank: token for token, rank in mergeable_ranks.items()}
        if len(self._decoder) != len(mergeable_ranks):
            raise ValueError(f"{name}: two tokens share a rank")
        for special, token in self._special_tokens.items():
            if token in self._decoder:
                raise ValueError(f"{name}: special token {special!r} has id {token}, "
                                 f"which is the rank of {self._decoder[token]!r}")
            self._decoder[token] = special.encode("utf-8")
        if len(set(self._special_tokens.values())) != len(self._special_tokens):
            raise ValueError(f"{name}: two special tokens share an id")
        self.max_token_value = max(self._decoder)
        if n_vocab is not None and n_vocab != self.max_token_value + 1:
            raise ValueError(f"{name}: expected {n_vocab} token ids, the data has "
                             f"{self.max_token_value + 1}")
        self._compiled = _pretokenize.compile_pattern(pattern)

    def __repr__(self):
        return f"<Encoding {self.name!r}>"

    @property
    def n_vocab(self):
        """The highest token id plus one, as in tiktoken (there may be unused ids below it)."""
        return self.max_token_value + 1

    @property
    def eot_token(self):
        return self._special_tokens[ENDOFTEXT]

    @property
    def special_tokens_set(self):
        return frozenset(self._special_tokens)

    # Encoding ---------------------------------------------------------------------------------

    def pieces(self, text):
        """The pre-tokenizer's pieces of ``text`` (special tokens not recognised)."""
        return _pretokenize.split(self._compiled, _as_tiktoken_sees_it(_check_text(text)))

    def encode_ordinary(self, text):
        """The token ids of ``text``, special tokens encoded as the plain text they are."""
        return self._encode_stretch(_as_tiktoken_sees_it(_check_text(text)))

    def encode(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        """The token ids of ``text``, with tiktoken's rules for special tokens.

        ``allowed_special`` ("all" or a set): these special tokens become their ids.
        ``disallowed_special`` ("all", meaning every special token not allowed, or a
        collection): if the text contains any of these strings, raise ValueError; pass ``()``
        to encode them as plain text. Special tokens in neither are plain text.
        """
        _check_text(text)
        if allowed_special == "all":
            allowed_special = self.special_tokens_set
        if disallowed_special == "all":
            disallowed_special = self.special_tokens_set - set(allowed_special)
        if disallowed_special:
            found = _any_of(disallowed_special).search(text)
            if found:
                raise disallowed_special_error(found.group())
        text = _as_tiktoken_sees_it(text)
        allowed = [token for token in self._special_tokens if token in allowed_special]
        if not allowed:
            return self._encode_stretch(text)
        tokens = []
        start = 0
        for special in _any_of(allowed).finditer(text):
            tokens += self._encode_stretch(text[start:special.start()])
            tokens.append(self._special_tokens[special.group()])
            start = special.end()
        tokens += self._encode_stretch(text[start:])
        return tokens

    def _encode_stretch(self, text):
        """Text with no special tokens in it: pieces, then BPE on each piece's UTF-8 bytes.

        The pattern sees this stretch alone: at a special token the text "ends" for ``$`` and
        for the lookahead of ``\\s+(?!\\S)``, as in tiktoken.
        """
        tokens = []
        for piece in _pretokenize.split(self._compiled, text):
            data = piece.encode("utf-8")
            rank = self._ranks.get(data)
            if rank is not None:  # most pieces are one token: skip the merging
                tokens.append(rank)
            else:
                tokens += byte_pair_encode(data, self._ranks)
        return tokens

    # Decoding ---------------------------------------------------------------------------------

    def decode_single_token_bytes(self, token):
        """The bytes of one token id; special tokens decode to their UTF-8 text.

        Errors as in tiktoken: TypeError for a non-integer, OverflowError outside
        0..2**32-1, InvalidToken (a KeyError) for an id the encoding does not have.
        """
        token = check_token_id(token)
        found = self._decoder.get(token)
        if found is None:
            raise InvalidToken(f"Invalid token for decoding: {token} ({self.name} has ids "
                               f"0..{self.max_token_value}, some unused)")
        return found

    def decode_bytes(self, tokens):
        """The bytes the token ids stand for, concatenated (not necessarily valid UTF-8)."""
        return b"".join([self.decode_single_token_bytes(token) for token in tokens])

    def decode(self, tokens, errors="replace"):
        """The text of the token ids; invalid UTF-8 becomes U+FFFD unless ``errors`` says else."""
        return self.decode_bytes(tokens).decode("utf-8", errors=errors)


def check_token_id(token):
    """``token`` as an int id, or tiktoken's error for what is no id at all: TypeError for a
    non-integer (1.0 and "1" are not ids, although 1.0 == 1), OverflowError outside 0..2**32-1."""
    try:
        token = operator.index(token)
    except TypeError:
        raise TypeError(f"token ids are int, not {type(token).__name__}") from None
    if not 0 <= token < 2**32:
        raise OverflowError(f"token id {token} is out of range: ids are 0..2**32-1")
    return token


def disallowed_special_error(token):
    """The ValueError for text that holds the disallowed special token ``token``."""
    return ValueError(
        f"the text contains the special token {token!r}, which is disallowed. "
        f"To encode it as the special token, pass allowed_special={{{token!r}}} "
        f"(or \"all\"); to encode it as plain text, leave it out of disallowed_special "
        f"(disallowed_special=() disables the check for every special token).")


def _check_text(text):
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def _any_of(strings):
    """A regex finding the leftmost occurrence of any of ``strings`` (longest first on ties)."""
    return re.compile("|".join(re.escape(s) for s in sorted(strings, key=lambda s: (-len(s), s))))


# --- 5. Loading the named encodings -------------------------------------------------------------

_cache = {}
_cache_lock = threading.Lock()


def get_encoding(name, ranks=None):
    """The named encoding (one of ``list_encoding_names()``), loaded once per process.

    ``ranks``: where its rank file is: a directory holding ``<file>.tiktoken``, the file's
    path, or its contents as bytes; by default the directory in ``$TANDEM_RANKS_DIR``. The
    data must have the SHA-256 sum tiktoken expects, so every loaded copy is the same.
    """
    spec = ENCODINGS.get(name) if isinstance(name, str) else None
    if spec is None:
        raise ValueError(f"unknown encoding {name!r}; known: {', '.join(ENCODINGS)}")
    with _cache_lock:
        encoding = _cache.get(name)
        if encoding is None:
            mergeable = _cache.get(spec.rank_file_sha256)  # p50k_base and p50k_edit share ranks
            if mergeable is None:
                mergeable = _cache[spec.rank_file_sha256] = load_ranks(_rank_data(spec, ranks))
            encoding = _cache[name] = Encoding(spec.name, pattern=spec.pattern, mergeable_ranks=mergeable,
                                               special_tokens=spec.special_tokens, n_vocab=spec.n_vocab)
    return encoding


#: Encodings defined at run time from a user's ranks (``tandem.tiktoken.Encoding(...)``), by the
#: name the kernels know them by: ``(pattern, ranks)``, no special tokens (the caller handles
#: those). The host keeps its own copy of each (``KernelGateway.bpeDefine``).
_defined = {}

#: The patterns the Java and Rust pre-tokenizers implement, by the name the host gives them.
_PATTERN_KINDS = {R50K_PATTERN: "R50K", CL100K_PATTERN: "CL100K", O200K_PATTERN: "O200K"}


def define(pattern, mergeable_ranks):
    """The kernel name of an encoding of ``mergeable_ranks`` split by ``pattern``, with no special
    tokens, which every backend then runs; None when only the reference can run it (a pattern
    the host's pre-tokenizers do not implement, or a host that holds enough definitions).

    Ranks that are a built-in encoding's (the same file, byte for byte) give that encoding's
    name; others are defined under ``user:<sha256 of pattern and rank file>``, so that equal
    definitions share one name and one copy in the host.
    """
    kind = _PATTERN_KINDS.get(pattern)
    if kind is None:
        return None
    for spec in ENCODINGS.values():  # the ranks of get_encoding(...): no need to serialise them
        if spec.pattern == pattern and _cache.get(spec.rank_file_sha256) is mergeable_ranks:
            return spec.name
    data = dump_ranks(mergeable_ranks)
    digest = hashlib.sha256(data).hexdigest()
    for spec in ENCODINGS.values():
        if spec.pattern == pattern and spec.rank_file_sha256 == digest:
            return spec.name
    name = "user:" + hashlib.sha256(kind.encode() + b"\n" + data).hexdigest()
    if name not in _defined:
        if _gateway.gateway is not None and not _gateway.gateway.bpeDefine(name, kind, data):
            return None
        _defined[name] = (pattern, mergeable_ranks)
    return name


def dump_ranks(mergeable_ranks):
    """``mergeable_ranks`` as a ``.tiktoken`` file (lines by rank), the inverse of ``load_ranks``."""
    return b"".join(base64.b64encode(token) + b" %d\n" % rank
                    for token, rank in sorted(mergeable_ranks.items(), key=operator.itemgetter(1)))


def _rank_data(spec, ranks):
    """The bytes of ``spec``'s rank file from ``ranks`` (see get_encoding), checked by SHA-256."""
    if isinstance(ranks, (bytes, bytearray, memoryview)):
        data, where = bytes(ranks), "the rank data given"
    else:
        if ranks is None:
            ranks = os.environ.get(RANKS_DIR_VARIABLE)
            if not ranks and _gateway.gateway is not None:  # inside Tandem: the host's copy
                return _host_rank_file(spec)
            if not ranks:
                raise FileNotFoundError(
                    f"{spec.name}: no rank data: pass ranks= (a directory or a .tiktoken file) or set "
                    f"{RANKS_DIR_VARIABLE} to a directory holding {spec.rank_file} "
                    f"(scripts/peers.sh puts the four rank files in target/ranks)")
        where = os.fspath(ranks)
        if os.path.isdir(where):
            where = os.path.join(where, spec.rank_file)
        with open(where, "rb") as file:
            data = file.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec.rank_file_sha256:
        raise ValueError(f"{spec.name}: {where} is not {spec.rank_file}: its SHA-256 is {digest}, "
                         f"expected {spec.rank_file_sha256}")
    return data


def _host_rank_file(spec):
    """The rank file the Tandem host packs (checked by the host), as bytes."""
    from polyglot import storage

    packed = _gateway.gateway.bpeRankFile(spec.name)
    data = bytearray(len(packed))
    _gateway.gateway.copyBytes(packed, storage(data), len(data))
    return bytes(data)


# --- 6. The kernels -----------------------------------------------------------------------------
#
# One call per text: the encoding travels by name (the host loads each rank file once per
# process and shares it), the text as str, and the result as one int list. Special tokens
# arrive as the sorted tuple of those to treat as special; the disallowed check has been done
# by the caller (tandem.tiktoken), so no kernel raises for a special token in the text.

_SAMPLE_TEXT = ("Tandem routes kernels to Java and Rust. def f(x):\n    return x ** 2  # 🙂 東京 naïve\n"
                "Numbers 1234567, contractions don't they'll, spaces   and\ttabs.\n") * 20


#: Texts every backend must tokenize alike (the differential harness; tiktoken parity is checked
#: on a far larger corpus by python/tests and the Java tests).
_DIFFERENTIAL_TEXTS = (
    "", "a", "hello world", "  leading and trailing  ", "\n\n\t\r\n x", "1234567890 3.14159",
    "don't WON'T I'M they'll We'Ve ab'ſ", "naïve café", "東京は日本の首都です", "Привет, мир",
    "مرحبا بالعالم", "नमस्ते दुनिया", "🙂🚀🇩🇪 👩‍👩‍👧‍👦 family", "e\u0301 combining ǅungla CamelCaseHTTPServer",
    "a\ud800b lone \udc00 low \ud83d\ude42 pair", "\x00 nul \ufeff bom \u2028 \x1c",
    "x" * 1000, " " * 300 + "end", "def f(x):\n    return x ** 2  # comment\n",
    "<|endoftext|> and <|fim_prefix|>x<|fim_middle|>y<|endofprompt|>", "a  <|endoftext|>",
)


def _differential_texts():
    import random

    generator = random.Random(20261125)
    pool = "aZ9 \n\t'’-_.,!?éßſKΩжש中😀\u0301\u200d\u3000\x85"
    return _DIFFERENTIAL_TEXTS + tuple(
        "".join(generator.choice(pool) for _ in range(generator.randrange(1, 60))) for _ in range(40))


#: One encoding keeps the harness quick: the reference parses rank files slowly on a cold GraalPy.
#: Every encoding is checked against tiktoken itself by the Java and Python parity tests.
_DIFFERENTIAL_ENCODINGS = ("cl100k_base",)


def _encode_cases():
    cases = [(name, text, ()) for name in _DIFFERENTIAL_ENCODINGS for text in _differential_texts()]
    for name in _DIFFERENTIAL_ENCODINGS:
        specials = tuple(sorted(ENCODINGS[name].special_tokens))
        cases += [(name, text, allowed) for text in _DIFFERENTIAL_TEXTS[-2:] for allowed in (specials, specials[:1])]
    return cases + [("cl100k_base", "x", ("<|nope|>",)), ("no_such_encoding", "x", ())]


def _decode_cases():
    return [(name, ids) for name in _DIFFERENTIAL_ENCODINGS for ids in (
        [], [0, 1, 2], list(range(250, 300)), [50256], [100257, 199999, 200018], [15339, 1917],
        [-1], [1, 1000000, -1], [2**31 - 1], [100256], [0xE6, 0x9D],  # 0xE6 0x9D: half a character
    )] + [("nope", [1])]


def reference_encoding(name):
    """The reference Encoding of what the kernels know as ``name``: a built-in encoding (with its
    special tokens) or one ``define`` gave the name (without)."""
    if name not in _defined:
        return get_encoding(name)
    with _cache_lock:
        if not isinstance(_defined[name], Encoding):
            pattern, ranks = _defined[name]
            _defined[name] = Encoding(name, pattern=pattern, mergeable_ranks=ranks, special_tokens={})
        return _defined[name]


def _named(kernel_name, encoding):
    if encoding in _defined:
        return reference_encoding(encoding)
    if encoding not in ENCODINGS:
        # Worded as the host backends word it: the name as a Java String holds it, in quotes.
        raise KernelError(f"{kernel_name}: unknown encoding '{as_utf16_sees_it(encoding)}'; "
                          f"known: {', '.join(ENCODINGS)}")
    try:
        return get_encoding(encoding)
    except ValueError as error:
        raise KernelError(f"{kernel_name}: {error}") from None


@kernel("bpe.encode_ordinary", accepts=(str, str), result="int_list",
        sample=lambda: ("cl100k_base", _SAMPLE_TEXT), cases=lambda: [case[:2] for case in _encode_cases()])
def encode_ordinary(encoding, text):
    """The token ids of ``text`` in the named encoding, special tokens as plain text."""
    return _named("bpe.encode_ordinary", encoding).encode_ordinary(text)


def _encode_allowing(kernel_name, encoding, text, allowed_special):
    """``encode`` with ``allowed_special`` as special tokens; strings in it that are no special
    token of the encoding are ignored, as tiktoken does."""
    named = _named(kernel_name, encoding)
    allowed = frozenset(allowed_special) & named.special_tokens_set
    return named.encode(text, allowed_special=allowed, disallowed_special=())


@kernel("bpe.encode", accepts=(str, str, ListOf(tuple, str)), result="int_list",
        sample=lambda: ("cl100k_base", _SAMPLE_TEXT + ENDOFTEXT, (ENDOFTEXT,)), cases=_encode_cases)
def encode(encoding, text, allowed_special):
    """The token ids of ``text``; the special tokens in ``allowed_special`` become their ids."""
    return _encode_allowing("bpe.encode", encoding, text, allowed_special)


@kernel("bpe.count", accepts=(str, str, ListOf(tuple, str)), sample=lambda: ("cl100k_base", _SAMPLE_TEXT, ()),
        cases=_encode_cases)
def count(encoding, text, allowed_special):
    """``len(encode(encoding, text, allowed_special))``, with no list built on the far side."""
    return len(_encode_allowing("bpe.count", encoding, text, allowed_special))


@kernel("bpe.encode_batch", accepts=(str, ListOf(list, str), ListOf(tuple, str)), result="int_lists",
        sample=lambda: ("cl100k_base", _SAMPLE_TEXT.split("\n"), ()),
        cases=lambda: [(name, list(texts), allowed) for name, text, allowed in _encode_cases()[::20]
                       for texts in ([text, text[::-1], ""], [])])
def encode_batch(encoding, texts, allowed_special):
    """``[encode(encoding, text, allowed_special) for text in texts]``; the host backends spread
    the texts over every core."""
    return [_encode_allowing("bpe.encode_batch", encoding, text, allowed_special) for text in texts]


@kernel("bpe.decode_bytes", accepts=(str, ListOf(list, INT32)), result="bytes",
        sample=lambda: ("cl100k_base", list(range(0, 100000, 7))), cases=_decode_cases)
def decode_bytes(encoding, ids):
    """The bytes of the token ids, concatenated; an unknown id is an error. (Ids that are no
    32-bit int never reach a kernel: tandem.tiktoken raises tiktoken's errors for them.)"""
    named = _named("bpe.decode_bytes", encoding)
    for token in ids:
        if token not in named._decoder:
            raise KernelError(f"bpe.decode_bytes: Invalid token for decoding: {token}")
    return named.decode_bytes(ids)
