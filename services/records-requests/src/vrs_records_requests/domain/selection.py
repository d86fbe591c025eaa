"""Which selections of voters the law allows, and when a request is refused.

1.10.35.7 FF defines "select groups": voters selected by party registration (or its lack),
gender, residence, age or any other protected class. Such a selection is allowed only for a
purpose that needs it (docs/adr/0035): an election campaign may select by party and residence,
a governmental purpose by residence; an election-related purpose by none. Gender, age and any
other class are never a lawful selection here. The county of a county list is the clerk's
jurisdiction, not a select group (1.10.35.10 B names county and precinct lists as products).
"""

from vrs_contracts.api.records_requests import Product, Purpose, RequesterKind

PROTECTED_CLASS_OF_FILTER: dict[str, str] = {
    "party": "party",
    "gender": "gender",
    "zip": "residence",
    "city": "residence",
    "street": "residence",
    "birth_year_from": "age",
    "birth_year_to": "age",
    "age_from": "age",
    "age_to": "age",
}
"""Each filter a request may name, and the class of 1.10.35.7 FF it selects by."""

ALLOWED_CLASSES: dict[Purpose, frozenset[str]] = {
    Purpose.election_campaign: frozenset({"party", "residence"}),
    Purpose.governmental: frozenset({"residence"}),
    Purpose.election_related: frozenset(),
}
"""The select groups each lawful purpose may use (docs/adr/0035)."""

AGENCIES = frozenset({RequesterKind.outside_agency, RequesterKind.new_mexico_government})


def selection_refusal(filters: dict[str, str], purpose: Purpose) -> str | None:
    """1.10.35.7 FF: why a selection is refused for ``purpose``; None when it is lawful.

    A filter naming anything but the known ones is treated as selecting by "any other protected
    class", and refused: the law lists the classes it protects by example, not exhaustively."""
    for name in sorted(filters):
        protected = PROTECTED_CLASS_OF_FILTER.get(name)
        if protected is None:
            return f"selecting voters by '{name}' is not a lawful selection (1.10.35.7 FF)"
        if protected not in ALLOWED_CLASSES[purpose]:
            return (
                f"selecting voters by {protected} ('{name}') is not allowed for the purpose "
                f"{purpose.value} (1.10.35.7 FF)"
            )
    return None


def sensitive_data_refusal(kind: RequesterKind, court_order_approved: bool) -> str | None:
    """A person's sensitive data goes to an outside agency (another state's or a federal one)
    only under a court order or subpoena approved by an SOS administrator; to anyone else, never
    from this service, which holds no sensitive data (DESIGN.md, "Personal data")."""
    if kind not in AGENCIES:
        return "a person's sensitive data is disclosed only to an agency under a court order"
    if not court_order_approved:
        return "a court order or subpoena approved by an SOS administrator is required"
    return None


def named_persons_refusal(kind: RequesterKind, product: Product) -> str | None:
    """An outside agency (another state's or a federal one) asking about persons it names — a
    special voter list — asks for a person's data: only under a court order, through a
    sensitive-data request (the second incident of shared/domain: data handed to federal
    agencies without one)."""
    if kind is RequesterKind.outside_agency and product is Product.special_voter_list:
        return (
            "an outside agency's request about named persons needs a court order or subpoena "
            "approved by an SOS administrator (ask through a sensitive-data request)"
        )
    return None
