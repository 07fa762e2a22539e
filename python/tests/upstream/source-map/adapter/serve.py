"""The Tandem side of the consumer adapter (adapter/consumer.js): serves tandem.sourcemap to
Mozilla's consumer tests running under node, one JSON request a line on the first FIFO, one
JSON answer a line on the second. Run inside Tandem:

    ./tandem run adapter/serve.py REQUESTS ANSWERS

Requests: {"op": "backend", "name"} (what follows runs under ``tandem.using(name)``),
{"op": "load", "map", "url"} (``sourcemap.loads``, kept under a number), {"op": "call", "id",
"method", "args"} (a method of that map), {"op": "mappings", "id", "original"} (every mapping,
in generated order or, when "original" is true, in original order), {"op": "drop", "id"}. An exception is answered as {"error": its type,
"message"}, for the adapter to throw.
"""

import contextlib
import json
import sys

import tandem
from tandem import sourcemap


def _plain(value):
    """A result as JSON: named tuples as objects, Tokens as their fields."""
    if isinstance(value, sourcemap.Token):
        return {key: getattr(value, key) for key in sourcemap.Token._fields}
    if hasattr(value, "_asdict"):
        return value._asdict()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _loaded(maps, request):
    url = request.get("url")
    found = sourcemap.loads(request["map"], url) if url is not None else sourcemap.loads(request["map"])
    maps.append(found)
    return {"id": len(maps) - 1, "indexed": isinstance(found, sourcemap.IndexedSourceMap),
            "file": found.file, "sourceRoot": getattr(found, "source_root", None), "sources": list(found.sources),
            "sourcesContent": list(getattr(found, "sources_content", None) or []) or None,
            "ignoreList": list(getattr(found, "ignore_list", []))}


def serve(requests, answers):
    maps = []
    backend = contextlib.ExitStack()
    for line in iter(requests.readline, ""):  # not `for line in`: a FIFO is read as lines arrive
        request = json.loads(line)
        op = request["op"]
        try:
            if op == "backend":
                backend.close()
                backend.enter_context(tandem.using(request["name"]))
                answer = {}
            elif op == "load":
                answer = _loaded(maps, request)
            elif op == "call":
                answer = {"value": _plain(getattr(maps[request["id"]], request["method"])(*request["args"]))}
            elif op == "mappings":
                found = maps[request["id"]]
                answer = {"value": _plain(list(found.in_original_order() if request["original"] else found))}
            elif op == "drop":
                maps[request["id"]] = None
                answer = {}
            else:
                raise ValueError(f"unknown request {op!r}")
            text = json.dumps(answer)
        except Exception as error:  # noqa: BLE001 - every error goes back to the test that caused it
            text = json.dumps({"error": type(error).__name__, "message": str(error)})
        answers.write(text + "\n")
        answers.flush()
    backend.close()


if __name__ == "__main__":
    # Opened in the order consumer.js opens them, so that neither side waits for the other.
    with open(sys.argv[1], encoding="utf-8") as requests, open(sys.argv[2], "w", encoding="utf-8") as answers:
        serve(requests, answers)
