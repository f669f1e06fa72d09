-- Customer state: one row per canonical customer (profile, lifecycle stage and its history, open
-- cases, feedback) and one row per service case, recomputed from the customer's whole unified
-- history whenever a batch touches them, and again at next_review_at (time-based stage changes,
-- SLA due times). version = the highest store position in that history, so FINAL keeps the row
-- computed from the most events (equal versions: the one inserted last).

CREATE TABLE IF NOT EXISTS {{database}}.customer_profiles
(
    project_id            LowCardinality(String),
    customer_key          String,
    version               UInt64,
    -- Non-empty when this key now belongs to another customer (after identify / alias).
    merged_into           String,
    member_keys           Array(String),
    first_seen_at         Nullable(DateTime64(3, 'UTC')),
    last_seen_at          Nullable(DateTime64(3, 'UTC')),
    first_channel         LowCardinality(String),
    touchpoints           UInt32,
    channel_counts        Map(String, UInt32),
    orders                UInt32,
    kept_orders           UInt32,
    first_order_at        Nullable(DateTime64(3, 'UTC')),
    last_order_at         Nullable(DateTime64(3, 'UTC')),
    currency              LowCardinality(String),
    net_revenue           Float64,
    avg_order_value       Nullable(Float64),
    rfm_frequency_score   UInt8,
    rfm_monetary_score    UInt8,
    stage                 LowCardinality(String),
    stage_since           Nullable(DateTime64(3, 'UTC')),
    stage_history         Array(Tuple(at DateTime64(3, 'UTC'), from_stage String, to_stage String, rule String)),
    open_cases            UInt16,
    total_cases           UInt16,
    latest_csat           Nullable(UInt8),
    latest_nps            Nullable(UInt8),
    next_review_at        Nullable(DateTime64(3, 'UTC')),
    settings_versions     String,
    details               String
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, customer_key);

CREATE TABLE IF NOT EXISTS {{database}}.service_cases
(
    project_id                LowCardinality(String),
    case_id                   String,
    customer_key              String,
    version                   UInt64,
    kind                      LowCardinality(String),
    priority                  LowCardinality(String),
    category                  String,
    channel                   LowCardinality(String),
    status                    LowCardinality(String),
    opened_at                 Nullable(DateTime64(3, 'UTC')),
    first_response_at         Nullable(DateTime64(3, 'UTC')),
    first_response_by         LowCardinality(String),
    first_resolved_at         Nullable(DateTime64(3, 'UTC')),
    resolved_at               Nullable(DateTime64(3, 'UTC')),
    reopen_count              UInt16,
    escalation_count          UInt16,
    contact_count             Nullable(UInt16),
    first_response_due_at     Nullable(DateTime64(3, 'UTC')),
    resolution_due_at         Nullable(DateTime64(3, 'UTC')),
    first_response_seconds    Nullable(Float64),
    first_resolution_seconds  Nullable(Float64),
    full_resolution_seconds   Nullable(Float64),
    first_response_breached   UInt8,
    resolution_breached       UInt8,
    first_contact_resolution  Nullable(UInt8),
    csat                      Nullable(UInt8),
    nps                       Nullable(UInt8),
    complaint_ids             Array(String),
    evidence_event_ids        Array(String)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, case_id);
