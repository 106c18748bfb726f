-- A row the broker will never take (too large, an invalid topic) is parked instead of blocking
-- the relay: kept with the reason, skipped with every later row of its key (so per-key order
-- is never broken), reported in a metric, in readiness details and by an OutboxRowParked event.
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column park_reason text;
create index outbox_event_parked_keys on outbox_event (record_key) where parked_at is not null;
