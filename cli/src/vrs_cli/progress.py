"""A one-line progress bar on a terminal; silent when the output is a file or a pipe."""

import time
from typing import TextIO

WIDTH = 30
MIN_INTERVAL_SECONDS = 0.1


class ProgressBar:
    """``label [#####.....]  42%  120,000 rows``, redrawn in place at most ten times a second.

    Drawn only when ``stream`` is a terminal, so logs and captured output stay clean.
    """

    def __init__(self, label: str, total_bytes: int, stream: TextIO) -> None:
        self.label = label
        self.total_bytes = max(total_bytes, 1)
        self.stream = stream
        self.enabled = stream.isatty()
        self._last_drawn = 0.0
        self._drawn = False

    def update(self, done_bytes: int, rows: int) -> None:
        """Show how far the reading has got (throttled, but the end is always shown)."""
        if not self.enabled:
            return
        now = time.monotonic()
        finished = done_bytes >= self.total_bytes
        if self._drawn and not finished and now - self._last_drawn < MIN_INTERVAL_SECONDS:
            return
        self._last_drawn = now
        self._drawn = True
        self.stream.write("\r" + render(self.label, done_bytes, self.total_bytes, rows))
        self.stream.flush()

    def print_above(self, text: str) -> None:
        """Print a line of its own; on a terminal the bar is cleared first and redrawn later."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line, so what is printed next starts on a line of its own."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def render(label: str, done_bytes: int, total_bytes: int, rows: int) -> str:
    """The text of the bar for a fraction ``done_bytes / total_bytes`` of the file."""
    fraction = min(max(done_bytes / max(total_bytes, 1), 0.0), 1.0)
    filled = round(fraction * WIDTH)
    bar = "#" * filled + "." * (WIDTH - filled)
    return f"{label} [{bar}] {fraction:4.0%}  {rows:,} rows"
