"""Alembic, once for every service: each service migrates only its own schema.

A service keeps its revisions in ``services/<name>/migrations/versions``; its ``env.py`` is one
call to :func:`run_env`. The version table lives in the service's schema, so five services share
one database without sharing a migration history.
"""

from pathlib import Path
from typing import Final

from alembic import command, context
from alembic.config import Config
from sqlalchemy import create_engine, text

OUTBOX_AND_INBOX_DDL: Final = """
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid NOT NULL UNIQUE,
    topic        text NOT NULL,
    key          text NOT NULL,
    payload      bytea NOT NULL,
    headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
    state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published')),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
COMMENT ON TABLE outbox IS 'Events written in the same transaction as the change they announce; the relay publishes them in id order.';

CREATE TABLE inbox (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    topic        text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
COMMENT ON TABLE inbox IS 'Ids of events already handled, written in the same transaction as their effect.';
"""


def sqlalchemy_url(database_url: str) -> str:
    """The libpq URI as SQLAlchemy's psycopg 3 dialect wants it."""
    scheme, _, rest = database_url.partition("://")
    if scheme not in {"postgresql", "postgres", "postgresql+psycopg"}:
        raise ValueError("the database URL must be a postgresql:// URI")
    return f"postgresql+psycopg://{rest}"


def find_migrations(package_file: str) -> Path:
    """The migrations folder of the service whose package ``__init__`` is ``package_file``.

    Installed from a wheel it sits inside the package; in the source tree, beside ``src/``.
    """
    package = Path(package_file).resolve().parent
    for candidate in (package / "migrations", package.parents[1] / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise FileNotFoundError(f"no migrations folder for {package.name}")


def upgrade(database_url: str, schema: str, migrations: Path, revision: str = "head") -> None:
    """Bring ``schema`` up to ``revision``, creating the schema if needed."""
    command.upgrade(_config(database_url, schema, migrations), revision)


def downgrade(database_url: str, schema: str, migrations: Path, revision: str = "base") -> None:
    """Take ``schema`` back down to ``revision`` (everything undone at ``base``)."""
    command.downgrade(_config(database_url, schema, migrations), revision)


def _config(database_url: str, schema: str, migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(database_url).replace("%", "%%"))
    config.attributes["schema"] = schema
    return config


def run_env() -> None:
    """The body of every service's ``env.py``: run the revisions inside the service's schema."""
    config = context.config
    schema: str = config.attributes["schema"]
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.execute(text(f'SET search_path TO "{schema}"'))
        connection.commit()
        context.configure(
            connection=connection,
            version_table_schema=schema,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
