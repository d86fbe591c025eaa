"""Delivery over real servers the test starts: e-mail to a local SMTP server (aiosmtpd), letters
to a local mail-vendor HTTP server that fails first, so the client retries with one idempotency
key."""

import json
import threading
from collections.abc import AsyncIterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.notifications.tests.conftest import Notifications, SmtpInbox, rejection, wrapped
from vrs_contracts.vocabulary import Language, RejectionReason
from vrs_notifications.adapters.letters import LetterLinks, LetterRenderer
from vrs_notifications.adapters.mail_vendor import MailVendor, MailVendorError
from vrs_notifications.adapters.smtp import SmtpMailer
from vrs_notifications.service_layer.delivery import Outlets, deliver_notices
from vrs_notifications.service_layer.scheduling import on_application_rejected

MONDAY_MORNING = datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("America/Denver"))
RENDERER = LetterRenderer(
    LetterLinks("https://vrs.example", "https://ovr.example", "https://form.example")
)


async def test_a_notice_is_emailed_to_a_real_smtp_server_and_posted(
    notifications: Notifications, smtp_server: tuple[SmtpInbox, int]
) -> None:
    inbox, port = smtp_server
    mailer = SmtpMailer(
        host="127.0.0.1", port=port, sender="notices@santafe.example", start_tls=False
    )
    data = rejection(
        MONDAY_MORNING, RejectionReason.non_citizen, language=Language.es, email="lucia@example.org"
    )
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        counts = await deliver_notices(conn, Outlets(RENDERER, mailer), MONDAY_MORNING)
        again = await deliver_notices(conn, Outlets(RENDERER, mailer), MONDAY_MORNING)
        deliveries = await (
            await conn.execute("SELECT channel, method FROM deliveries ORDER BY id")
        ).fetchall()
        state = await (await conn.execute("SELECT state FROM notices")).fetchone()
    assert counts == {"rendered": 1, "emailed": 1, "posted": 1, "failed": 0}
    assert again["emailed"] == 0
    assert [(d["channel"], d["method"]) for d in deliveries] == [
        ("email", "smtp"),
        ("mail", "print_batch"),
    ]
    assert state is not None
    assert state["state"] == "sent"
    ((recipients, message),) = inbox.messages
    assert recipients == ["lucia@example.org"]
    assert message["Subject"] == "Su formulario de inscripción electoral fue rechazado"
    assert message["Message-ID"].startswith("<notice-")
    parts = {part.get_content_type(): part.get_payload(decode=True) for part in message.walk()}
    text = parts["text/plain"]
    html = parts["text/html"]
    assert isinstance(text, bytes)
    assert isinstance(html, bytes)
    assert "no pueden votar en las elecciones de Nuevo México".encode() in text
    assert b"<p>" in html


class VendorHandler(BaseHTTPRequestHandler):
    """A mail vendor that answers 503 to the first attempt of each key, then 201."""

    seen: list[tuple[str, dict[str, Any]]] = []  # noqa: RUF012 -- the test reads what the server saw

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != "/letters":
            self.send_response(422)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        key = self.headers["Idempotency-Key"]
        first = all(seen_key != key for seen_key, _ in self.seen)
        self.seen.append((key, body))
        status, answer = (503, {}) if first else (201, {"reference": f"vendor-{len(self.seen)}"})
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 -- http.server's signature
        return


@pytest.fixture
async def vendor_url() -> AsyncIterator[str]:
    VendorHandler.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), VendorHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_the_mail_vendor_gets_the_letter_once_despite_a_retry(
    notifications: Notifications, vendor_url: str
) -> None:
    vendor = MailVendor(vendor_url, "vendor-token", backoff_seconds=0.01)
    data = rejection(MONDAY_MORNING, RejectionReason.invalid_ssn)
    async with notifications.runtime.pool.connection() as conn, conn.transaction():
        await on_application_rejected(conn, wrapped(data))
        counts = await deliver_notices(conn, Outlets(RENDERER, vendor=vendor), MONDAY_MORNING)
        delivery = await (await conn.execute("SELECT method, reference FROM deliveries")).fetchone()
    await vendor.aclose()
    assert counts["posted"] == 1
    assert delivery is not None
    assert delivery["method"] == "vendor"
    assert delivery["reference"] == "vendor-2"
    keys = [key for key, _ in VendorHandler.seen]
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert keys[0].startswith("notice-")
    body = VendorHandler.seen[1][1]
    assert body["county"] == "santa_fe"
    assert body["address_lines"][0] == "Lucia Montoya"


async def test_the_mail_vendor_refusing_a_letter_is_not_retried(vendor_url: str) -> None:
    vendor = MailVendor(vendor_url + "/nowhere", backoff_seconds=0.01)
    with pytest.raises(MailVendorError, match="refused the letter: 422"):
        await vendor.submit("k-1", "taos", ["A"], b"%PDF-")
    await vendor.aclose()
    assert len(VendorHandler.seen) == 0
