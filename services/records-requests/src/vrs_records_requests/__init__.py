"""The records-requests service: Voter-data requests under affidavit and fee, exports, disclosure accounting."""
