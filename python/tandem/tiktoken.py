"""A drop-in for tiktoken: ``from tandem import tiktoken`` (inside Tandem, ``import tiktoken``
gives this module too when no real tiktoken is installed).

The named encodings run on the ``bpe.*`` kernels, so the policy decides whether Java, Rust or
the pure-Python reference (:mod:`tandem.bpe`) does the work; inside Tandem the host loads each
rank file once per process and shares it with every context. An ``Encoding`` built from your
own ranks (``Encoding(name, pat_str=..., mergeable_ranks=..., special_tokens=...)``) runs on
every backend too when its pattern is one of the built-in encodings' (the host then holds a copy
of the ranks, and this module handles its special tokens); with any other pattern it runs on the
reference. Third-party encodings come from the ``tiktoken_ext`` namespace package, as in tiktoken.

Semantics are tiktoken's: a disallowed special token in the text raises ValueError, lone
surrogates are treated as tiktoken treats them, decode replaces invalid UTF-8, bad ids raise
KeyError (unknown id), OverflowError (outside 0..2**32-1) or TypeError (not an int). Beyond
tiktoken: ``count_tokens(text)`` counts on the far side and moves no token list back.
"""

import functools
import importlib
import os
import pkgutil
import re

from tandem import _route
from tandem import bpe as _bpe
from tandem.bpe import _unstable

__all__ = ["Encoding", "count_tokens", "encoding_for_model", "encoding_name_for_model", "get_encoding",
           "list_encoding_names", "load_tiktoken_bpe", "load_tokenizer_json"]

#: Inside Tandem ``tiktoken.load``, ``tiktoken.core``, ``tiktoken.model`` and ``tiktoken.registry``
#: are this module too (what plugins import ``load_tiktoken_bpe`` from); a package needs a path.
__path__ = []

#: Name prefixes, then exact model names, as tiktoken 0.14's model.py maps them (prefixes are
#: tried in this order). "gpt2" is r50k_base's vocabulary under GPT-2's name (tiktoken builds the
#: same ranks from GPT-2's files).
MODEL_PREFIX_TO_ENCODING = {
    **dict.fromkeys(("o1-", "o3-", "o4-mini-", "gpt-5", "gpt-4.5-", "gpt-4.1-", "chatgpt-4o-", "gpt-4o-"),
                    "o200k_base"),
    **dict.fromkeys(("gpt-4-", "gpt-3.5-turbo-", "gpt-35-turbo-"), "cl100k_base"),
    "gpt-oss-": "o200k_harmony",
    "ft:gpt-4o": "o200k_base",
    **dict.fromkeys(("ft:gpt-4", "ft:gpt-3.5-turbo", "ft:davinci-002", "ft:babbage-002"), "cl100k_base"),
}
MODEL_TO_ENCODING = {
    **dict.fromkeys(("o1", "o3", "o4-mini", "gpt-5", "gpt-4.1", "gpt-4o"), "o200k_base"),
    **dict.fromkeys(("gpt-4", "gpt-3.5-turbo", "gpt-3.5", "gpt-35-turbo", "davinci-002", "babbage-002",
                     "text-embedding-ada-002", "text-embedding-3-small", "text-embedding-3-large"),
                    "cl100k_base"),
    **dict.fromkeys(("text-davinci-003", "text-davinci-002", "code-davinci-002", "code-davinci-001",
                     "code-cushman-002", "code-cushman-001", "davinci-codex", "cushman-codex"), "p50k_base"),
    **dict.fromkeys(("text-davinci-edit-001", "code-davinci-edit-001"), "p50k_edit"),
    **dict.fromkeys(("text-davinci-001", "text-curie-001", "text-babbage-001", "text-ada-001", "davinci",
                     "curie", "babbage", "ada", "text-similarity-davinci-001", "text-similarity-curie-001",
                     "text-similarity-babbage-001", "text-similarity-ada-001", "text-search-davinci-doc-001",
                     "text-search-curie-doc-001", "text-search-babbage-doc-001", "text-search-ada-doc-001",
                     "code-search-babbage-code-001", "code-search-ada-code-001"), "r50k_base"),
    **dict.fromkeys(("gpt2", "gpt-2"), "gpt2"),
}
#: Encoding names that are another encoding's data under a second name.
_ALIASES = {"gpt2": "r50k_base"}


