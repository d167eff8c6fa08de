"""What invoke would misread in a volunteer's command line, said in plain
words before invoke reads it (tasks.py asks, as it is loaded): a title of
several words left unquoted, a command's help asked for anywhere, a command
or option invoke does not know, an option without its value, a command
without its title. invoke's own words ("No idea what 'buidl' is!", "Flag
<Argument: since (s)> needed value and was not given one!") reached
volunteers, and some slips ran another command (an audit)."""

from __future__ import annotations

import difflib
import itertools
import re
import shlex

from invoke import Task


def title_left_unquoted(argv: list[str], task_names: set[str]) -> str | None:
    """What to do when `invoke new post Hello World` leaves the title
    unquoted: invoke reads "World" as the name of a task to run next and says
    only "No idea what 'World' is!". None for any other command line. Words
    after the title are the title's even where each names a task: invoke
    would run `new post Budget check` as a post called "Budget" and then a
    check, and `… Budget publish` as a publish (an audit)."""
    words = argv[1:]
    if "new" not in words or "--complete" in words:  # --complete: the shell completing a word
        return None
    given = list(itertools.takewhile(lambda word: not word.startswith("-"), words[words.index("new") + 1:]))
    if len(given) < 3:
        return None
    title = " ".join(given[1:])  # every word: "build" in "Plans to build homes" is the title's too
    # In double quotes, as people quote; a shell's own quoting for "!", which
    # an interactive shell expands even there.
    shown = shlex.quote(title) if "!" in title else '"' + re.sub(r'(["$`\\])', r"\\\1", title) + '"'
    # The command line reads the same with or without quotes round the
    # title: words after it that name commands may have been meant as those.
    then = list(itertools.takewhile(lambda word: word in task_names, reversed(given[2:])))[::-1]
    after = (f"; to run {' and '.join(f'`invoke {word}`' for word in then)} after it, run "
             f"{'each' if len(then) > 1 else 'it'} as a command of its own") if then else ""
    return f"Not created: a title of several words goes in quotes: invoke new {given[0]} {shown}{after}"


def help_asked_of(argv: list[str], tasks: dict[str, Task]) -> str | None:
    """The command whose help a command line asks for, wherever after it:
    `invoke new --help`, `invoke new post -h`, `invoke new help`."""
    words = argv[1:]
    named = next((word for word in words if word in tasks), None)
    if named is None or words[0].startswith("-"):
        return None
    after = words[words.index(named) + 1:]
    if {"-h", "--help"} & set(after) or (after and after[0] == "help" and tasks[named].positional):
        return named
    return None


def command_line_slip(argv: list[str], tasks: dict[str, Task]) -> str | None:
    """What to type instead of a task or option invoke does not know, which
    it told as "No idea what 'buidl' is!" (an audit): the nearest task or
    option, and where the list is. None for a command line invoke can run,
    or one that starts with invoke's own options (left to invoke)."""
    words = argv[1:]
    if not words or words[0].startswith("-") or {"--complete", "-h", "--help"} & set(words):
        return None  # invoke's own options, the shell completing a word, or help asked for
    task, positional, expects_value, last_option = None, [], False, ""
    for word in words:
        if expects_value:
            expects_value = False
        elif word.startswith("--") and task is not None:
            name = word.split("=", 1)[0]
            arguments = {f"--{name}": argument for argument in task.get_arguments() for name in argument.names
                         if len(name) > 1}
            if name not in arguments:
                near = difflib.get_close_matches(name, arguments, n=1)
                return (f"`invoke {task.name}` has no option {name}" + (f": did you mean {near[0]}?" if near else "")
                        + f" (`invoke --help {task.name}` lists its options)")
            expects_value = arguments[name].kind is not bool and "=" not in word
            last_option = name
        elif word.startswith("-") and positional and (" " in word or len(word) > 2):
            # "-a title": invoke read it as options ("No idea what '-a' is!").
            return (f"The {positional[0].name} {word!r} starts with '-', which invoke reads as an option: "
                    "start it with a word")
        elif word.startswith("-") and task is not None:
            # Short options, one or several (-xk): the last may take a value
            # (`invoke test -k sharing`: "sharing" is -k's, not a command).
            shorts = {name: argument for argument in task.get_arguments() for name in argument.names if len(name) == 1}
            last = shorts.get(word[-1])
            expects_value = len(word) >= 2 and last is not None and last.kind is not bool
            last_option = word
        elif word.startswith("-"):
            continue  # a short option before any command: invoke reads it
        elif positional:
            positional.pop(0)
        elif word in tasks:
            task = tasks[word]
            positional = [argument for argument in task.get_arguments() if argument.positional]
        else:
            near = difflib.get_close_matches(word, tasks, n=1)
            return (f"There is no command {word!r}" + (f": did you mean `invoke {near[0]}`?" if near else "")
                    + " (`invoke --list` lists them all)")
    if positional:  # invoke said "'new' did not receive required positional arguments: 'title'"
        needed = " and ".join(argument.name for argument in positional)
        return (f"`invoke {task.name}` needs its {needed}: {task.__doc__.strip().splitlines()[0]}"
                f" (`invoke --help {task.name}` says more)")
    if expects_value:  # invoke said "Flag <Argument: since (s)> needed value and was not given one!"
        return (f"{last_option} needs a value after it, e.g. `invoke {task.name} {last_option} …` "
                f"(`invoke --help {task.name}` says what it takes)")
    return None
