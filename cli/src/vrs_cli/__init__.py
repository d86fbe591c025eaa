"""The ``vrs`` command: run the local stack, mint development tokens, report status.

One module per command group (:mod:`vrs_cli.up`, :mod:`vrs_cli.status`, :mod:`vrs_cli.tokens`,
:mod:`vrs_cli.imports`);
:mod:`vrs_cli.main` only assembles them.
"""
