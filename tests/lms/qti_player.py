"""A real QTI 3 player for the tests: Citolab's ``@citolab/qti-components`` (npm, pinned in
``tests/lms/player/package-lock.json``) in Debian's headless Chromium.

Each run writes one HTML page that loads the player, renders the items one after another,
answers them (clicking choices and hot texts, typing the short answer, as a student would;
setting the order and the matches through the item's response variable), lets the player's own
response processing score them and writes what it found as JSON into the page, which Chromium
dumps. Missing npm or Chromium skips the test with the reason shown (``.ci/run`` installs both).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PLAYER_DIR = Path(__file__).resolve().parent / "player"
COMPONENTS = PLAYER_DIR / "node_modules" / "@citolab" / "qti-components"


def chromium() -> str:
    """The Chromium binary, or skip (with the reason) where it cannot be had."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    return found


def player() -> Path:
    """The installed player; installed from the lock file on first use."""
    if not (COMPONENTS / "cdn" / "index.global.js").is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so the QTI player cannot be installed")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=PLAYER_DIR,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"npm could not install the QTI player: {done.stderr[-500:]}")
    return COMPONENTS


@dataclass
class Case:
    """One item to render and answer: by ``clicks`` on identifiers, ``typed`` into the text
    box, or a ``response`` value."""

    name: str
    path: Path
    interaction: str
    clicks: list[str] = field(default_factory=list)
    typed: str | None = None
    response: str | list[str] | None = None


def _page(cases: list[Case], *, screenshot: bool) -> str:
    components = player().as_uri()
    payload = [
        {
            "name": case.name,
            "xml": case.path.read_text(encoding="utf-8"),
            "base": case.path.parent.as_uri() + "/",
            "interaction": case.interaction,
            "clicks": case.clicks,
            "typed": case.typed,
            "response": case.response,
        }
        for case in cases
    ]
    style = (
        "body{font-family:'DejaVu Sans',sans-serif;max-width:860px;margin:16px auto}"
        "[data-stimulus-idref]{max-height:230px;overflow:auto;border:1px solid #999;"
        "padding:0 8px;margin-bottom:8px;font-size:90%}"
        "#result{display:none}"
    )
    return f"""<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{components}/dist/item.css">
<style>{style if screenshot else ""}</style>
<script src="{components}/cdn/index.global.js"></script></head>
<body><div id="stage"></div><pre id="result">pending</pre>
<script>
const CASES = {json.dumps(payload)};
const pause = (ms) => new Promise((done) => setTimeout(done, ms));
(async () => {{
  const results = [];
  for (const c of CASES) {{
    const stage = document.createElement("div");
    document.getElementById("stage").append(stage);
    try {{
      stage.innerHTML = QtiComponents.qtiTransformItem().parse(c.xml).path(c.base).html();
      const item = stage.querySelector("qti-assessment-item");
      await customElements.whenDefined("qti-assessment-item");
      await item.updateComplete;
      await pause(100);
      const interaction = stage.querySelector(c.interaction);
      const rendered = interaction !== null && interaction.shadowRoot !== null
        && interaction.shadowRoot.innerHTML.length > 0;
      const before = [...stage.querySelectorAll("qti-feedback-block")]
        .filter((e) => e.showStatus === "on").length;
      for (const id of c.clicks) {{
        stage.querySelector(`[identifier="${{id}}"]`).click();
        await pause(20);
      }}
      if (c.typed !== null) {{
        const box = interaction.shadowRoot.querySelector("textarea");
        box.value = c.typed;
        for (const kind of ["input", "change"]) {{  // typed, then the box is left
          box.dispatchEvent(new Event(kind, {{ bubbles: true, composed: true }}));
        }}
        await pause(20);
      }}
      if (c.response !== null) item.updateResponseVariable("RESPONSE", c.response);
      await pause(50);
      item.processResponse();
      await pause(100);
      const after = [...stage.querySelectorAll("qti-feedback-block")]
        .filter((e) => e.showStatus === "on").length;
      const inline = [...stage.querySelectorAll("qti-feedback-inline")]
        .filter((e) => e.showStatus === "on").length;
      const variable = (name) => item.variables.find((v) => v.identifier === name);
      results.push({{
        name: c.name, rendered,
        choices: stage.querySelectorAll("qti-simple-choice, qti-hottext, "
          + "qti-simple-associable-choice").length,
        score: item.getOutcome("SCORE").value,
        response: variable("RESPONSE") ? variable("RESPONSE").value : null,
        feedbackBefore: before, feedbackAfter: after, inlineFeedback: inline,
        stimulus: stage.querySelector("[data-stimulus-idref] qti-stimulus-body, "
          + "[data-stimulus-idref] h2") !== null,
      }});
    }} catch (error) {{
      results.push({{ name: c.name, error: String(error) + " " + error.stack }});
    }}
  }}
  document.getElementById("result").textContent = JSON.stringify(results);
}})();
</script></body></html>"""


def _chromium(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--allow-file-access-from-files",  # the items and the article are local files
            "--virtual-time-budget=600000",  # virtual: no real wait
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def play(cases: list[Case], work: Path) -> dict[str, dict[str, Any]]:
    """Render, answer and score ``cases`` in the player; the player's findings by case name."""
    page = work / "player.html"
    page.write_text(_page(cases, screenshot=False), encoding="utf-8")
    done = _chromium(page, "--dump-dom")
    start = done.stdout.find('<pre id="result">')
    assert start >= 0, done.stderr[-2000:]
    end = done.stdout.index("</pre>", start)
    text = done.stdout[start + len('<pre id="result">') : end]
    assert text != "pending", "the player did not finish: " + done.stderr[-2000:]
    import html

    found: list[dict[str, Any]] = json.loads(html.unescape(text))
    return {entry["name"]: entry for entry in found}


def screenshot(case: Case, target: Path, work: Path) -> Path:
    """A picture of one item as the player shows it after answering ``case``."""
    page = work / f"shot-{target.stem}.html"
    page.write_text(_page([case], screenshot=True), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    done = _chromium(page, f"--screenshot={target}", "--window-size=1000,1300")
    assert target.is_file() and target.stat().st_size > 10_000, done.stderr[-2000:]
    return target