def _o200k_harmony_specials():
    """o200k_harmony's special tokens: gpt-oss's chat format (its <|reserved_200018|> shares an id
    with <|endofprompt|>, which is what that id decodes to)."""
    return {
        **_bpe.ENCODINGS["o200k_base"].special_tokens,
        "<|startoftext|>": 199998, "<|endoftext|>": 199999, "<|reserved_200000|>": 200000,
        "<|reserved_200001|>": 200001, "<|return|>": 200002, "<|constrain|>": 200003,
        "<|reserved_200004|>": 200004, "<|channel|>": 200005, "<|start|>": 200006, "<|end|>": 200007,
        "<|message|>": 200008, "<|reserved_200009|>": 200009, "<|reserved_200010|>": 200010,
        "<|reserved_200011|>": 200011, "<|call|>": 200012,
    } | {f"<|reserved_{i}|>": i for i in range(200013, 201088)}


#: Encodings that are a built-in encoding's ranks and pattern with special tokens of their own,
#: as tiktoken_ext/openai_public.py defines them: the base encoding and a function that makes the
#: special tokens, called when the encoding is first asked for (o200k_harmony has 1,088, which an
#: import need not build).
_DERIVED = {"o200k_harmony": ("o200k_base", _o200k_harmony_specials)}

_BUILT_IN_NAMES = ("gpt2", *_bpe.ENCODINGS, *_DERIVED)


def list_encoding_names():
    return list(_BUILT_IN_NAMES) + list(_plugin_constructors())


#: The encodings get_encoding has made, by name (one object per name, as in tiktoken).
_loaded = {}


def get_encoding(encoding_name):
    """The named encoding; ValueError for an unknown name, as tiktoken."""
    found = _loaded.get(encoding_name) if isinstance(encoding_name, str) else None
    if found is not None:
        return found
    if isinstance(encoding_name, str) and encoding_name in _BUILT_IN_NAMES:
        found = Encoding._named(encoding_name)
    else:
        constructor = _plugin_constructors().get(encoding_name) if isinstance(encoding_name, str) else None
        if constructor is None:
            raise ValueError(f"Unknown encoding {encoding_name!r}. Plugins found: "
                             f"{['tandem', *_plugin_modules()]} (known encodings: {', '.join(list_encoding_names())})")
        found = Encoding(**constructor())
    return _loaded.setdefault(encoding_name, found)


def _plugin_modules():
    """The modules of the ``tiktoken_ext`` namespace package but tiktoken's own (whose encodings
    are built in here), as tiktoken's registry finds them."""
    try:
        import tiktoken_ext
    except ImportError:
        return []
    return [found.name for found in pkgutil.iter_modules(tiktoken_ext.__path__, "tiktoken_ext.")
            if found.name != "tiktoken_ext.openai_public"]


@functools.lru_cache(maxsize=None)
def _plugin_constructors():
    """``{encoding name: constructor}`` of the plugins; a constructor returns the keyword
    arguments of ``Encoding``. A name given twice is an error, as in tiktoken."""
    constructors = {}
    for module_name in _plugin_modules():
        module = importlib.import_module(module_name)
        for name, constructor in getattr(module, "ENCODING_CONSTRUCTORS", {}).items():
            if name in constructors or name in _BUILT_IN_NAMES:
                raise ValueError(f"Duplicate encoding name {name} in tiktoken plugin {module_name}")
            constructors[name] = constructor
    return constructors


def encoding_name_for_model(model_name):
    """The encoding a model uses; KeyError for a model tiktoken would not recognise."""
    found = MODEL_TO_ENCODING.get(model_name)
    if found is None:
        found = next((encoding for prefix, encoding in MODEL_PREFIX_TO_ENCODING.items()
                      if model_name.startswith(prefix)), None)
    if found is None:
        raise KeyError(f"Could not automatically map {model_name} to a tokeniser. "
                       "Please use `tiktoken.get_encoding` to explicitly get the tokeniser you expect.")
    return found


def encoding_for_model(model_name):
    return get_encoding(encoding_name_for_model(model_name))


