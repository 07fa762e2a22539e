"""Source URLs as Mozilla's source-map (0.7.6, lib/util.js) computes them: ``sourceRoot`` joined
to each source, ``.`` and ``..`` segments removed, backslashes made slashes and the characters a
URL may not hold percent-encoded, the way a WHATWG URL parser serialises (``bootstrap 67e`` ->
``bootstrap%2067e``). util.js does it by parsing relative paths against a made-up
``http://host/`` base and taking the result apart again; this module follows it function by
function (``normalize``, ``join``, ``relative``, ``compute_source_url``) on the part of the
WHATWG URL parser those need (``_parse``). The Java host has the same code (SourceUrls.java).
"""

import re

_PROTOCOL = "http:"
_PROTOCOL_AND_HOST = "http://host"
_ABSOLUTE_SCHEME = re.compile(r"[A-Za-z0-9+\-.]+:")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+\-.]*):")
_SPECIAL_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21", "file": None}

#: WHATWG's percent-encode sets, beyond C0 controls and non-ASCII (always encoded).
_PATH_SET = frozenset(' "#<>?`{}')
_QUERY_SET = frozenset(' "#<>')
_SPECIAL_QUERY_SET = frozenset(' "#<>\'')
_FRAGMENT_SET = frozenset(' "<>`')


def _encode(text, extra):
    out = []
    for char in text:
        if char in extra or ord(char) < 0x20 or ord(char) > 0x7E:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
        else:
            out.append(char)
    return "".join(out)


class _Url:
    """A parsed URL: scheme, authority (None when it has none), path, query and fragment (None
    when absent); ``opaque`` for a path that is not a list of segments (``data:foo,bar``)."""

    __slots__ = ("scheme", "authority", "path", "query", "fragment", "opaque")

    def __init__(self, scheme, authority, path, query, fragment, opaque=False):
        self.scheme, self.authority, self.path = scheme, authority, path
        self.query, self.fragment, self.opaque = query, fragment, opaque

    @property
    def special(self):
        return self.scheme in _SPECIAL_PORTS

    @property
    def search(self):
        return f"?{self.query}" if self.query else ""

    @property
    def hash(self):
        return f"#{self.fragment}" if self.fragment else ""

    def __str__(self):
        out = self.scheme + ":"
        if self.authority is not None:
            out += "//" + self.authority
        elif not self.opaque and self.path.startswith("//"):
            out += "/."
        out += self.path
        if self.query is not None:
            out += "?" + self.query
        if self.fragment is not None:
            out += "#" + self.fragment
        return out


def _split_tail(text):
    """(text before ?/#, query or None, fragment or None)."""
    fragment = query = None
    if "#" in text:
        text, fragment = text.split("#", 1)
    if "?" in text:
        text, query = text.split("?", 1)
    return text, query, fragment


def _authority(text, scheme):
    if scheme not in _SPECIAL_PORTS:
        return text
    userinfo, at, host = text.rpartition("@")
    host, colon, port = host.partition(":")
    host = host.lower()
    if colon and (port == "" or port == _SPECIAL_PORTS[scheme]):
        colon = port = ""
    if scheme == "file" and host == "localhost":
        host = ""
    return f"{userinfo}{at}{host}{colon}{port}"


def _remove_dots(segments):
    """WHATWG's path parsing of the segments: ``.`` dropped, ``..`` pops, either at the end
    leaving the path ending with a slash."""
    out = []
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        lowered = segment.lower()
        if lowered in ("..", ".%2e", "%2e.", "%2e%2e"):
            if out:
                out.pop()
            if last:
                out.append("")
        elif lowered in (".", "%2e"):
            if last:
                out.append("")
        else:
            out.append(segment)
    return out


def _path(text, special, base_segments=None):
    """A hierarchical path from ``text`` (a path that starts with its slash, or relative to
    ``base_segments``), dot segments removed and characters percent-encoded."""
    if special:
        text = text.replace("\\", "/")
    segments = text.split("/")
    if text.startswith("/"):
        segments = segments[1:]
    elif base_segments is not None:
        segments = base_segments[:-1] + segments
    return "/" + "/".join(_encode(segment, _PATH_SET) for segment in _remove_dots(segments))


def _parse(text, base=None):
    """``new URL(text, base)`` for the URLs util.js builds: ValueError when it is no URL."""
    text = text.strip("".join(chr(c) for c in range(0x21))).replace("\t", "").replace("\n", "").replace("\r", "")
    found = _SCHEME.match(text)
    if found:
        scheme, rest = found.group(1).lower(), text[found.end():]
        special = scheme in _SPECIAL_PORTS
        if special and base is not None and base.scheme == scheme and not rest.replace("\\", "/").startswith("/"):
            return _relative(rest, base)
        before, query, fragment = _split_tail(rest)
        slashes = before.replace("\\", "/") if special else before
        if special or slashes.startswith("//"):
            after = slashes.lstrip("/") if special else slashes[2:]
            authority, slash, path = after.partition("/")
            if special and not authority and scheme != "file":
                raise ValueError(f"Invalid URL: {text}")
            return _Url(scheme, _authority(authority, scheme), _path(slash + path, special), _encoded_query(query, special),
                        _encoded_fragment(fragment))
        if before.startswith("/"):
            return _Url(scheme, None, _path(before, False), _encoded_query(query, False), _encoded_fragment(fragment))
        return _Url(scheme, None, _encode(before, frozenset()), _encoded_query(query, False),
                    _encoded_fragment(fragment), opaque=True)
    if base is None:
        raise ValueError(f"Invalid URL: {text}")
    return _relative(text, base)


