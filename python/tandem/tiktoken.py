"""A drop-in for tiktoken: ``from tandem import tiktoken`` (inside Tandem, ``import tiktoken``
gives this module too when no real tiktoken is installed).

The named encodings run on the ``bpe.*`` kernels, so the policy decides whether Java, Rust or
the pure-Python reference (:mod:`tandem.bpe`) does the work; inside Tandem the host loads each
rank file once per process and shares it with every context. An ``Encoding`` built from your
own ranks (``Encoding(name, pat_str=..., mergeable_ranks=..., special_tokens=...)``) runs on the
reference.

Semantics are tiktoken's: a disallowed special token in the text raises ValueError, lone
surrogates are treated as tiktoken treats them, decode replaces invalid UTF-8, bad ids raise
KeyError (unknown id), OverflowError (outside 0..2**32-1) or TypeError (not an int). Beyond
tiktoken: ``count_tokens(text)`` counts on the far side and moves no token list back.
"""

import functools

from tandem import _route
from tandem import bpe as _bpe

__all__ = ["Encoding", "count_tokens", "encoding_for_model", "encoding_name_for_model", "get_encoding",
           "list_encoding_names", "load_tiktoken_bpe", "load_tokenizer_json"]

#: Exact model names, then name prefixes, as tiktoken 0.14's model.py maps them. "gpt2" is
#: r50k_base's vocabulary under GPT-2's name (tiktoken builds the same ranks from GPT-2's files).
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
MODEL_PREFIX_TO_ENCODING = {
    **dict.fromkeys(("o1-", "o3-", "o4-mini-", "gpt-5", "gpt-4.5-", "gpt-4.1-", "chatgpt-4o-", "gpt-4o-",
                     "ft:gpt-4o"), "o200k_base"),
    **dict.fromkeys(("gpt-4-", "gpt-3.5-turbo-", "gpt-35-turbo-", "ft:gpt-4", "ft:gpt-3.5-turbo",
                     "ft:davinci-002", "ft:babbage-002"), "cl100k_base"),
}
#: Encoding names that are another encoding's data under a second name.
_ALIASES = {"gpt2": "r50k_base"}


def list_encoding_names():
    return list(_bpe.ENCODINGS) + list(_ALIASES)


@functools.lru_cache(maxsize=None)
def get_encoding(encoding_name):
    """The named encoding; ValueError for an unknown name, as tiktoken."""
    if not isinstance(encoding_name, str) or _bpe.ENCODINGS.get(_ALIASES.get(encoding_name, encoding_name)) is None:
        raise ValueError(f"Unknown encoding {encoding_name!r}. Plugins found: tandem "
                         f"(known encodings: {', '.join(list_encoding_names())})")
    return Encoding._named(encoding_name)


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
    """tiktoken's ``Encoding``: encode, decode and the vocabulary's facts."""

    def __init__(self, name, *, pat_str, mergeable_ranks, special_tokens, explicit_n_vocab=None):
        """An encoding from your own data, run by the pure-Python reference."""
        self.name = name
        self._pat_str = pat_str
        self._special_tokens = dict(special_tokens)
        self._kernel_name = None
        self._reference = _bpe.Encoding(name, pattern=pat_str, mergeable_ranks=mergeable_ranks,
                                         special_tokens=special_tokens, n_vocab=explicit_n_vocab)
        self.max_token_value = self._reference.max_token_value

    @classmethod
    def _named(cls, name):
        spec = _bpe.ENCODINGS[_ALIASES.get(name, name)]
        encoding = cls.__new__(cls)
        encoding.name = name
        encoding._pat_str = spec.pattern
        encoding._special_tokens = dict(spec.special_tokens)
        encoding._kernel_name = spec.name
        encoding._reference = None
        encoding.max_token_value = spec.n_vocab - 1
        return encoding

    def __repr__(self):
        return f"<Encoding {self.name!r}>"

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

    def is_special_token(self, token):
        return token in self._special_tokens.values()

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
        return _bpe.encode(self._kernel_name, _text(text), allowed)

    def count_tokens(self, text, *, allowed_special=frozenset(), disallowed_special="all"):
        """``len(self.encode(text, ...))``, without moving the tokens across the boundary."""
        allowed = self._allowed(text, allowed_special, disallowed_special)
        if self._kernel_name is None:
            return len(self._reference.encode(text, allowed_special=allowed, disallowed_special=()))
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
        return _bpe.encode_batch(self._kernel_name, texts, allowed)

    def encode_single_token(self, text_or_bytes):
        """The id of a text or byte string that is exactly one token; KeyError otherwise."""
        if isinstance(text_or_bytes, str):
            if text_or_bytes in self._special_tokens:
                return self._special_tokens[text_or_bytes]
            text_or_bytes = text_or_bytes.encode("utf-8")
        elif not isinstance(text_or_bytes, bytes):
            raise TypeError(f"encode_single_token takes str or bytes, not {type(text_or_bytes).__name__}")
        rank = self._ranks().get(bytes(text_or_bytes))
        if rank is None:
            raise KeyError(bytes(text_or_bytes))
        return rank

    def _allowed(self, text, allowed_special, disallowed_special):
        """tiktoken's special-token rules: the allowed tokens (a sorted tuple), after refusing
        text that holds a disallowed one."""
        _text(text)
        if not allowed_special and disallowed_special == "all":  # the defaults, on every short call
            for token in self._special_tokens:
                if token in text:
                    break  # the full rules below name the first one
            else:
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

    def decode(self, tokens, errors="replace"):
        return self.decode_bytes(tokens).decode("utf-8", errors=errors)

    def decode_single_token_bytes(self, token):
        if self._kernel_name is None:
            return self._reference.decode_single_token_bytes(token)
        token = _bpe.check_token_id(token)
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
        """``{token bytes: rank}``, from the reference (parsed in Python on first use: slow
        on a cold GraalPy, which is why only these rarely used methods need it)."""
        if self._reference is None:
            self._reference = _bpe.get_encoding(self._kernel_name)
        return self._reference._ranks


def _text(text):
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def _unprefixed(error):
    """A kernel's message without the kernel's name, as tiktoken words it."""
    return str(error).removeprefix("bpe.decode_bytes: ")

