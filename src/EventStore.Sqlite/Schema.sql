-- NeuroSim.Replay embedded event store, format 1.
-- position: global order of all events (never reused); revision: 0-based order within a stream.
CREATE TABLE IF NOT EXISTS store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS streams (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    revision   INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream         INTEGER NOT NULL REFERENCES streams(id),
    revision       INTEGER NOT NULL,
    event_id       BLOB    NOT NULL,
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    created_ms     INTEGER NOT NULL,
    metadata       TEXT,
    data           BLOB    NOT NULL,
    UNIQUE (stream, revision),
    UNIQUE (stream, event_id)
);
CREATE INDEX IF NOT EXISTS events_type ON events(type, position);
INSERT OR IGNORE INTO store_meta(key, value) VALUES ('format', 'neurosim-replay-events');
INSERT OR IGNORE INTO store_meta(key, value) VALUES ('format_version', '1');
