-- NeuroSim.Replay server event store, format 1. Every table is in the store's own schema (__SCHEMA__), so a
-- database can hold several stores and nothing of ours mixes with other tables.
-- position: global order of all events (never reused), allocated from store_head under its row lock, so positions
-- are committed in order (see PostgresWriteTransaction); revision: 0-based order within a stream.
CREATE SCHEMA IF NOT EXISTS __SCHEMA__;
CREATE TABLE __SCHEMA__.store_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE __SCHEMA__.store_head (
    id       int    PRIMARY KEY CHECK (id = 1),
    position bigint NOT NULL
);
CREATE TABLE __SCHEMA__.streams (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     text        NOT NULL UNIQUE,
    revision bigint      NOT NULL,
    position bigint      NOT NULL,
    created  timestamptz NOT NULL
);
CREATE TABLE __SCHEMA__.events (
    position       bigint      PRIMARY KEY,
    stream         bigint      NOT NULL REFERENCES __SCHEMA__.streams(id),
    revision       bigint      NOT NULL,
    event_id       uuid        NOT NULL,
    type           text        NOT NULL,
    schema_version int         NOT NULL,
    created        timestamptz NOT NULL,
    metadata       jsonb,
    data           bytea       NOT NULL,
    CONSTRAINT events_stream_revision UNIQUE (stream, revision),
    CONSTRAINT events_stream_event_id UNIQUE (stream, event_id)
);
-- Payloads are compressed already (zstd tensors): stored out of line as they are, without a second compression.
ALTER TABLE __SCHEMA__.events ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE INDEX events_type ON __SCHEMA__.events (type, position);
INSERT INTO __SCHEMA__.store_head (id, position) VALUES (1, -1);
INSERT INTO __SCHEMA__.store_meta (key, value) VALUES ('format', 'neurosim-replay-events'), ('format_version', '1');
