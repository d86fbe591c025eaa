"""vrs_notifications."""
