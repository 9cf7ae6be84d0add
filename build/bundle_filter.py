"""What a quizapp bundle leaves out: shared by ``quizapp.spec`` and the bare-window floor spec.

Filtering ``a.binaries`` / ``a.datas`` is what shrinks a PySide6 bundle: PyInstaller's hooks
collect every plugin of every imported Qt module, most of which a widgets app never loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Python modules the app never imports (PyInstaller follows optional imports of libraries).
EXCLUDED_MODULES = [
    "tkinter",
    "unittest",
    "pydoc",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtHelp",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    # setuptools comes in through alembic/SQLAlchemy metadata lookups the app never makes;
    # its runtime hook alone cost ~0.1 s of every frozen start.
    "setuptools",
    "pkg_resources",
    "pytest",
    "hypothesis",
    "mypy",
    "IPython",
    "numpy",
    "PIL",
]

# Qt plugin folders a widgets app needs; every other plugin folder is dropped.
_KEPT_PLUGIN_DIRS = {"platforms", "imageformats", "platformthemes", "xcbglintegrations"}
_KEPT_PLATFORMS = re.compile(
    r"lib(qxcb|qoffscreen|qwayland|qminimal)\.so|q(windows|offscreen)\.dll|libqcocoa"
)
_KEPT_IMAGEFORMATS = re.compile(r"q(ico|jpeg|gif)")
_QT_TRANSLATION = re.compile(r"translations[/\\](qt|qtbase)_(de|en)\.qm$")
# Qt libraries that only the excluded modules (or QML) need.
_DROPPED_QT_LIBS = re.compile(
    r"libQt6(Qml|Quick|Pdf|VirtualKeyboard|Network|OpenGL(?!\.so)|Svg|Designer|Help|Sql|Test"
    r"|Xml|Concurrent|3D|Multimedia|WebEngine|Charts|DataVisualization|Positioning|Sensors"
    r"|SerialPort|Bluetooth|Nfc|RemoteObjects|Scxml|StateMachine|TextToSpeech|WebSockets"
    r"|WebChannel|LabsStyleKit|ShaderTools|Wayland(?!Client))"
)
# babel ships CLDR data for ~900 locales; the app formats dates and numbers in de and en only.
_BABEL_LOCALE = re.compile(r"babel[/\\]locale-data[/\\]([A-Za-z_]+)\.dat$")
_BABEL_KEPT = re.compile(r"^(root|de|de_DE|de_AT|de_CH|en|en_GB|en_US|en_001|en_150)$")


def keep(dest: str) -> bool:
    """Whether a collected file (by its destination path in the bundle) stays in the bundle."""
    path = dest.replace("\\", "/")
    if "/Qt/plugins/" in path or path.startswith("PySide6/Qt/plugins"):
        folder = path.split("/plugins/", 1)[1].split("/", 1)[0]
        if folder not in _KEPT_PLUGIN_DIRS:
            return False
        name = path.rsplit("/", 1)[-1]
        if folder == "platforms":
            return bool(_KEPT_PLATFORMS.search(name))
        if folder == "imageformats":
            return bool(_KEPT_IMAGEFORMATS.search(name))
        if folder == "platformthemes":
            # The GTK3 theme plugin drags in GTK, GDK, cairo and pango (~10 MB) for looks only.
            return "gtk3" not in name
        return True
    if "/Qt/translations/" in path:
        return bool(_QT_TRANSLATION.search(path))
    if "/Qt/qml/" in path or "/Qt/metatypes/" in path:
        return False
    if _DROPPED_QT_LIBS.search(path.rsplit("/", 1)[-1]):
        return False
    match = _BABEL_LOCALE.search(path)
    if match:
        return bool(_BABEL_KEPT.match(match.group(1)))
    return True


def filter_toc(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop the entries of a PyInstaller TOC (dest, source, kind) that :func:`keep` rejects."""
    return [entry for entry in entries if keep(entry[0])]


def _is_root(dest: str) -> bool:
    """Binaries loaded directly (extension modules, Qt plugins, libpython), not as a dependency."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    return (
        "/plugins/" in path
        or ".cpython-" in name
        or ".abi3." in name
        or name.startswith("libpython")
        or (path.startswith("python3") and "lib-dynload" in path)
    )


def prune_unreachable(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop shared libraries that no kept extension module or plugin needs any more.

    PyInstaller collected the dependencies of plugins that :func:`filter_toc` removed (the GTK
    theme's GTK, cairo, pango ...); walking the import tables from what is left finds the
    libraries that are really loaded. Linux only: elsewhere the list is returned unchanged.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend import bindepend

    by_name = {entry[0].replace("\\", "/").rsplit("/", 1)[-1]: entry for entry in binaries}
    needed: set[str] = set()
    queue = [entry for entry in binaries if _is_root(entry[0])]
    seen = {entry[0] for entry in queue}
    while queue:
        entry = queue.pop()
        needed.add(entry[0])
        for lib_name, _resolved in bindepend.get_imports(entry[1]):
            dep = by_name.get(lib_name)
            if dep is not None and dep[0] not in seen:
                seen.add(dep[0])
                queue.append(dep)
    return [entry for entry in binaries if entry[0] in needed]
