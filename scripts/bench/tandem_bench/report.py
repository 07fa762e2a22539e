"""The benchmark's outputs: a Markdown table, a JSON file and an SVG bar chart (log scale).

A row is one runner on one workload: ``{"workload", "runner", "kind" ("tandem" or "peer"),
"mb_per_s", "tokens_per_s", "spread", "status"}``; status is "ok", or says why there is no
time (missing, failed, or a mismatch with the reference's output). A workload whose items are
not tokens gives ``items_per_s`` and their ``unit`` instead of ``tokens_per_s`` (and
``mb_per_s`` None when bytes are no measure of it); ``seconds``, the median run, is optional.
A cost row (the boundary workload) gives ``cost``, the median, and ``best`` in ``cost_unit``
(ns/call, ns/element, ms) instead: lower is better, and it has a table of its own. A peer that is
another tool rather than the same computation (Ruff, flake8) gives ``agreement``, how far its
output agrees with the reference's, shown beside its status.
"""

import json
import math
from xml.sax.saxutils import escape


def markdown(rows, machine):
    lines = [f"Measured on {machine}. Median of the timed runs; spread = interquartile range / median."]
    throughput = [row for row in rows if not is_cost(row)]
    costs = [row for row in rows if is_cost(row)]
    if throughput:
        lines += ["", "| workload | runner | time/run | MB/s | items/s | vs fastest peer | spread | status |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        lines += _throughput_lines(throughput)
    if costs:
        lines += ["", "| workload | runner | median | best | spread | status |",
                  "| --- | --- | ---: | ---: | ---: | --- |"]
        for row in costs:
            cells = ["-", "-", "-"] if row["status"] != "ok" else \
                [_cost(row["cost"], row["cost_unit"]), _cost(row["best"], row["cost_unit"]), f"{row['spread']:.0%}"]
            lines.append(f"| {row['workload']} | {_name(row)} | " + " | ".join(cells) + f" | {row['status']} |")
    return "\n".join(lines) + "\n"


def is_cost(row):
    return row.get("cost_unit") is not None


def _cost(value, unit):
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.3g} {unit}"


def _name(row):
    return f"**{row['runner']}**" if row["kind"] == "tandem" else row["runner"]


def _throughput_lines(rows):
    lines = []
    for workload, group in _by_workload(rows):
        fastest_peer = max((_speed(row) for row in group if row["kind"] == "peer" and row["status"] == "ok"),
                           default=None)
        for row in group:
            if row["status"] == "ok":
                ratio = f"{_speed(row) / fastest_peer:.2f}x" if fastest_peer else "-"
                seconds = row.get("seconds")
                cells = ["-" if seconds is None else f"{seconds * 1000:,.1f} ms",
                         "-" if row["mb_per_s"] is None else f"{row['mb_per_s']:.2f}",
                         f"{_items_per_s(row):,.0f} {row.get('unit', 'tokens')}/s", ratio, f"{row['spread']:.0%}"]
            else:
                cells = ["-", "-", "-", "-", "-"]
            lines.append(f"| {workload} | {_name(row)} | " + " | ".join(cells) + f" | {_status(row)} |")
    return lines


def _status(row):
    """The status, and for a peer whose output is another tool's (a linter) how far it agrees."""
    return f"{row['status']}; {row['agreement']}" if row.get("agreement") else row["status"]


def _items_per_s(row):
    return row["items_per_s"] if row.get("items_per_s") is not None else row["tokens_per_s"]


def _speed(row):
    """What rows are compared by: MB/s where the workload has it, else items per second."""
    return row["mb_per_s"] if row["mb_per_s"] is not None else _items_per_s(row)


def write_json(path, rows, machine, command):
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"machine": machine, "command": command, "rows": rows}, file, indent=1)


def svg_chart(rows, title):
    """One panel of horizontal bars per workload, each on its own log scale: MB/s where the
    workload has it, else items/s, else the cost (lower is better). Tandem's bars dark, peers'
    light; runners without a time are listed with the reason's first word."""
    label_width, bar_width, bar_height = 300, 440, 16
    parts, y = [], 36
    for workload, group in _by_workload(rows):
        value, unit = _chart_measure(group)
        timed = [row for row in group if row["status"] == "ok" and value(row) is not None]
        parts.append(f'<text x="10" y="{y}" font-weight="bold">{escape(workload)}</text>'
                     f'<text x="{label_width + bar_width + 110}" y="{y}" text-anchor="end" font-size="11">'
                     f'{escape(unit)}, log scale</text>')
        y += 8
        if timed:
            low = 10 ** math.floor(math.log10(min(value(row) for row in timed)))
            high = 10 ** math.ceil(math.log10(max(value(row) for row in timed)))
            high = high * 10 if high == low else high
            scale = lambda v: bar_width * (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low))  # noqa: E731
        top = y
        for row in group:
            parts.append(f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end">{escape(row["runner"])}</text>')
            if row in timed:
                width = max(1.0, scale(value(row)))
                colour = "#1f4e79" if row["kind"] == "tandem" else "#9dc3e6"
                parts.append(f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar_height}" '
                             f'fill="{colour}"/><text x="{label_width + width + 4:.1f}" y="{y + 12}">'
                             f'{escape(_chart_label(value(row), unit))}</text>')
            else:
                parts.append(f'<text x="{label_width + 4}" y="{y + 12}" fill="#a00">'
                             f'{escape(row["status"].split(":")[0])}</text>')
            y += bar_height + 4
        if timed:
            decade = low
            while decade <= high * 1.0001:
                x = label_width + scale(decade)
                parts.insert(0, f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{y}" stroke="#ddd"/>')
                parts.append(f'<text x="{x:.1f}" y="{y + 10}" text-anchor="middle" font-size="10">{decade:g}</text>')
                decade *= 10
        y += 34
    width = label_width + bar_width + 120
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" font-family="sans-serif" '
            f'font-size="12"><rect width="100%" height="100%" fill="white"/>'
            f'<text x="10" y="18" font-size="14">{escape(title)}</text>' + "".join(parts) + "</svg>\n")


def _chart_measure(group):
    """``(value of a row, unit label)`` for a workload's panel."""
    if any(is_cost(row) for row in group):
        unit = next(row["cost_unit"] for row in group if is_cost(row))
        return (lambda row: row.get("cost")), f"{unit}, lower is better"
    if any(row["mb_per_s"] is not None for row in group):
        return (lambda row: row["mb_per_s"]), "MB/s, higher is better"
    unit = next((row.get("unit") for row in group if row.get("unit")), "tokens")
    return (lambda row: row.get("items_per_s") or row.get("tokens_per_s")), f"{unit}/s, higher is better"


def _chart_label(value, unit):
    number = f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value >= 0.01 else f"{value:.2g}"
    return f"{number} {unit.split(',')[0]}"


def _by_workload(rows):
    order = []
    groups = {}
    for row in rows:
        if row["workload"] not in groups:
            order.append(row["workload"])
            groups[row["workload"]] = []
        groups[row["workload"]].append(row)
    return [(workload, groups[workload]) for workload in order]
