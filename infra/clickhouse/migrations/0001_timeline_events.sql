-- Per-customer journey timeline: one row per touchpoint, ordered for timeline lookups.
-- Idempotent: a re-delivered event has the same sorting key and collapses on merge / FINAL;
-- store_position (the event's global-log position) is the version.
CREATE TABLE IF NOT EXISTS {{database}}.timeline_events
(
    project_id     LowCardinality(String),
    customer_key   String,
    occurred_at    DateTime64(3, 'UTC'),
    event_id       UUID,
    type           LowCardinality(String),
    channel        LowCardinality(String),
    user_id        String,
    anonymous_id   String,
    received_at    DateTime64(3, 'UTC'),
    store_position UInt64,
    data           String,
    context        String
)
ENGINE = ReplacingMergeTree(store_position)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (project_id, customer_key, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 10000;

-- Positions of projectors that tail the store log (embedded mode). Checkpoints compare as
-- strings, so max(checkpoint) is the latest; rows are only ever added.
CREATE TABLE IF NOT EXISTS {{database}}.projection_checkpoints
(
    projector   LowCardinality(String),
    checkpoint  String,
    updated_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (projector, checkpoint);
