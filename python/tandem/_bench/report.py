"""The benchmark's outputs: a Markdown table, a JSON file and an SVG bar chart (log scale).

A row is one runner on one workload: ``{"workload", "runner", "kind" ("tandem" or "peer"),
"mb_per_s", "tokens_per_s", "spread", "status"}``; status is "ok", or says why there is no
time (missing, failed, or a mismatch with the reference's output). A workload whose items are
not tokens gives ``items_per_s`` and their ``unit`` instead of ``tokens_per_s`` (and
``mb_per_s`` None when bytes are no measure of it); ``seconds``, the median run, is optional.
"""

import json
import math
from xml.sax.saxutils import escape


def markdown(rows, machine):
    lines = [f"Measured on {machine}. Median of the timed runs; spread = interquartile range / median.",
             "", "| workload | runner | time/run | MB/s | items/s | vs fastest peer | spread | status |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
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
            name = f"**{row['runner']}**" if row["kind"] == "tandem" else row["runner"]
            lines.append(f"| {workload} | {name} | " + " | ".join(cells) + f" | {row['status']} |")
    return "\n".join(lines) + "\n"


def _items_per_s(row):
    return row["items_per_s"] if row.get("items_per_s") is not None else row["tokens_per_s"]


def _speed(row):
    """What rows are compared by: MB/s where the workload has it, else items per second."""
    return row["mb_per_s"] if row["mb_per_s"] is not None else _items_per_s(row)


def write_json(path, rows, machine, command):
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"machine": machine, "command": command, "rows": rows}, file, indent=1)


def svg_chart(rows, title):
    """Horizontal bars per workload, MB/s on a log scale; Tandem's bars dark, peers' light."""
    timed = [row for row in rows if row["status"] == "ok" and row["mb_per_s"] is not None]
    if not timed:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="10" y="25">{escape(title)}: no timings</text></svg>'
    low = 10 ** math.floor(math.log10(min(row["mb_per_s"] for row in timed)))
    high = 10 ** math.ceil(math.log10(max(row["mb_per_s"] for row in timed)))
    label_width, bar_width, bar_height = 260, 460, 16
    scale = lambda value: bar_width * (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))  # noqa: E731
    parts, y = [], 40
    for workload, group in _by_workload(timed):
        parts.append(f'<text x="10" y="{y}" font-weight="bold">{escape(workload)}</text>')
        y += 8
        for row in group:
            width = max(1.0, scale(row["mb_per_s"]))
            colour = "#1f4e79" if row["kind"] == "tandem" else "#9dc3e6"
            parts.append(f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end">{escape(row["runner"])}</text>'
                         f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar_height}" fill="{colour}"/>'
                         f'<text x="{label_width + width + 4:.1f}" y="{y + 12}">{row["mb_per_s"]:.2f} MB/s</text>')
            y += bar_height + 4
        y += 18
    ticks = []
    decade = low
    while decade <= high * 1.0001:
        x = label_width + scale(decade)
        ticks.append(f'<line x1="{x:.1f}" y1="28" x2="{x:.1f}" y2="{y - 10}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{y + 4}" text-anchor="middle" font-size="11">{decade:g}</text>')
        decade *= 10
    width = label_width + bar_width + 120
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y + 30}" font-family="sans-serif" '
            f'font-size="12"><rect width="100%" height="100%" fill="white"/>'
            f'<text x="10" y="18" font-size="14">{escape(title)} (MB/s, log scale)</text>'
            + "".join(ticks) + "".join(parts) + "</svg>\n")


def _by_workload(rows):
    order = []
    groups = {}
    for row in rows:
        if row["workload"] not in groups:
            order.append(row["workload"])
            groups[row["workload"]] = []
        groups[row["workload"]].append(row)
    return [(workload, groups[workload]) for workload in order]