def _relative(text, base):
    if base.opaque:
        raise ValueError(f"Invalid URL: {text} against {base}")
    special = base.special
    before, query, fragment = _split_tail(text)
    slashes = before.replace("\\", "/") if special else before
    if slashes.startswith("//"):
        return _parse(base.scheme + ":" + text)
    if not before:
        return _Url(base.scheme, base.authority, base.path,
                    _encoded_query(query, special) if query is not None else base.query, _encoded_fragment(fragment))
    if slashes.startswith("/"):
        path = _path(before, special)
    else:
        path = _path(before, special, base.path[1:].split("/"))
    return _Url(base.scheme, base.authority, path, _encoded_query(query, special), _encoded_fragment(fragment))


def _encoded_query(query, special):
    return None if query is None else _encode(query, _SPECIAL_QUERY_SET if special else _QUERY_SET)


def _encoded_fragment(fragment):
    return None if fragment is None else _encode(fragment, _FRAGMENT_SET)


# --- lib/util.js ---------------------------------------------------------------------------------

def _url_type(url):
    if url.startswith("//"):
        return "scheme-relative"
    if url.startswith("/"):
        return "path-absolute"
    return "absolute" if _ABSOLUTE_SCHEME.match(url) else "path-relative"


def _safe_base(text):
    dots = len(text.split("..")) - 1
    identifier = 0
    while f"p{identifier}" in text:
        identifier += 1
    return f"{_PROTOCOL_AND_HOST}/" + f"p{identifier}/" * dots


def _relative_url(root, target):
    """util.js's computeRelativeURL: ``target`` relative to ``root`` (same scheme and host)."""
    target_parts = target.path.split("/")
    root_parts = root.path.split("/")
    if root_parts and not root_parts[-1]:
        root_parts.pop()
    while target_parts and root_parts and target_parts[0] == root_parts[0]:
        target_parts.pop(0)
        root_parts.pop(0)
    return "/".join([".."] * len(root_parts) + target_parts) + target.search + target.hash


def _safe_handler(change):
    def handle(text):
        kind = _url_type(text)
        base = _safe_base(text)
        url = change(_parse(text, _parse(base)))
        result = str(url)
        if kind == "absolute":
            return result
        if kind == "scheme-relative":
            return result[len(_PROTOCOL):]
        if kind == "path-absolute":
            return result[len(_PROTOCOL_AND_HOST):]
        return _relative_url(_parse(base), url)

    return handle


def _ensure_directory(url):
    if not url.opaque and not url.path.endswith("/"):
        url.path += "/"
    return url


def _trim_filename(url):
    return _parse(".", url)


normalize = _safe_handler(lambda url: url)
ensure_directory = _safe_handler(_ensure_directory)
trim_filename = _safe_handler(_trim_filename)


def _with_base(text, base):
    return str(_parse(text, None if base is None else _parse(base)))


def join(root, path):
    """util.js's join: ``path`` resolved against ``root`` taken as a directory, normalised."""
    path_type, root_type = _url_type(path), _url_type(root)
    root = ensure_directory(root)
    if path_type == "absolute":
        return _with_base(path, None)
    if root_type == "absolute":
        return _with_base(path, root)
    if path_type == "scheme-relative":
        return normalize(path)
    if root_type == "scheme-relative":
        return _with_base(path, _with_base(root, _PROTOCOL_AND_HOST))[len(_PROTOCOL):]
    if path_type == "path-absolute":
        return normalize(path)
    if root_type == "path-absolute":
        return _with_base(path, _with_base(root, _PROTOCOL_AND_HOST))[len(_PROTOCOL_AND_HOST):]
    base = _safe_base(path + root)
    return _relative_url(_parse(base), _parse(path, _parse(root, _parse(base))))


def relative(root, target):
    """util.js's relative: ``target`` relative to ``root`` when both are the same kind of URL on
    the same host, else ``target`` normalised."""
    if _url_type(root) == _url_type(target):
        base = _parse(_safe_base(root + target))
        try:
            root_url, target_url = _parse(root, base), _parse(target, base)
            if not target_url.opaque and (root_url.scheme, root_url.authority) == (target_url.scheme, target_url.authority):
                return _relative_url(root_url, target_url)
        except ValueError:
            pass
    return normalize(target)


def compute_source_url(source_root, source, source_map_url=None):
    """The URL of ``source`` as Mozilla's consumer reports it: joined to ``source_root`` (an
    absolute path counts as relative to it, as when the two are concatenated), normalised."""
    if source_root and _url_type(source or "") == "path-absolute":
        source = source[1:]
    url = normalize(source or "")
    if source_root:
        url = join(source_root, url)
    if source_map_url:
        url = join(trim_filename(source_map_url), url)
    return url
