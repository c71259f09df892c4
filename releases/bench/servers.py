"""gunicorn started as production starts it (pressoffice/gunicorn.conf.py), and its workers' CPU and memory."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TICK = os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, app, port, env, *, gunicorn=None, cwd=ROOT, config=ROOT / "pressoffice" / "gunicorn.conf.py"):
        self.base = f"http://127.0.0.1:{port}"
        environment = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
                       "GUNICORN_THREADS": "1", "GUNICORN_LOG_LEVEL": "warning"}
        gunicorn = gunicorn or str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen([gunicorn, "-c", str(config), app], cwd=cwd, env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait(self, path="/", timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.process.stderr.read()[-3000:]}")
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    response.read()
                    if len(self.workers()) >= 2:
                        return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.status, response.read()

    def workers(self):
        pid = str(self.process.pid)
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if fields[1] == pid:
                    children.append(int(entry.name))
        return children

    def cpu_seconds(self):
        """CPU used by every worker so far, those already recycled (max_requests) included."""
        total = 0
        try:
            master = (Path("/proc") / str(self.process.pid) / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(master[13]) + int(master[14])  # cutime, cstime: workers that have exited
        except OSError:
            pass
        for pid in self.workers():
            try:
                fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICK

    def rss_mib(self):
        """The largest worker's resident memory, in MiB."""
        sizes = [0]
        for pid in self.workers():
            try:
                for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return max(sizes)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def measure(server, paths, *, connections, seconds, load):
    """One load run, with the workers' CPU per request and their largest RSS."""
    before = server.cpu_seconds()
    result = load(server.base, paths, connections=connections, seconds=seconds)
    used = server.cpu_seconds() - before
    result["cpu_ms"] = used * 1000 / result["requests"] if result["requests"] else None
    result["rss"] = server.rss_mib()
    return result
