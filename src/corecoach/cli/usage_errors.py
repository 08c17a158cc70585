"""typer's usage errors, said the way corecoach says its own: ``WHERE: problem (fix)``.

Imported only when a usage error happens, so it costs nothing on the way to a plan.
"""

from __future__ import annotations

import re

from corecoach.cli.typer_private import BadParameter, ClickException, MissingParameter

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
