-- Commands received on Kafka: one row per command ID, written in the transaction of the
-- command's effect (or of its rejection), so a repeated ID has no second effect and gets the
-- stored reply again. reply_data never holds a secret.
create table command_log (
    command_id   text        primary key,
    command_type text,
    outcome      text        check (outcome in ('accepted', 'rejected')),
    reply_data   text,
    actor_id     text,
    received_at  timestamptz not null default clock_timestamp()
);

-- A reply that carries a secret the command asked for (a token, a credentials document) is
-- emptied from the outbox as soon as the broker has it, instead of staying until retention.
alter table outbox_event add column scrub_on_publish boolean not null default false;
