"""Settings of the notifications service (``VRS_*`` environment variables)."""

from pydantic import Field, SecretStr

from vrs_plumbing.settings import Settings


class NotificationsSettings(Settings):
    """What notifications reads at start, besides what every service reads."""

    secure_link_base_url: str = Field(
        default="http://127.0.0.1:8001",
        description="Base URL of registration's secure SSN page; a FullSsnRequested link is a path under it.",
    )
    online_registration_url: str = Field(
        default="https://portal.sos.state.nm.us/OVR/",
        description="The Secretary of State's online voter registration portal, named in letters.",
    )
    paper_form_url: str = Field(
        default="https://www.sos.nm.gov/voting-and-elections/voter-information-portal/",
        description="Where a paper registration form can be printed (1.10.35.8 D(1)).",
    )
    smtp_host: str | None = Field(default=None, description="SMTP server; no e-mail without it.")
    smtp_port: int = Field(default=587, description="SMTP port.")
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_start_tls: bool = Field(default=True, description="Upgrade the connection with STARTTLS.")
    smtp_sender: str = Field(
        default="notices@vrs.invalid", description="From address of notices sent by e-mail."
    )
    mail_vendor_url: str | None = Field(
        default=None,
        description="The mail vendor's API; without it letters go to the county's daily print batch.",
    )
    mail_vendor_token: SecretStr | None = None
    delivery_seconds: float = Field(
        default=30.0, description="How often notices are rendered, e-mailed and batched."
    )
    deadline_check_seconds: float = Field(
        default=300.0, description="How often notices on their last business day are looked for."
    )
