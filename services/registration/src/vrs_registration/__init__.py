"""The registration service: intake of applications, the statewide voter file, the SSN vault."""
