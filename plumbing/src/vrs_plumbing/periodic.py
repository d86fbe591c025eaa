"""A background job that does one unit of work in a transaction, again and again.

Every scheduled rule of the services (suspense expiry, under-age activation, list maintenance)
runs the same way: log a start, do the work in one transaction, log the end with what it did,
survive any failure (a database outage above all: the job runs again later), wait, repeat.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

from vrs_plumbing.db import Connection
from vrs_plumbing.runtime import BackgroundJob, Runtime

log = logging.getLogger(__name__)

Work = Callable[[Connection], Awaitable[Mapping[str, object]]]
"""One run: takes a connection in a transaction, returns the counts to log."""


def periodic(name: str, work: Work, next_wait: Callable[[], float]) -> BackgroundJob:
    """A job that runs ``work`` in a transaction, then sleeps ``next_wait()`` seconds, forever;
    logging "<name> started", "<name> finished" with the counts, or "<name> failed"."""

    async def run(runtime: Runtime) -> None:
        while True:
            try:
                log.info("%s started", name)
                async with runtime.pool.connection() as conn, conn.transaction():
                    counts = await work(conn)
                log.info("%s finished", name, extra={"outcome": "ok", **counts})
            except Exception as exc:  # the job must outlive a database outage; it runs again
                log.warning(
                    "%s failed", name, extra={"outcome": "error", "error": type(exc).__name__}
                )
            await asyncio.sleep(next_wait())

    return run
