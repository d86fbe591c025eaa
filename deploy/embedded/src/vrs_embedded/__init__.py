"""vrs_embedded."""
