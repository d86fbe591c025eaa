"""The matching service: MVD index, voter-file projection, maintenance records, match results."""
