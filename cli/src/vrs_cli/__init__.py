"""vrs_cli."""
