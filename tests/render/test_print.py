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
from dataclasses import replace
from pathlib import Path

import pytest
from tests.dated import START, dated_example
from tests.render.largest import biggest_week

from corecoach.coach import plan_for
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
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
    outcome = plan_for(dated_example(name), load_catalog(), START, week=1)
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


def on_paper(page: str, paper: str) -> str:
    """``page`` set for ``paper``: Chromium's default is Letter; A4 is the shorter sheet."""
    if paper == "letter":
        return page
    assert "@page { size: " in page, "the page names its paper size"
    return page.replace("@page { size: ", "@page { size: A4 ", 1)


def one_page_text(page: str, tmp_path: Path, what: str, *, layout: bool = True) -> str:
    """Print ``page``, check it fits one sheet (strictly with Arial's metrics, else at most
    two), and return the PDF's text; skips when pdftotext is missing."""
    pdf = print_pdf(page, tmp_path)
    pages = page_count(pdf)
    assert pages <= 2
    if arial_metrics():
        assert pages == 1, f"{what} spilled onto a second page"
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF text not checked")
    args = [PDFTOTEXT, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT,
                          check=True).stdout


@pytest.mark.parametrize(("name", "paper"), [
    ("road-runner", "letter"), ("road-runner", "A4"), ("desk-worker", "A4"), ("lifter", "A4"),
])
def test_the_week_prints_on_one_landscape_page(name: str, paper: str, tmp_path: Path) -> None:
    page = on_paper(render_html(plan_of(name)), paper)
    text = one_page_text(page, tmp_path, f"{name} on {paper}")
    for day in DAY_NAMES.values():
        assert day in text
    plan = plan_of(name)
    assert f"Week 1 of {plan.weeks}" in text
    for item in (item for day in plan.days for item in day.items):
        assert item.name.split()[0] in text


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_the_largest_plan_prints_on_one_page(paper: str, tmp_path: Path) -> None:
    """E3: the biggest week of the largest profile folds onto one sheet, counted."""
    plan = biggest_week("three-sports")
    page = on_paper(render_html(plan), paper)
    text = one_page_text(page, tmp_path, f"the largest plan on {paper}")
    assert "Back pain today" in text, "the grid's foot is on the page"
    assert "corecoach explain" in text, "what is folded away is counted"


WIDE_NAME = "李" * 20  # a 20-character Chinese name


@pytest.mark.parametrize("name", ["road-runner"])  # the biggest plan: 16 rows
def test_a_long_chinese_name_still_prints_on_one_page(name: str, tmp_path: Path) -> None:
    plan = replace(plan_of(name), name=WIDE_NAME)
    page = on_paper(render_html(plan), "A4")
    pages = page_count(print_pdf(page, tmp_path))
    assert pages <= 2
    if arial_metrics():
        assert pages == 1, f"{name} with a 20-character Chinese name spilled onto a 2nd page"


PHONE_CHECK = """
<script>
window.addEventListener("load", () => {
  const names = [...document.querySelectorAll("th.day .name")];
  // The text's own extent (a block's box stays the cell's width while its text overflows).
  const boxes = names.map(n => {
    const range = document.createRange();
    range.selectNodeContents(n);
    return range.getBoundingClientRect();
  });
  let overlaps = 0, clipped = 0;
  for (let i = 1; i < boxes.length; i++) {
    if (boxes[i].left < boxes[i - 1].right - 0.5) overlaps++;
  }
  for (const [i, n] of names.entries()) {
    const cell = n.closest("th").getBoundingClientRect(), box = boxes[i];
    if (box.right > cell.right + 0.5 || box.left < cell.left - 0.5) clipped++;
  }
  parent.postMessage(`days=${names.length} overlaps=${overlaps} outside=${clipped} ` +
    `viewport=${window.innerWidth}`, "*");
});
</script>
"""

# Headless Chromium will not make its window narrower than 500 px, so the page is measured
# inside a 390 px frame; the frame reports back by postMessage (file: pages are not
# same-origin).
PHONE_FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="week.html" width="390" height="900" style="border:0"></iframe>
<script>
window.addEventListener("message", (event) => {
  const result = document.createElement("pre");
  result.id = "phone-check";
  result.textContent = event.data;
  document.body.appendChild(result);
});
</script></body></html>
"""


@pytest.mark.parametrize("name", ["road-runner", "desk-worker", "lifter"])
def test_day_headers_do_not_overlap_on_a_phone(name: str, tmp_path: Path) -> None:
    """At 390 px (a phone) every day name stays inside its own column header."""
    assert CHROMIUM is not None
    page = render_html(plan_of(name))
    assert "<script" not in page, "the page itself stays script-free"
    # The measuring script is the test's own, added to a copy of the page.
    (tmp_path / "week.html").write_text(page.replace("</body>", PHONE_CHECK + "</body>"),
                                        encoding="utf-8")
    source = tmp_path / "phone.html"
    source.write_text(PHONE_FRAME, encoding="utf-8")
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=500,900",
        "--virtual-time-budget=2000", "--dump-dom", source.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    found = re.search(r'<pre id="phone-check">([^<]*)</pre>', done.stdout)
    assert found, done.stderr[-2000:]
    stats = dict(part.split("=") for part in found[1].split())
    assert stats["days"] == "7"
    assert stats["overlaps"] == "0" and stats["outside"] == "0", found[1]
    assert int(stats["viewport"]) <= 400, "the check ran at phone width"
