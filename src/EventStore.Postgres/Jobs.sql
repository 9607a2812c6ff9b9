-- Work queues of a server store (replay jobs for a worker fleet), made on first use beside the event tables.
-- state: 0 queued, 1 running (held by worker/lease_id until lease_until), 2 done, 3 failed (not retried).
CREATE TABLE IF NOT EXISTS __SCHEMA__.jobs (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue       text        NOT NULL,
    key         text        NOT NULL,
    grp         text        NOT NULL,
    payload     bytea       NOT NULL,
    state       smallint    NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
    worker      text,
    lease_id    uuid,
    lease_until timestamptz,
    attempts    int         NOT NULL DEFAULT 0,
    error       text,
    created     timestamptz NOT NULL DEFAULT now(),
    since       timestamptz,
    finished    timestamptz,
    CONSTRAINT jobs_queue_key UNIQUE (queue, key)
);
-- The claim's scan: the oldest claimable job of a queue.
CREATE INDEX IF NOT EXISTS jobs_claim ON __SCHEMA__.jobs (queue, state, id);
