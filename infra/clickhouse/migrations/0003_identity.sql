-- Identity: which customer keys (user ids, anon:<anonymousId>) are one customer.
-- Timeline rows are never rewritten: readers join them to identity_map at query time.

-- Identity links asserted by identify / alias facts, each stored twice: once under each of its
-- keys (endpoint), so a connected component is found by looking keys up in one index.
-- A re-delivered link collapses on its sorting key. store_position is the asserting fact's.
CREATE TABLE IF NOT EXISTS {{database}}.identity_links
(
    project_id     LowCardinality(String),
    endpoint       String,
    from_key       String,
    to_key         String,
    event_id       String,
    store_position UInt64
)
ENGINE = ReplacingMergeTree(store_position)
ORDER BY (project_id, endpoint, event_id, from_key);

-- key -> canonical key, versioned: store_position is the highest link position of the key's
-- connected component when the row was computed, so FINAL keeps the newest state of each key
-- (equal versions: the row inserted last, which was computed from the most links).
-- A key without a row is its own canonical key.
CREATE TABLE IF NOT EXISTS {{database}}.identity_map
(
    project_id     LowCardinality(String),
    customer_key   String,
    canonical_key  String,
    store_position UInt64
)
ENGINE = ReplacingMergeTree(store_position)
ORDER BY (project_id, customer_key);

-- canonical key -> member keys: an index of every (canonical, key) pair ever written. A key that
-- later moved to another canonical key keeps its old row here, so readers confirm each candidate
-- against identity_map FINAL.
CREATE TABLE IF NOT EXISTS {{database}}.identity_members
(
    project_id     LowCardinality(String),
    canonical_key  String,
    customer_key   String,
    store_position UInt64
)
ENGINE = ReplacingMergeTree(store_position)
ORDER BY (project_id, canonical_key, customer_key);
