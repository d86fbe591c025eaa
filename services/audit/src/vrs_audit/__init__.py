"""vrs_audit."""
