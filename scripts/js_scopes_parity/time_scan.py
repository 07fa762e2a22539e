"""How long tandem.sourcemap._js_scopes takes to scan a file: the first call and the best of 5,
wall time and the process's CPU time (on a loaded machine the CPU time says more), and the
kernel's call alone (its ints, not made into Scope tuples), on the
backend the kernel ``sourcemap.function_scopes`` routes to (``--backend NAME`` picks one).

    python3 scripts/js_scopes_parity/time_scan.py FILE.js
    TANDEM_DAEMON=0 ./tandem run scripts/js_scopes_parity/time_scan.py [--backend java] FILE.js
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"))

from tandem import using  # noqa: E402
from tandem.sourcemap._js_scopes import function_scopes, scopes  # noqa: E402

arguments = sys.argv[1:]
backend = "auto"
if arguments[0] == "--backend":
    backend, arguments = arguments[1], arguments[2:]
using(routes={"sourcemap.function_scopes": backend}).__enter__()  # for the rest of the script
with open(arguments[0], encoding="utf-8", newline="") as file:
    text = file.read()
times = []
for _ in range(5):
    start, cpu = time.perf_counter(), time.process_time()
    found = scopes(text)
    times.append((time.perf_counter() - start, time.process_time() - cpu))
best = min(times)
kernel = []  # the kernel's call alone, without making its ints into Scope tuples
for _ in range(5):
    start = time.perf_counter()
    function_scopes(text)
    kernel.append(time.perf_counter() - start)
print(f"{os.path.basename(arguments[0])} ({backend}): {len(text):,} characters, {len(found):,} scopes; "
      f"first {times[0][0] * 1000:,.0f} ms ({times[0][1] * 1000:,.0f} ms CPU), "
      f"best of 5 {best[0] * 1000:,.0f} ms ({best[1] * 1000:,.0f} ms CPU); the kernel alone "
      f"best of 5 {min(kernel) * 1000:,.0f} ms")
