"""Print the HTML week with a real browser (headless Chromium) and look at the PDF.

Skipped, with the reason shown, where Chromium is not installed; the text check needs
``pdftotext`` (poppler-utils). `.ci/run` installs both. The one-page promise holds for
Arial metrics: it is checked strictly where fontconfig maps Arial to Arial or a metric
twin (Liberation Sans, Arimo), and loosely (at most two pages) elsewhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.dated import dated_example

from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.planner import build_plan
from corecoach.render.html import render_html
from corecoach.vocab import DAY_NAMES

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser",
                                                "google-chrome")) if p), None)
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
TIMEOUT = 60  # seconds for one print; it takes about one on a 2-core machine

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium): print test not run",
)


def plan_of(name: str) -> Plan:
    outcome = build_plan(dated_example(name), load_catalog(), 1)
    assert outcome.plan is not None
    return outcome.plan


def print_pdf(page: str, tmp_path: Path) -> Path:
    """Print ``page`` to a PDF with headless Chromium; no network, no profile left."""
    assert CHROMIUM is not None
    source, pdf = tmp_path / "week.html", tmp_path / "week.pdf"
    source.write_text(page, encoding="utf-8")
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}", source.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf


def page_count(pdf: Path) -> int:
    if PDFINFO:
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True,
                              timeout=TIMEOUT, check=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", info, flags=re.M)
        assert match, info
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def arial_metrics() -> bool:
    """Does fontconfig give Arial, or a font with Arial's widths, for "Arial"?"""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False
    found = subprocess.run([fc_match, "Arial"], capture_output=True, text=True,
                           timeout=TIMEOUT, check=False).stdout
    return any(name in found for name in ("Arial", "Liberation Sans", "Arimo"))


@pytest.mark.parametrize(("name", "paper"), [
    ("road-runner", "letter"), ("road-runner", "A4"), ("desk-worker", "A4"), ("lifter", "A4"),
])
def test_the_week_prints_on_one_landscape_page(name: str, paper: str, tmp_path: Path) -> None:
    page = render_html(plan_of(name))
    if paper == "A4":  # Chromium's default paper is Letter; A4 is the shorter sheet
        page = page.replace("@page { size: landscape;", "@page { size: A4 landscape;")
    pdf = print_pdf(page, tmp_path)
    pages = page_count(pdf)
    assert pages <= 2
    if arial_metrics():
        assert pages == 1, f"{name} on {paper} spilled onto a second page"
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF text not checked")
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=TIMEOUT, check=True).stdout
    for day in DAY_NAMES.values():
        assert day in text
    plan = plan_of(name)
    assert f"Week 1 of {plan.weeks}" in text
    for item in (item for day in plan.days for item in day.items):
        assert item.name.split()[0] in text
