"""vrs_records_requests."""
