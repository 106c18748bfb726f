-- The transactional outbox: one row per event, written in the transaction of the state change.
-- seq is assigned by the trigger below after a transaction-scoped lock on the record key, so
-- for one key the commit order and the seq order agree and the relay publishes in that order.
create sequence outbox_event_seq;

create table outbox_event (
    seq          bigint      primary key,
    event_id     text        not null unique,
    topic        text        not null,
    record_key   text        not null,
    event_type   text        not null,
    payload      text        not null,
    created_at   timestamptz not null default clock_timestamp(),
    -- when the inserting transaction committed, filled in by the relay where PostgreSQL
    -- tracks commit timestamps; for measuring commit-to-Kafka delay
    committed_at timestamptz,
    published_at timestamptz
);

create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

create function outbox_event_before_insert() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('outbox-key:' || tg_table_schema || ':' || new.record_key));
    new.seq := nextval(tg_table_schema || '.outbox_event_seq');
    return new;
end;
$$;

create trigger outbox_event_sequence before insert on outbox_event
    for each row execute function outbox_event_before_insert();

-- Wakes the relay at commit (notifications are delivered when the transaction commits).
create function outbox_event_after_insert() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_' || tg_table_schema, '');
    return null;
end;
$$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_after_insert();
