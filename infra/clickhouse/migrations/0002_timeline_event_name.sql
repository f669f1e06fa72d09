-- The client's own name of a generic touchpoint (Segment track event, page or screen name).
ALTER TABLE {{database}}.timeline_events ADD COLUMN IF NOT EXISTS event_name String DEFAULT '' AFTER type;