def load_tiktoken_bpe(tiktoken_bpe_file, expected_hash=None):
    """``{token bytes: rank}`` from a ``.tiktoken`` file (a path or its bytes), strictly parsed."""
    data = tiktoken_bpe_file
    if not isinstance(data, (bytes, bytearray, memoryview)):
        with open(tiktoken_bpe_file, "rb") as file:
            data = file.read()
    if expected_hash is not None:
        import hashlib

        actual = hashlib.sha256(data).hexdigest()
        if actual != expected_hash:
            raise ValueError(f"Hash mismatch for data from {tiktoken_bpe_file!r} "
                             f"(expected {expected_hash}, got {actual})")
    return _bpe.load_ranks(bytes(data))


def load_tokenizer_json(path, name=None):
    """An Encoding from a Hugging Face ``tokenizer.json`` of a byte-level BPE model with GPT-2's
    pre-tokenizer (GPT-2's own, for one); ValueError saying why for any other kind of model."""
    from tandem.bpe import _files

    with open(path, "rb") as file:
        ranks, specials, pattern = _files.load_tokenizer_json(file.read(), where=str(path))
    return Encoding(name or str(path), pat_str=pattern, mergeable_ranks=ranks, special_tokens=specials)


def count_tokens(text, encoding_name="cl100k_base"):
    """The number of tokens ``encode_ordinary`` would give, counted without building the list."""
    return get_encoding(encoding_name).count_tokens(text)


