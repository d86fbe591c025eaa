"""Breach notices: an incident exposed a voter's data, and the office tells the voter what was
exposed, when, to whom and what it did (1.10.35.11; the audit service declares the incident and
asks, one event per voter). Due five business days after the request, like the rule's other
notices; addressed from notifications' own voter contacts, as the event names only the voter.
"""

from vrs_contracts.envelope import CloudEvent
from vrs_contracts.events import BreachNoticeRequested
from vrs_notifications.domain.calendar import county_clock, local_today
from vrs_notifications.domain.catalog import NoticeType, OwedNotice
from vrs_notifications.service_layer.scheduling import Trigger, schedule_notice
from vrs_notifications.service_layer.voter_contacts import contact_of
from vrs_plumbing.db import Connection


class VoterNotKnownError(LookupError):
    """The voter of a breach notice is not (yet) in notifications' voter contacts: the event is
    retried, and parked on the DLQ if it stays unknown, never dropped."""


async def on_breach_notice_requested(
    conn: Connection, event: CloudEvent[BreachNoticeRequested]
) -> None:
    """Schedule the breach notice of one voter, once per incident and voter."""
    data = event.data
    contact = await contact_of(conn, data.voter_id)
    if contact is None:
        raise VoterNotKnownError(f"voter {data.voter_id} has no contact record in notifications")
    county, language, recipient = contact
    clock = county_clock(county)
    trigger = Trigger(
        key=f"breach:{data.incident_id}:voter:{data.voter_id}",
        event_id=event.id,
        at=event.time,
        county=county,
        language=language,
        voter_id=data.voter_id,
    )
    await schedule_notice(
        conn,
        trigger,
        OwedNotice(NoticeType.breach_notice, tuple(data.exposed_data)),
        recipient,
        {
            "incident_id": str(data.incident_id),
            "exposed_from": local_today(data.exposed_from, clock).isoformat(),
            "exposed_until": local_today(data.exposed_until, clock).isoformat(),
            "exposed_to": data.exposed_to,
            "office_action": data.office_action,
        },
    )
