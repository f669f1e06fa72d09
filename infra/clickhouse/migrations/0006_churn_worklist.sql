-- Churn worklist: one row per canonical customer (and per key merged into one) with the state of
-- their churn warning, recomputed with the customer state. open = 1 while a warning is raised;
-- open = 0 rows stay (a cleared warning, a customer never warned, a key merged into another) so a
-- newer version always supersedes an older open row under FINAL. version = the highest store
-- position of the history, as in customer_profiles. The worklist API reads open = 1 rows sorted
-- by value_at_risk. reasons / explanations / evidence are parallel arrays, one entry per reason.
CREATE TABLE IF NOT EXISTS {{database}}.churn_worklist
(
    project_id      LowCardinality(String),
    customer_key    String,
    version         UInt64,
    open            UInt8,
    score           Float64,
    value_at_risk   Float64,
    stage           LowCardinality(String),
    -- Value tier from the RFM monetary score: high_value (4-5), mid_value (3), low_value (1-2),
    -- no_orders.
    segment         LowCardinality(String),
    reasons         Array(LowCardinality(String)),
    explanations    Array(String),
    evidence        Array(Array(String)),
    raised_at       Nullable(DateTime64(3, 'UTC')),
    p_alive         Nullable(Float64),
    expected_purchases Nullable(Float64),
    expected_spend  Nullable(Float64),
    model_version   Nullable(UInt32)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, customer_key);
