"""The progress bar: drawn in place on a terminal, silent on a pipe or a file."""

import io

from vrs_cli.progress import ProgressBar, render


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_the_share_of_the_file_read_and_the_rows() -> None:
    assert render("importing mvd.csv", 0, 200, 0) == (
        "importing mvd.csv [..............................]   0%  0 rows"
    )
    assert render("importing mvd.csv", 100, 200, 12345) == (
        "importing mvd.csv [###############...............]  50%  12,345 rows"
    )
    assert render("x", 300, 200, 1).startswith("x [" + "#" * 30 + "] 100%")
    assert render("x", 0, 0, 0).startswith("x [")


def test_on_a_terminal_the_bar_redraws_in_place_and_makes_room_for_a_problem_line() -> None:
    terminal = Terminal()
    bar = ProgressBar("importing", 100, terminal)

    bar.update(10, 1)
    bar.print_above("line 3: ssn: must be nine digits")
    bar.update(100, 10)
    bar.close()

    text = terminal.getvalue()
    assert text.startswith("\rimporting [###")
    assert "\r\x1b[Kline 3: ssn: must be nine digits\n\rimporting [" in text
    assert text.endswith("100%  10 rows\n")


def test_on_a_pipe_only_problem_lines_are_written() -> None:
    pipe = io.StringIO()
    bar = ProgressBar("importing", 100, pipe)

    bar.update(50, 5)
    bar.print_above("line 3: ssn: must be nine digits")
    bar.close()

    assert pipe.getvalue() == "line 3: ssn: must be nine digits\n"
