"""Accessibility (axe-core) and HTML (vnu) checks, run locally: no checker calls the network.

Both come from the npm registry into tests/browser/node_modules (`make install-browser`).
`assert_known` compares what a checker found with a list of known failures: a new
failure fails the test, and so does a listed one that is gone, so the list only shrinks.
An empty list asserts that the pages are clean.
"""

import json
import subprocess
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = str(NODE_MODULES / "axe-core" / "axe.min.js")
VNU = str(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Lines for the end of the run: what the checkers found, known or not.
REPORT = []


class Findings(list):
    """A list of (key, detail) pairs whose str() is a readable report."""

    def keys(self):
        return {key for key, _detail in self}

    def __str__(self):
        return "\n".join(f"  {' · '.join(key)}: {detail}" for key, detail in self) or "  (none)"


def axe(page, *, where=()):
    """Run axe-core on the page for WCAG 2.2 AA; one finding per violated rule, keyed (*where, rule id)."""
    # evaluate() goes through the DevTools protocol, so a strict Content-Security-Policy can't block it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(Path(AXE).read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    findings = Findings()
    for violation in result["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:3]) + (f" and {len(targets) - 3} more" if len(targets) > 3 else "")
        findings.append(((*where, violation["id"]), f"{violation['impact']}: {violation['help']} at {shown}"))
    return findings


def vnu(html_files):
    """Check the given HTML files with the Nu HTML Checker in one JVM; errors keyed (file stem, message)."""
    paths = [str(path) for path in html_files]
    if not paths:
        return Findings()
    completed = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", *paths],
        capture_output=True, text=True, timeout=300,
    )
    if completed.returncode != 0 or not completed.stdout.strip():
        raise RuntimeError(f"vnu.jar failed ({completed.returncode}): {completed.stderr[-2000:]}")
    findings = Findings()
    for message in json.loads(completed.stdout)["messages"]:
        stem = Path(message.get("url", "?").removeprefix("file:")).stem
        line = message.get("lastLine", "?")
        findings.append(((stem, message["message"]), f"line {line}: {' '.join(message.get('extract', '').split())[:120]}"))
    return findings


def assert_known(findings, known, *, checker):
    """Fail on any finding not in `known`, and on any known one that no longer shows up."""
    found = findings.keys()
    REPORT.append(f"{checker}: {len(found)} distinct finding(s), {len(known)} known")
    REPORT.extend(str(findings).splitlines() if findings else [])
    new = Findings((key, detail) for key, detail in findings if key not in known)
    gone = sorted(set(known) - found)
    message = []
    if new:
        message.append(f"{checker} found new problems (fix them; listing them in the known failures is a last resort):\n{new}")
    if gone:
        message.append(f"{checker}: these known failures are fixed; remove them from the list:\n  "
                       + "\n  ".join(" · ".join(key) for key in gone))
    assert not message, "\n".join(message)
