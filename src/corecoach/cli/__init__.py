"""The corecoach command line: a thin typer shell over the core.

Heavy modules (pydantic models, rich, the library) are imported inside the commands so that
``corecoach --help`` and shell completion (which re-runs the program on every TAB) stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

# typer vendors click; its usage errors are only reachable under this private name.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperArgument, TyperGroup

from corecoach import __version__


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
        except ClickException as exc:  # usage errors and the rest: one line, their exit code
            from corecoach.cli.usage_errors import usage_error_line

            typer.echo(f"error: {usage_error_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            from corecoach.cli.common import interrupted_message

            typer.echo(f"\n{interrupted_message()}", err=True)
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
    for name in ("library_cmds", "plan_cmds", "init_cmd", "paths_cmd", "journal_cmds",
                 "close_cmds"):
        try:
            module = __import__(f"corecoach.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"corecoach.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def _raise_interrupted(signum: int, _frame: object) -> None:
    from corecoach.errors import Interrupted

    raise Interrupted(signum)


def _install_signal_handlers() -> None:
    """SIGTERM, SIGHUP and SIGQUIT unwind like Ctrl-C (temp files are removed, the exit says
    what was written); a closed pipe ends the program quietly, as it does ``cat``."""
    import signal

    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_interrupted)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _stdout_failed(exc: OSError) -> int:
    """One line for output that cannot be written (a full disk); stdout is then silenced so
    Python's own flush at exit does not print a second complaint."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"error: cannot write the output ({exc.strerror or exc})\n")
    return 2


def _fast_start() -> None:
    """Two start-up costs a short command need not pay (measured: benchmarks/startup.py).

    Cyclic garbage collection: loading typer, pydantic and the models makes many objects
    and almost no cycles, and collection passes took about 20 ms of a plan; reference
    counting still frees everything as usual. Pydantic plugin discovery scans every
    installed package's metadata; corecoach uses no pydantic plugin (setting
    PYDANTIC_DISABLE_PLUGINS yourself still wins). With discovery off, pydantic still
    imports its plugin loader, which imports importlib.metadata and the email package
    (about 10 ms, measured side by side): the loader is stood in for until anything but
    ``get_plugins`` is asked of it, when the real module is imported after all.
    """
    import gc
    import os

    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__":
        _stand_in_for_plugin_loader()


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _stand_in_for_plugin_loader() -> None:
    """Put a loader that finds no plugins in place of pydantic's (see ``_fast_start``)."""
    import importlib
    import types

    if _PLUGIN_LOADER in sys.modules:
        return

    class _NoPlugins(types.ModuleType):
        def get_plugins(self) -> tuple[()]:
            return ()

        def __getattr__(self, name: str) -> object:
            if name.startswith("__"):  # the import system probing (__path__ and the like)
                raise AttributeError(name)
            # Anything else (a newer pydantic): the real loader, as if we were never here.
            if sys.modules.get(_PLUGIN_LOADER) is self:
                del sys.modules[_PLUGIN_LOADER]
            return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in = _NoPlugins(_PLUGIN_LOADER)
    sys.modules[_PLUGIN_LOADER] = stand_in


def main() -> None:
    """Console-script entry point (also `python -m corecoach`: same name, same completion)."""
    _fast_start()
    _install_signal_handlers()
    try:
        try:
            app(prog_name="corecoach")
        finally:
            sys.stdout.flush()
    except OSError as exc:  # stdout on a full disk, or gone
        code = _stdout_failed(exc)
    except KeyboardInterrupt as exc:  # a signal outside a command's own handling
        from corecoach.errors import Interrupted

        code = exc.exit_code if isinstance(exc, Interrupted) else 130
    else:  # pragma: no cover - app() always exits
        code = 0
    raise SystemExit(code)
