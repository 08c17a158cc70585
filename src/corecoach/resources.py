"""Where bundled data lives: example profiles and the shipped routine library."""

from __future__ import annotations

from pathlib import Path

from corecoach.errors import InputError
from corecoach.suggest import suggest

_PACKAGE = Path(__file__).resolve().parent


def routines_dir() -> Path:
    """The shipped routines/ folder.

    A wheel carries it as ``corecoach/routines``; an editable install does not, so fall back
    to the checkout's top-level ``routines/`` (two levels above ``src/corecoach``).
    """
    packaged = _PACKAGE / "routines"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / "routines"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the shipped routines folder is missing (looked in {packaged})")


def example_names() -> list[str]:
    """Names of the bundled example profiles, sorted."""
    # importlib.resources only here: a run with a profile file of its own never needs it.
    from importlib import resources

    folder = resources.files("corecoach.examples")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                  if p.name.endswith(".toml"))


def example_path(name: str) -> Path:
    """The file of one bundled example profile; an unknown name is an InputError."""
    names = example_names()
    if name not in names:
        hint = suggest(name, names)
        tail = f"did you mean {hint!r}?" if hint else "allowed: " + ", ".join(names)
        raise InputError.single("--example", "", f"no example named {name!r} ({tail})")
    from importlib import resources

    return Path(str(resources.files("corecoach.examples") / f"{name}.toml"))


def example_summary(name: str) -> str:
    """The first comment line of an example file, for `corecoach examples`."""
    for line in example_path(name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""
