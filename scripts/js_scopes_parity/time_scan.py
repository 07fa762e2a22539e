"""How long tandem.sourcemap._js_scopes takes to scan a file: the first call and the best of 5,
wall time and the process's CPU time (on a loaded machine the CPU time says more).

    python3 scripts/js_scopes_parity/time_scan.py FILE.js
    TANDEM_DAEMON=0 ./tandem run scripts/js_scopes_parity/time_scan.py FILE.js   # inside Tandem
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python"))

from tandem.sourcemap._js_scopes import function_scopes  # noqa: E402

with open(sys.argv[1], encoding="utf-8", newline="") as file:
    text = file.read()
times = []
for _ in range(5):
    start, cpu = time.perf_counter(), time.process_time()
    scopes = function_scopes(text)
    times.append((time.perf_counter() - start, time.process_time() - cpu))
best = min(times)
print(f"{os.path.basename(sys.argv[1])}: {len(text):,} characters, {len(scopes):,} scopes; "
      f"first {times[0][0] * 1000:,.0f} ms ({times[0][1] * 1000:,.0f} ms CPU), "
      f"best of 5 {best[0] * 1000:,.0f} ms ({best[1] * 1000:,.0f} ms CPU)")
