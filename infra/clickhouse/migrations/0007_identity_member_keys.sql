-- Each identity_map row carries its canonical customer's member keys (all keys resolving to the
-- same canonical key, itself included), so a timeline read finds a customer's keys from any one of
-- them with one point lookup instead of three. Rows written before this migration are rewritten
-- once with the same version (the row inserted last wins a tie), their lists computed from the map.
ALTER TABLE {{database}}.identity_map ADD COLUMN IF NOT EXISTS member_keys Array(String) AFTER canonical_key;

INSERT INTO {{database}}.identity_map (project_id, customer_key, canonical_key, member_keys, store_position)
SELECT m.project_id, m.customer_key, m.canonical_key, g.member_keys, m.store_position
FROM (SELECT project_id, customer_key, canonical_key, store_position FROM {{database}}.identity_map FINAL) AS m
INNER JOIN (
    SELECT project_id, canonical_key, arraySort(groupArray(customer_key)) AS member_keys
    FROM {{database}}.identity_map FINAL
    GROUP BY project_id, canonical_key
) AS g ON m.project_id = g.project_id AND m.canonical_key = g.canonical_key;
