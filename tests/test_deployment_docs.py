"""The README's table of environment variables is the truth: every variable read is there, and only those."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READS = re.compile(r'(?:env_(?:bool|int|list)\(|os\.environ(?:\.get)?[\(\[])\s*"([A-Z][A-Z0-9_]*)"')


def variables_read():
    names = set()
    for path in (ROOT / "pressoffice/settings.py", ROOT / "pressoffice/gunicorn.conf.py"):
        names |= set(READS.findall(path.read_text()))
    return names


def variables_documented():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Environment variables", 1)[1].split("\n### ", 1)[0]
    names = set()
    for first_cell in re.findall(r"^\| ([^|]*`[A-Z][^|]*) \|", section, re.M):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_readme_documents_every_environment_variable_and_no_other():
    read, documented = variables_read(), variables_documented()
    assert len(read) > 30
    assert read - documented == set(), "read in the code but missing from the README"
    assert documented - read == set(), "in the README but never read"


def test_the_readme_covers_what_an_operator_needs():
    readme = (ROOT / "README.md").read_text()
    production = readme.split("## Running in production", 1)[1]
    for topic in ("### PostgreSQL", "### Redis", "S3", "### Reverse proxy and TLS", "publish_scheduled",
                  "task worker", "pg_dump", "migrate", "### Scaling out", "make serve"):
        assert topic in production, topic