class Encoding:
    """tiktoken's ``Encoding``: encode, decode and the vocabulary's facts.

    The kernels run it by ``_kernel_name``; when ``_kernel_specials`` is false they know its
    ranks and pattern but not its special tokens, which this class then cuts out and decodes
    itself. Without a kernel name (a pattern the host does not implement) the reference runs it.
    """

    def __init__(self, name, *, pat_str, mergeable_ranks, special_tokens, explicit_n_vocab=None):
        """An encoding from your own data (tiktoken's arguments and checks)."""
        if explicit_n_vocab is not None:
            if len(mergeable_ranks) + len(special_tokens) != explicit_n_vocab:
                raise ValueError(f"{name}: explicit_n_vocab is {explicit_n_vocab}, but there are "
                                 f"{len(mergeable_ranks)} mergeable and {len(special_tokens)} special tokens")
        self.name = name
        self._pat_str = pat_str
        self._given_ranks = mergeable_ranks
        self._special_tokens = dict(special_tokens)
        self.max_token_value = max(max(mergeable_ranks.values()), max(self._special_tokens.values(), default=0))
        if explicit_n_vocab is not None and self.max_token_value != explicit_n_vocab - 1:
            raise ValueError(f"{name}: the highest id is {self.max_token_value}, expected {explicit_n_vocab - 1}")
        self._kernel_name = _bpe.define(pat_str, mergeable_ranks)
        self._kernel_specials = False
        self._reference = None
        if self._kernel_name is None:
            self._reference = _bpe.Encoding(name, pattern=pat_str, mergeable_ranks=mergeable_ranks,
                                             special_tokens=special_tokens)

    @classmethod
    def _named(cls, name):
        base, make_specials = _DERIVED.get(name, (_ALIASES.get(name, name), None))
        special_tokens = make_specials() if make_specials else None
        spec = _bpe.ENCODINGS[base]
        encoding = cls.__new__(cls)
        encoding.name = name
        encoding._pat_str = spec.pattern
        encoding._given_ranks = None
        encoding._special_tokens = dict(special_tokens or spec.special_tokens)
        encoding._kernel_name = spec.name
        encoding._kernel_specials = special_tokens is None
        encoding._reference = None
        encoding.max_token_value = max(spec.n_vocab - 1, *encoding._special_tokens.values())
        return encoding

    def __repr__(self):
        return f"<Encoding {self.name!r}>"

    def __getstate__(self):
        """As tiktoken: a named encoding pickles as its name, any other as its data."""
        if self is _loaded.get(self.name):
            return self.name
        return {"name": self.name, "pat_str": self._pat_str, "mergeable_ranks": self._mergeable_ranks,
                "special_tokens": self._special_tokens}

    def __setstate__(self, value):
        if isinstance(value, str):
            self.__dict__ = get_encoding(value).__dict__
            return
        self.__init__(**value)

    # --- facts ---------------------------------------------------------------------------------

    @property
    def n_vocab(self):
        return self.max_token_value + 1

    @property
    def eot_token(self):
        return self._special_tokens[_bpe.ENDOFTEXT]

    @functools.cached_property
    def special_tokens_set(self):
        return set(self._special_tokens)

    @functools.cached_property
    def _special_prefix(self):
        """The prefix every special token starts with ("<|" in every built-in encoding)."""
        return os.path.commonprefix(list(self._special_tokens))

    @functools.cached_property
    def _any_special(self):
        """The regex that finds any special token (``encode`` with ``allowed_special="all"``
        splits with the same one); compiled when first needed, as it takes a cold GraalPy
        about a tenth of a second."""
        return _special_token_regex(tuple(sorted(self._special_tokens)))

    def is_special_token(self, token):
        return token in self._special_tokens.values()

    @property
    def _mergeable_ranks(self):
        """``{token bytes: rank}`` (what tiktoken's README builds custom encodings from)."""
        return self._ranks()

    # --- encoding ------------------------------------------------------------------------------

    def encode_ordinary(self, text):
        if self._kernel_name is None:
            return self._reference.encode_ordinary(text)
        return _bpe.encode_ordinary(self._kernel_name, _text(text))

    def encode(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        allowed = self._allowed(text, allowed_special, disallowed_special)
        if self._kernel_name is None:
            return self._reference.encode(text, allowed_special=allowed, disallowed_special=())
        if not allowed:
            return _bpe.encode_ordinary(self._kernel_name, _text(text))
        if not self._kernel_specials:
            return self._encode_own_specials([text], allowed)[0]
        return _bpe.encode(self._kernel_name, _text(text), allowed)

    def encode_to_numpy(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        """``encode`` as a numpy array of uint32; ImportError saying so when numpy is missing."""
        tokens = self.encode(text, allowed_special=allowed_special, disallowed_special=disallowed_special)
        try:
            import numpy
        except ImportError:
            raise ImportError("encode_to_numpy needs numpy, which is not installed here "
                              "(pip install numpy, or use encode(), which returns a list)") from None
        return numpy.array(tokens, dtype=numpy.uint32)

    def count_tokens(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        """``len(self.encode(text, ...))``, without moving the tokens across the boundary."""
        allowed = self._allowed(text, allowed_special, disallowed_special)
        if self._kernel_name is None:
            return len(self._reference.encode(text, allowed_special=allowed, disallowed_special=()))
        if allowed and not self._kernel_specials:
            return len(self._encode_own_specials([text], allowed)[0])
        return _bpe.count(self._kernel_name, _text(text), allowed)

    def encode_ordinary_batch(self, text, *, num_threads=8):
        """``encode_ordinary`` of each text; the Java and Rust backends use every core (the
        host decides how many threads; ``num_threads`` is accepted for tiktoken's sake)."""
        if self._kernel_name is None:
            return [self._reference.encode_ordinary(each) for each in text]
        return _bpe.encode_batch(self._kernel_name, [_text(each) for each in text], ())

    def encode_batch(self, text, *, num_threads=8, allowed_special=frozenset(), disallowed_special="all"):
        texts = [_text(each) for each in text]
        allowed = set()
        for each in texts:  # the special-token rules for every text, before any is encoded
            allowed.update(self._allowed(each, allowed_special, disallowed_special))
        allowed = tuple(sorted(allowed))
        if self._kernel_name is None:
            return [self._reference.encode(each, allowed_special=allowed, disallowed_special=()) for each in texts]
        if allowed and not self._kernel_specials:
            return self._encode_own_specials(texts, allowed)
        return _bpe.encode_batch(self._kernel_name, texts, allowed)

    def _encode_own_specials(self, texts, allowed):
        """``encode`` of each text for an encoding whose special tokens the kernels do not know:
        the texts cut at the ``allowed`` ones, the stretches between encoded in one call."""
        cut = [_special_token_regex(allowed).split(text) for text in texts]  # stretch, token, stretch...
        encoded = iter(_bpe.encode_batch(self._kernel_name, [part for parts in cut for part in parts[::2]], ()))
        results = []
        for parts in cut:
            tokens = list(next(encoded))
            for special in parts[1::2]:
                tokens.append(self._special_tokens[special])
                tokens += next(encoded)
            results.append(tokens)
        return results

    def encode_with_unstable(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        """The tokens of ``text`` that stay whatever text follows, and the token sequences that
        may continue it (tiktoken's algorithm; like tiktoken, consider this API unstable)."""
        allowed = self._allowed(text, allowed_special, disallowed_special)
        tokens = self.encode(text, allowed_special=allowed, disallowed_special=())
        last_stretch = _special_token_regex(allowed).split(text)[-1] if allowed else text
        return _unstable.encode_with_unstable(self._merging(), tokens, last_stretch)

    def _encode_bytes(self, data):
        """The tokens of bytes that may not be UTF-8 (tiktoken's private method: invalid bytes at
        the end are merged with the last piece's)."""
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"_encode_bytes takes bytes, not {type(data).__name__}")
        try:
            return self.encode_ordinary(bytes(data).decode("utf-8"))
        except UnicodeDecodeError as error:
            valid = bytes(data[:error.start]).decode("utf-8")
            return _unstable.encode_bytes(self._merging(), self.encode_ordinary(valid), valid, bytes(data[error.start:]))

    def encode_single_token(self, text_or_bytes):
        """The id of a text or byte string that is exactly one token (a mergeable token or a
        special token, in that order, as tiktoken); KeyError otherwise."""
        if isinstance(text_or_bytes, str):
            text_or_bytes = text_or_bytes.encode("utf-8")
        elif not isinstance(text_or_bytes, (bytes, bytearray)):
            raise TypeError(f"encode_single_token takes str or bytes, not {type(text_or_bytes).__name__}")
        data = bytes(text_or_bytes)
        rank = self._ranks().get(data)
        if rank is None:
            try:
                rank = self._special_tokens.get(data.decode("utf-8"))
            except UnicodeDecodeError:
                pass
        if rank is None:
            raise KeyError(data)
        return rank

    def _allowed(self, text, allowed_special, disallowed_special):
        """tiktoken's special-token rules: the allowed tokens (a sorted tuple), after refusing
        text that holds a disallowed one."""
        _text(text)
        # The defaults, on every short call: the prefix all special tokens share ("<|" in every
        # built-in encoding), then one search for any of them (o200k_harmony has 1,091) rather
        # than a test per token; the full rules below name the first one found.
        if not allowed_special and disallowed_special == "all":
            if self._special_prefix not in text or self._any_special.search(text) is None:
                return ()
        if allowed_special == "all":
            allowed_special = self._special_tokens.keys()
        if disallowed_special == "all":
            disallowed_special = self.special_tokens_set.difference(allowed_special)
        if disallowed_special:
            found = [token for token in disallowed_special if token in text]
            if found:
                first = min(found, key=lambda token: (text.index(token), -len(token)))
                raise _bpe.disallowed_special_error(first)
        return tuple(sorted(token for token in allowed_special if token in self._special_tokens))

    # --- decoding ------------------------------------------------------------------------------

    def decode_bytes(self, tokens):
        if self._kernel_name is None:
            return self._reference.decode_bytes(tokens)
        tokens = list(tokens)
        if len(tokens) <= _FEW_IDS:
            return self._decode_few(tokens)
        return self._decode_many(tokens)

    def _decode_many(self, tokens):
        if not self._kernel_specials:
            return self._decode_own_specials(tokens)
        return self._decode_by_kernel(tokens)

    def _decode_few(self, tokens):
        """``decode_bytes`` of a few ids without a kernel call once each id has been seen: a
        crossing costs more than joining a few byte strings. Ids not all seen go the usual
        way (which raises tiktoken's error for a bad one), then each new id is kept."""
        seen = self._seen_token_bytes
        try:
            return b"".join([seen[token] if type(token) is int else None for token in tokens])  # not True for 1
        except (KeyError, TypeError):
            pass
        data = self._decode_many(tokens)
        for token in tokens:  # all valid ids now
            if type(token) is int and token not in seen:
                seen[token] = self.decode_single_token_bytes(token)
        return data

    @functools.cached_property
    def _seen_token_bytes(self):
        """``{id: bytes}`` of the ids ``_decode_few`` has decoded: at most the vocabulary."""
        return {}

    def _decode_by_kernel(self, tokens):
        try:
            return _bpe.decode_bytes(self._kernel_name, tokens)
        except (TypeError, OverflowError, _route.KernelError):
            pass  # a bad id, or an id the kernel does not take as it is (a bool): see below
        # tiktoken's order: every id must be an int in 0..2**32-1 (TypeError, OverflowError)
        # before any is looked up (KeyError).
        ids = [_bpe.check_token_id(token) for token in tokens]
        for token in ids:
            if token > self.max_token_value:
                raise _bpe.InvalidToken(f"Invalid token for decoding: {token}")
        try:
            return _bpe.decode_bytes(self._kernel_name, ids)
        except _route.KernelError as error:
            raise _bpe.InvalidToken(_unprefixed(error)) from None

    def _decode_own_specials(self, tokens):
        """``decode_bytes`` for an encoding whose special tokens the kernels do not know: the
        runs of other ids between them decoded by the kernels."""
        ids = [_bpe.check_token_id(token) for token in tokens]
        parts, run = [], []
        for token in ids:
            special = self._special_decoder.get(token)
            if special is None:
                run.append(token)
                continue
            if run:
                parts.append(self._decode_by_kernel(run))
                run = []
            parts.append(special)
        if run:
            parts.append(self._decode_by_kernel(run))
        return b"".join(parts)

    @functools.cached_property
    def _special_decoder(self):
        """``{id: bytes}`` of the special tokens; of two sharing an id, the first named wins."""
        decoder = {}
        for token, rank in self._special_tokens.items():
            decoder.setdefault(rank, token.encode("utf-8"))
        return decoder

    def decode(self, tokens, errors="replace"):
        return self.decode_bytes(tokens).decode("utf-8", errors=errors)

    def decode_single_token_bytes(self, token):
        if self._kernel_name is None:
            return self._reference.decode_single_token_bytes(token)
        token = _bpe.check_token_id(token)
        if not self._kernel_specials and token in self._special_decoder:
            return self._special_decoder[token]
        if token > self.max_token_value:  # beyond every kernel's 32-bit ids, too
            raise _bpe.InvalidToken(f"Invalid token for decoding: {token}")
        try:
            return _bpe.decode_bytes(self._kernel_name, [token])
        except _route.KernelError as error:
            raise _bpe.InvalidToken(_unprefixed(error)) from None

    def decode_tokens_bytes(self, tokens):
        return [self.decode_single_token_bytes(token) for token in tokens]

    def decode_with_offsets(self, tokens):
        """The text and, per token, the index of the character it starts in.

        A token that starts inside a multi-byte character (with a UTF-8 continuation byte)
        is credited to that character, which began in an earlier token.
        """
        token_bytes = self.decode_tokens_bytes(tokens)
        offsets = []
        characters = 0
        for data in token_bytes:
            starts_inside = 1 if data and 0x80 <= data[0] < 0xC0 else 0
            offsets.append(max(0, characters - starts_inside))
            characters += sum(1 for byte in data if not 0x80 <= byte < 0xC0)
        return b"".join(token_bytes).decode("utf-8", errors="strict"), offsets

    def decode_batch(self, batch, *, errors="replace", num_threads=8):
        return [self.decode(tokens, errors=errors) for tokens in batch]

    def decode_bytes_batch(self, batch, *, num_threads=8):
        return [self.decode_bytes(tokens) for tokens in batch]

    def token_byte_values(self):
        """Every mergeable token's bytes, sorted (special tokens excluded), as tiktoken."""
        return sorted(self._ranks())

    def _ranks(self):
        """``{token bytes: rank}``: the ranks given, or the reference's (parsed in Python on first
        use: slow on a cold GraalPy, which is why only rarely used methods need them)."""
        return self._given_ranks if self._given_ranks is not None else self._merging()._ranks

    def _merging(self):
        """The reference encoding of these ranks and pattern, for the methods that merge in Python."""
        if self._reference is None:
            self._reference = _bpe.reference_encoding(self._kernel_name)
        return self._reference


#: ``decode`` of at most this many ids joins the bytes of ids already seen (``_decode_few``).
_FEW_IDS = 16


@functools.lru_cache(maxsize=64)
def _special_token_regex(tokens):
    """A regex that splits text at ``tokens`` (a tuple), keeping them: the leftmost, the longest there."""
    return re.compile("(" + "|".join(re.escape(token) for token in sorted(tokens, key=len, reverse=True)) + ")")


def _text(text):
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def _unprefixed(error):
    """A kernel's message without the kernel's name, as tiktoken words it."""
    return str(error).removeprefix("bpe.decode_bytes: ")

