-- How far each SIEM target has taken the chain: every record up to delivered_seq is acknowledged
-- there. The row is locked (for update skip locked) for the whole round that delivers the next
-- records, so one instance delivers at a time and a crash between the store's acknowledgment and
-- the commit only sends those records again (idempotent there: the document ID is the event ID).
create table siem_delivery (
    target        text        primary key,
    delivered_seq bigint      not null default 0,
    delivered_at  timestamptz,
    updated_at    timestamptz not null default clock_timestamp()
);
