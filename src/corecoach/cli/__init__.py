"""The corecoach command line: a thin typer shell over the core.

Commands load lazily, as click's documented lazy group does: the root knows each command's
name, module and one-line help (:data:`COMMANDS`), and imports the module (and builds its
click command) only when that command runs or its help is asked for. Heavy modules
(pydantic models, rich, the library) are imported inside the commands, so ``corecoach
--help`` and shell completion (which re-runs the program on every TAB) stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

from corecoach import __version__
from corecoach.cli.help_width import NarrowHelpContext, help_width, narrow_help
from corecoach.cli.typer_private import ClickException, NoArgsIsHelpError

if TYPE_CHECKING:
    from corecoach.cli.typer_private import Command, Context, HelpFormatter

#: Every command, in the order --help lists them: the cli module that registers it and its
#: one-line help (the first paragraph of its docstring; a test keeps the two in step).
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("profile_cmds", "Check profile files; report every problem, one line each."),
    "schema": ("profile_cmds", "Print a JSON Schema: of the profile file, or of the plan JSON."),
    "examples": ("profile_cmds", "List the bundled example profiles."),
    "check": ("library_cmds", "Validate routine definitions: every problem, with file, table "
              "and key."),
    "exercises": ("library_cmds", "Browse the exercise library."),
    "show": ("library_cmds", "Show one exercise: cues, dose ladder, easier and harder "
             "neighbours, cautions."),
    "plan": ("plan_cmds", "Print the weekly plan for a profile."),
    "explain": ("plan_cmds", "Explain the plan: which rules fired, why, and what each "
                "contributed."),
    "init": ("init_cmd", "Answer a few questions, save your profile, and see week 1 of your "
             "plan."),
    "paths": ("paths_cmd", "Print the profile, journal, cache and routine folders in use."),
    "today": ("journal_cmds", "Today's session only (from the adapted plan), and the morning "
              "check-in if one is due."),
    "log": ("journal_cmds", "Record a corecoach session, or with --activity a sport session "
            "(the trigger diary)."),
    "check-in": ("journal_cmds", "Record the morning check: back pain (0-10), stiffness, and "
                 "leg symptoms or none."),
    "history": ("journal_cmds", "Your journal: weekly adherence and pain with sparklines; json "
                "and csv hold every entry."),
    "rate": ("goal_cmds", "Rate your function goals 0-10 (the Patient-Specific Functional "
             "Scale)."),
    "summary": ("summary_cmd", "One page for a physio visit: you, your program, pain, "
                "function goals and runs."),
    "journal": ("journal_cmds", "The journal file: where it is, export, import, undo."),
    "after": ("close_cmds", "Choose what follows the program: writes `after` into the "
              "profile, keeping its comments."),
    "completion": ("completion_cmd", "Print the TAB-completion script for a shell, or "
                   "install it with --install."),
}


def _command_name(info: Any) -> str:
    """The name typer gives a registered command or group (its own, else the function's)."""
    if hasattr(info, "typer_instance"):
        return str(info.name or info.typer_instance.info.name)
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def load_command(name: str) -> Command:
    """Import the module of command ``name`` and build its click command (that one only)."""
    import importlib

    import typer.main

    module = importlib.import_module(f"corecoach.cli.{COMMANDS[name][0]}")
    one = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False,
                      add_completion=False)
    module.register(one)
    one.registered_commands = [c for c in one.registered_commands if _command_name(c) == name]
    one.registered_groups = [g for g in one.registered_groups if _command_name(g) == name]
    if len(one.registered_commands) + len(one.registered_groups) != 1:
        raise LookupError(f"corecoach.cli.{COMMANDS[name][0]} registers no command {name!r}")
    built = typer.main.get_command(one)
    if one.registered_groups:  # a group comes back inside a root of its own
        assert isinstance(built, TyperGroup)
        return narrow_help(built.commands[name])
    built.name = name
    return narrow_help(built)


def _argument_type(self: TyperArgument, ctx: object) -> str | None:
    """An argument's help shows its name and words, never a Python type (``<list[Path]>``)."""
    return None


# typer has no per-argument switch for the type it prints after an argument's name.
setattr(TyperArgument, "display_type_rich", _argument_type)  # noqa: B010


class CorecoachGroup(TyperGroup):
    """The root command: a lazy group (see :data:`COMMANDS`) whose usage errors print in
    corecoach's error style."""

    context_class = NarrowHelpContext

    def make_context(self, info_name: str | None, args: list[str],
                     parent: Context | None = None, **extra: Any) -> Context:
        # --help at the terminal's width (every command's context inherits it): click's own
        # formatter never goes below 50 columns, which a 40-column pane breaks mid-word.
        if "terminal_width" not in extra:
            extra["terminal_width"] = help_width()
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        found = self.commands.get(cmd_name)
        if found is None and cmd_name in COMMANDS:
            found = self.commands[cmd_name] = load_command(cmd_name)
        return found

    def resolve_command(self, ctx: Context, args: list[str]
                        ) -> tuple[str | None, Command | None, list[str]]:
        from corecoach.cli.typer_private import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:  # typer suggests only loaded commands: suggest them all
            if args and "Did you mean" not in exc.message:
                from difflib import get_close_matches

                near = get_close_matches(args[0], list(COMMANDS))
                if near:
                    exc.message = (f"{exc.message.rstrip('.')}. Did you mean "
                                   f"{', '.join(repr(n) for n in near)}?")
            raise

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list from :data:`COMMANDS`, laid out as click lays it out, without
        importing a single command module."""
        from corecoach.cli.typer_private import make_default_short_help

        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, make_default_short_help(words, limit))
                for name, (_, words) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
        except typer.Abort as exc:
            from corecoach.cli.common import interrupted_message
            from corecoach.errors import Interrupted

            typer.echo(f"\n{interrupted_message()}", err=True)
            # click turns a signal outside a command's reporting into Abort: keep 128 + N.
            cause = exc.__cause__ or exc.__context__
            sys.exit(cause.exit_code if isinstance(cause, Interrupted) else 130)
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
            _fast_exit()  # app() exits by raising SystemExit
    except OSError as exc:  # stdout on a full disk, or gone
        code = _stdout_failed(exc)
    except KeyboardInterrupt as exc:  # a signal outside a command's own handling
        from corecoach.errors import Interrupted

        code = exc.exit_code if isinstance(exc, Interrupted) else 130
    else:  # pragma: no cover - app() always exits
        code = 0
    raise SystemExit(code)


def _fast_exit() -> None:
    """An exit cost a command need not pay: the interpreter's shutdown runs one last full
    garbage collection over every object, even with collection disabled (about 20 ms of
    CPU for a plan or `today`, more with a long journal; measured side by side). Frozen
    objects are left out of it, and reference counting still frees them as usual."""
    import gc

    gc.freeze()
