"""E-mail through SMTP with aiosmtplib: the letter as plain text with an HTML alternative."""

from email.message import EmailMessage

import aiosmtplib

from vrs_notifications.adapters.letters import RenderedLetter


class SmtpMailer:
    """Sends notices by e-mail through one SMTP server."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str | None = None,
        password: str | None = None,
        start_tls: bool = True,
        timeout: float = 30.0,
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._username = username
        self._password = password
        self._start_tls = start_tls
        self._timeout = timeout

    async def send(self, to: str, letter: RenderedLetter, message_id: str) -> None:
        """Send ``letter`` to ``to``. ``message_id`` is stable per notice and version, so a
        resend after a crash is recognisable as the same message."""
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = to
        message["Subject"] = letter.subject
        message["Message-ID"] = f"<{message_id}@{self._sender.rpartition('@')[2]}>"
        message.set_content(letter.text)
        message.add_alternative(letter.html, subtype="html")
        await aiosmtplib.send(
            message,
            hostname=self._host,
            port=self._port,
            username=self._username,
            password=self._password,
            start_tls=self._start_tls,
            timeout=self._timeout,
        )
