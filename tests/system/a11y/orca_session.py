"""The real Orca screen reader, started on a private AT-SPI bus, and what it says.

Used by ``tests/system/test_orca.py``. A session starts, on a given X display:

* a private D-Bus session bus and the AT-SPI bus on it (``at-spi-bus-launcher``), so nothing
  leaks to or from the desktop of whoever runs the tests;
* Debian's ``orca`` with a preferences folder of its own, whose ``orca-customizations.py``
  (Orca loads it before it starts speech) keeps Orca from opening a speech server: on a
  machine without audio, a speech-dispatcher that Orca starts can hang Orca's own start.
  Orca still logs every utterance to its debug file as ``SPEECH OUTPUT: '…'``: that is what
  a blind student would hear, and what the test reads;
* the app, with accessibility on.

Keys are pressed through the X server with xdotool, as a keyboard user presses them; Orca
hears them through AT-SPI like any other key.

Orca refuses to start while another Orca of the same user runs (it asks ``pgrep``). Tests of
two worktrees, or a tester's own Orca, would then fail for no reason of the app's: the
launcher runs Orca's own ``/usr/bin/orca`` code with only that check left out (its bus is
private anyway).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ORCA = "/usr/bin/orca"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"

#: Loaded by Orca first: no speech server (speech is only logged), a line-buffered debug file
#: at "info" level (every SPEECH OUTPUT line; not the flood of "all"), no braille, no sounds.
CUSTOMIZATIONS = '''\
"""Test session: Orca logs what it would say, without a speech server."""
import orca.debug
import orca.settings
import orca.speech

orca.speech.init = lambda: None  # _speechserver stays None: every utterance is only logged
orca.settings.enableBraille = False
orca.settings.enableSound = False
orca.settings.enableModeChangeSound = False
orca.settings.progressBarUpdateInterval = 0
if orca.debug.debugFile is not None:
    orca.debug.debugFile.reconfigure(line_buffering=True)
orca.debug.debugLevel = orca.debug.LEVEL_INFO
'''

#: Orca's own launcher without the "another Orca is running" check (see the module docstring).
LAUNCHER = f"""\
import sys
source = open({ORCA!r}, encoding="utf-8").read()
launcher = {{"__name__": "orca_launcher", "__file__": {ORCA!r}}}
exec(compile(source, {ORCA!r}, "exec"), launcher)
launcher["otherOrcas"] = lambda: []
sys.argv[0] = "orca"
sys.exit(launcher["main"]())
"""

#: One utterance in the debug log: the text in quotes, then Orca's voice settings (a dict).
SPEECH = re.compile(r"SPEECH OUTPUT: '(.*)'(?: ?voice=\w+)? ?(?:\{.*\})?$", re.MULTILINE)


def missing() -> str:
    """Why an Orca session cannot run here ("" when it can)."""
    for tool in ("Xvfb", "xdotool", "dbus-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path(BUS_LAUNCHER).exists():
        return "at-spi2-core is not installed"
    if not Path(ORCA).exists():
        return "orca is not installed (Debian package 'orca'; .ci/run installs it)"
    return ""


class OrcaSession:
    """Orca and the app on ``display``; ``said`` gives what Orca said, line by line."""

    def __init__(self, display: str, work: Path) -> None:
        self.display = display
        self.work = work
        work.mkdir(parents=True, exist_ok=True)
        self.log = work / "orca-debug.out"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.app: subprocess.Popen[bytes] | None = None
        self._read = 0  # how many SPEECH lines earlier calls of ``heard`` consumed
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {"QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS", "LANGUAGE"}
        }
        self.env.update(
            DISPLAY=display,
            LANG="C.UTF-8",
            NO_AT_BRIDGE="0",
            GTK_MODULES="",
            XDG_RUNTIME_DIR=str(self._private("runtime")),
            XDG_CONFIG_HOME=str(self._private("config")),
            XDG_DATA_HOME=str(self._private("data-home")),
            XDG_CACHE_HOME=str(self._private("cache")),
        )

    def _private(self, name: str) -> Path:
        folder = self.work / name
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder

    # -- starting and stopping -------------------------------------------------------------

    def start_bus_and_orca(self) -> None:
        """The private session bus, the AT-SPI bus, and Orca, ready to listen."""
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        self.processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("the private D-Bus session bus did not start")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        self._spawn([BUS_LAUNCHER, "--launch-immediately"])
        prefs = self._private("orca-prefs")
        (prefs / "orca-customizations.py").write_text(CUSTOMIZATIONS, encoding="utf-8")
        launcher = self.work / "orca_launcher.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        self._spawn(
            [SYSTEM_PYTHON, str(launcher), "-u", str(prefs), "--debug-file", str(self.log)],
            log="orca-stderr.txt",
        )
        self.wait_log(lambda text: "ORCA: Starting registry" in text, 40, "Orca started")

    def start_app(self, command: Sequence[str]) -> None:
        """Start the app and give its window the keyboard focus (there is no window manager)."""
        env = dict(self.env, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1")
        with (self.work / "app-output.txt").open("wb") as out:
            self.app = subprocess.Popen(list(command), env=env, stdout=out, stderr=out)
        self.processes.append(self.app)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "."],
                env=self.env,
                capture_output=True,
                check=False,
                text=True,
            )
            if found.stdout.strip():
                break
            if self.app.poll() is not None:
                raise RuntimeError("the app ended: " + self.app_output())
            time.sleep(0.3)
        else:
            raise RuntimeError("the app's window did not appear within 60 s")
        time.sleep(1.0)  # the first view settles (and registers with the AT-SPI bus)
        self.focus_window()

    def focus_window(self) -> None:
        """Give the app's window X focus, as a window manager would."""
        subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", ".", "windowfocus"],
            env=self.env,
            check=False,
            capture_output=True,
        )

    def _spawn(self, command: list[str], log: str = "") -> subprocess.Popen[bytes]:
        out = (self.work / log).open("wb") if log else subprocess.DEVNULL
        process = subprocess.Popen(command, env=self.env, stdout=out, stderr=out)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        """End everything this session started (last started first)."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes.clear()

    def app_output(self) -> str:
        """What the app printed (for failure messages)."""
        path = self.work / "app-output.txt"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    # -- input -----------------------------------------------------------------------------

    def press(self, *keys: str, pause: float = 0.3) -> None:
        """Real key presses through the X server, one after another."""
        for key in keys:
            subprocess.run(["xdotool", "key", key], env=self.env, check=True)
            time.sleep(pause)

    def type_text(self, text: str) -> None:
        """Real typing through the X server."""
        subprocess.run(["xdotool", "type", "--delay", "60", text], env=self.env, check=True)
        time.sleep(0.3)

    # -- what Orca said --------------------------------------------------------------------

    def speech(self) -> list[str]:
        """Every utterance so far, in order."""
        if not self.log.exists():
            return []
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [match.group(1) for match in SPEECH.finditer(text)]

    def wait_log(self, done: Callable[[str], bool], seconds: float, what: str) -> None:
        """Wait until Orca's debug log satisfies ``done``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.log.exists() and done(self.log.read_text(encoding="utf-8", errors="replace")):
                return
            time.sleep(0.2)
        raise TimeoutError(f"{what}: not within {seconds:.0f} s; see {self.log}")

    def heard(self, *expected: str, seconds: float = 20.0, settle: float = 0.5) -> list[str]:
        """The utterances since the last call, once every ``expected`` piece was said in them
        (all of them, waiting up to ``seconds``), then ``settle`` more seconds for the rest.

        Raises ``AssertionError`` naming what is missing and what was said instead.
        """
        deadline = time.monotonic() + seconds
        while True:
            new = self.speech()[self._read :]
            joined = " ".join(new)
            missing_parts = [piece for piece in expected if piece not in joined]
            if not missing_parts or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if not missing_parts:
            time.sleep(settle)
            new = self.speech()[self._read :]
        self._read += len(new)
        if missing_parts:
            raise AssertionError(f"Orca did not say {missing_parts!r}; it said: {new!r}")
        return new

    def next_speech(self, seconds: float = 6.0, settle: float = 0.4) -> list[str]:
        """The utterances a key press caused: wait until Orca says something (up to
        ``seconds``; a loaded machine answers late), then ``settle`` more for the rest."""
        deadline = time.monotonic() + seconds
        while len(self.speech()) <= self._read and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.skip_speech(settle)

    def skip_speech(self, settle: float = 0.6) -> list[str]:
        """Let pending speech arrive and forget it (after a step whose speech is not checked)."""
        time.sleep(settle)
        new = self.speech()[self._read :]
        self._read += len(new)
        return new
