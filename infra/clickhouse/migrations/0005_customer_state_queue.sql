-- Customers whose state must be recomputed: the projector's log pass adds the customers each
-- batch touched (after their timeline rows are in), and the customer-state worker recomputes
-- everyone queued up to a sequence number, then moves its watermark (projection_checkpoints,
-- 'customer_state'). A customer touched many times while the worker is busy is recomputed once.
-- seq grows per batch within the single projector that writes it.
CREATE TABLE IF NOT EXISTS {{database}}.customer_state_queue
(
    seq           UInt64,
    project_id    LowCardinality(String),
    customer_key  String,
    queued_at     DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY seq
TTL toDateTime(queued_at) + INTERVAL 7 DAY;
