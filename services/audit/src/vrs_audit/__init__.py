"""The audit service: the tamper-evident access log, accounts and roles, access reviews."""
