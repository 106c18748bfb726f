-- The idempotent inbox: one row per consumed event, inserted in the transaction of its effect.
-- A redelivered event hits the primary key and its effect is skipped.
create table inbox_processed_event (
    event_id         text        primary key,
    event_type       text        not null,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    processed_at     timestamptz not null default clock_timestamp()
);
