"""HTTP API models shared with the systems that call us (portals, MVD, county tooling)."""
