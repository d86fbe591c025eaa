"""The contracts of the Voter Records System: every event, shared API model and topic, once."""
