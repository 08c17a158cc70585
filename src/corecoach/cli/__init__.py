"""The corecoach command line: a thin typer shell over the core.

Heavy modules (pydantic models, rich, the library) are imported inside the commands so that
``corecoach --help`` and shell completion (which re-runs the program on every TAB) stay fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

# typer vendors click; its usage errors are only reachable under this private name.
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperArgument, TyperGroup

from corecoach import __version__

_CHOICE_ERROR = re.compile(r"(?:Value error, )?(?P<value>.+?) is not one of (?P<choices>.+?)\.?$")


def _param_name(exc: BadParameter) -> str:
    param = exc.param
    assert param is not None
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return str(opts[0])
    return str(param.metavar or (param.name or "value").upper()).strip("[]").rstrip(".")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def usage_error_line(exc: ClickException) -> str:
    """typer's usage errors in corecoach's one style: ``OPTION: problem (allowed/fix)``."""
    from corecoach.suggest import suggest

    if isinstance(exc, MissingParameter) and exc.param is not None:
        return f"{_param_name(exc)}: is required"
    if isinstance(exc, BadParameter) and exc.param is not None:
        where = _param_name(exc)
        message = exc.message.removeprefix("Value error, ")
        found = _CHOICE_ERROR.fullmatch(message)
        choices = exc.param.type_descriptor.choices
        if found and choices is not None:
            allowed = [str(getattr(c, "value", c)) for c in choices]
            value = found["value"].strip("'\"")
            close = suggest(value, allowed)
            extra = f"; did you mean {close!r}?" if close else ""
            return f"{where}: {value!r} is not allowed (allowed: {', '.join(allowed)}{extra})"
        if message.startswith("Input should be a valid integer"):
            return f"{where}: must be a whole number"
        found = re.fullmatch(r"'(.*)' does not match the formats? '%Y-%m-%d'\.?", message)
        if found:
            return f"{where}: {found[1]!r} is not a date (use YYYY-MM-DD, e.g. 2026-11-30)"
        return f"{where}: {_lower_first(message)}"
    message = exc.format_message()
    # "No such option: --formt (Possible options: --format)" -> "--formt: no such option
    # (did you mean --format?)"; the same for a command.
    found = re.fullmatch(r"No such (option|command):? '?([^\s']+)'?\.?\s*(.*)", message)
    if found:
        what, name, tail = found[1], found[2], found[3].strip()
        near = re.search(r"(?:Possible options: |Did you mean )([^)?]+)", tail)
        options = near[1].split(", ") if near else []
        either = " or ".join(options if len(options) < 3 else
                             [", ".join(options[:-1]), options[-1]])
        hint = f" (did you mean {either}?)" if near else ""
        return f"{name}: no such {what}{hint}"
    found = re.fullmatch(r"[Oo]ption '(\S+)' requires an argument\.?", message)
    if found:
        return f"{found[1]}: needs a value"
    return _lower_first(message)


def _argument_type(self: TyperArgument, ctx: object) -> str | None:
    """An argument's help shows its name and words, never a Python type (``<list[Path]>``)."""
    return None


# typer has no per-argument switch for the type it prints after an argument's name.
setattr(TyperArgument, "display_type_rich", _argument_type)  # noqa: B010


class CorecoachGroup(TyperGroup):
    """The root command: typer's own usage errors print in corecoach's error style."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except UsageError as exc:
            typer.echo(f"error: {usage_error_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except ClickException as exc:
            typer.echo(f"error: {usage_error_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("\ninterrupted; nothing was written", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="corecoach",
    cls=CorecoachGroup,
    help="A safe, explained, progressive weekly plan of core, hinge, flexibility, mobility "
    "and breathing work, from your activity profile.\n\n"
    "Example:  corecoach plan --example road-runner",
    no_args_is_help=True,
    # `corecoach --install-completion` sets up TAB completion of commands, options, their
    # choices, example names and exercise ids (bash, zsh, fish, PowerShell).
    add_completion=True,
    # Plain help keeps `--help` fast (rich help pulls in markdown rendering) and the
    # tracebacks of real bugs plain.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corecoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A safe, explained, progressive weekly plan from your activity profile."""


def _register() -> None:
    from corecoach.cli import profile_cmds

    profile_cmds.register(app)
    for name in ("library_cmds", "plan_cmds", "init_cmd", "paths_cmd"):
        try:
            module = __import__(f"corecoach.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"corecoach.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point (also `python -m corecoach`: same name, same completion)."""
    app(prog_name="corecoach")
