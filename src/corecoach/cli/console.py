"""What the terminal is, asked of rich's Console, and printing that never crashes on it."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # a JSON plan never loads the terminal helpers
    from corecoach.render.terminal import ColorSystem, Terminal


def detect_terminal() -> Terminal:
    """The terminal on stdout as rich sees it.

    Width comes from COLUMNS or the real terminal (80 when piped), TERM=dumb included;
    colour from whether stdout is a terminal, FORCE_COLOR and TERM (none for TERM=dumb),
    and NO_COLOR (https://no-color.org) always wins; the encoding is the stream's own.
    """
    from rich.console import Console

    from corecoach.render.terminal import Terminal

    console = Console(file=sys.stdout)
    systems: dict[str | None, ColorSystem] = {
        "standard": "standard", "256": "256", "truecolor": "truecolor", "windows": "standard",
    }
    color = None if console.no_color else systems.get(console.color_system)
    width = console.width
    if console.is_dumb_terminal:  # rich says 80 for TERM=dumb, whatever the real width
        import shutil

        width = shutil.get_terminal_size().columns
    return Terminal(width=width, color=color, encoding=_encoding())


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def emit(text: str, *, document: bool = False) -> None:
    """Print ``text`` on stdout.

    A document (JSON, Markdown, HTML, a calendar) is UTF-8 whatever the terminal: when the
    stream's encoding cannot hold it, its bytes go to the binary stream. Terminal text is
    fitted to the stream's encoding (ASCII look-alikes, then ``?``), so a cp1252 or
    latin-1 console shows it instead of a traceback.
    """
    nl = not text.endswith("\n")
    if document and stdout_is_terminal():
        text = terminal_safe(text)
    encoding = _encoding()
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        from corecoach.render.terminal import fit_encoding

        buffer = getattr(sys.stdout, "buffer", None)
        if document and buffer is not None:
            sys.stdout.flush()
            buffer.write((text + ("\n" if nl else "")).encode("utf-8"))
            buffer.flush()
            return
        text = fit_encoding(text, encoding)
    # color=True: keep the escape codes the renderer chose from detect_terminal(); typer
    # would strip them from any stream that is not a terminal, defeating FORCE_COLOR.
    typer.echo(text, nl=nl, color=True)


#: Control characters a document may not show raw on a terminal: all but tab, LF, and the
#: CR of a CRLF line end (a calendar's). An ESC would set the title or clear the screen.
_RAW = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def terminal_safe(text: str) -> str:
    """A document (an export, a CSV) as a terminal may show it: control characters from
    files (a note edited into the journal, an old entry) as escapes like ``\x1b``."""
    if not _RAW.search(text):
        return text
    return _RAW.sub(lambda m: "\\r" if m.group() == "\r" else f"\\x{ord(m.group()):02x}",
                    text)


def is_terminal(stream: object) -> bool:
    """Is ``stream`` a terminal (a tty), rather than a pipe or a file? A replaced or closed
    stream is not."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    """Is stdout a terminal (a person reads it), rather than a pipe or a file?"""
    return is_terminal(sys.stdout)


def prose_width() -> int | None:
    """The columns messages and questions wrap at: the terminal's when stdout is one, None
    (one line each, so a piped transcript stays greppable) when it is not."""
    return detect_terminal().width if stdout_is_terminal() else None


def say(text: str, *, err: bool = False) -> None:
    """Print a message: wrapped to the terminal (see :func:`prose_width`) with a hanging
    indent, and fitted to the stream's encoding. ``err`` sends it to stderr."""
    from corecoach.render.terminal import fit_encoding, wrap_line

    width = prose_width()
    lines = text.split("\n")
    if width is not None:
        lines = [part for line in lines for part in wrap_line(line, width)]
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    typer.echo(fit_encoding("\n".join(lines), encoding), err=err)


def emit_error(line: str) -> None:
    """One ``error: ...`` line on stderr, fitted to its encoding."""
    from corecoach.render.terminal import fit_encoding

    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    typer.echo(fit_encoding(f"error: {line}", encoding), err=True)
