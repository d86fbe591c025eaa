"""vrs_registration."""
