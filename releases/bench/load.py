"""Load generators: wrk when it is installed, else a small one in Python. Same results either way."""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

# Rotates through the paths, and counts what is not 2xx (wrk's own count lets 3xx through).
LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0; n = 0 end
function request() n = n + 1; return wrk.format("GET", paths[(n %% #paths) + 1]) end
function response(status, headers, body) if status < 200 or status > 299 then non2xx = non2xx + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  io.write(string.format("NON2XX %%d\\n", total))
  io.write(string.format("ERRORS %%d\\n", summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def have_wrk():
    return shutil.which("wrk") is not None


def run(base, paths, *, connections, seconds, threads=2):
    """Load `paths` (rotating) on `base` for `seconds`: requests, req/s, p50/p99 in ms, non-2xx, errors."""
    if have_wrk():
        return _wrk(base, paths, connections=connections, seconds=seconds, threads=min(threads, connections))
    return _python(base, paths, connections=connections, seconds=seconds)


def _wrk(base, paths, *, connections, seconds, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(f'"{path}"' for path in paths)})
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
             "-s", script.name, base + paths[0]],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    return parse_wrk(out)


def parse_wrk(out):
    def latency(percent):
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(match[1]) * UNITS[match[2]] if match else None

    requests = int(re.search(r"(\d+) requests in", out)[1])
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": latency(50), "p99": latency(99),
        "non2xx": int(re.search(r"NON2XX (\d+)", out)[1]),
        "errors": int(re.search(r"ERRORS (\d+)", out)[1]),
        "tool": "wrk",
    }


def _python(base, paths, *, connections, seconds):
    """Keep-alive connections in threads; slower than wrk (the GIL), so its ceiling is lower too."""
    parts = urlsplit(base)
    deadline = time.perf_counter() + seconds
    latencies, statuses, errors, lock = [], [], [0], threading.Lock()

    def worker(offset):
        connection, n, mine, codes = None, offset, [], []
        while time.perf_counter() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                with lock:
                    errors[0] += 1
                connection.close()
                connection = None
                continue
            mine.append((time.perf_counter() - started) * 1000)
            codes.append(response.status)
        with lock:
            latencies.extend(mine)
            statuses.extend(codes)

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(index,)) for index in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else None

    return {
        "requests": len(latencies), "rps": len(latencies) / elapsed, "p50": percentile(50), "p99": percentile(99),
        "non2xx": sum(1 for status in statuses if not 200 <= status < 300), "errors": errors[0], "tool": "python",
    }
