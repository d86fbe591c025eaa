"""vrs_matching."""
