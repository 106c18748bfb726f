-- One row per consumed message, never updated. Appends are serialized by a transaction-scoped
-- advisory lock, so id order is commit order: once a row is visible, every row with a lower id
-- is visible too (or was rolled back).
create table audit_record (
    id               bigserial   primary key,
    event_id         text        not null unique,
    event_type       text        not null,
    known_type       boolean     not null,
    event_time       timestamptz not null,
    ingest_time      timestamptz not null,
    actor_id         text,
    actor_type       text,
    actor_groups     text[]      not null default '{}',
    action           text        not null,
    outcome          text        not null,
    server_id        text,
    server_name      text,
    token_id         text,
    token_name       text,
    vault_ids        text[]      not null default '{}',
    vault_names      text[]      not null default '{}',
    group_id         text,
    group_name       text,
    causation_id     text,
    source_topic     text        not null,
    source_partition integer     not null,
    source_offset    bigint      not null,
    details          jsonb       not null default '{}'
);
create index audit_record_server on audit_record (server_id, id) where server_id is not null;
create index audit_record_token on audit_record (token_id, id) where token_id is not null;
create index audit_record_group on audit_record (group_id, id) where group_id is not null;
create index audit_record_vaults on audit_record using gin (vault_ids);
create index audit_record_actor on audit_record (actor_id, id);
create index audit_record_action on audit_record (action, id);
create index audit_record_event_time on audit_record (event_time);

-- The hash chain, one row per record in record order, written by the chainer (insert only):
-- hash = SHA-256 over the record's content, its position and the previous hash. A record is
-- queryable once it has its row here (chained_at, not covered by the hash).
create table audit_chain (
    seq        bigint      primary key,
    record_id  bigint      not null unique,
    prev_hash  varchar(64) not null,
    hash       varchar(64) not null,
    chained_at timestamptz not null default clock_timestamp()
);

-- Names last seen for servers, tokens, vaults and groups, so that a record names its targets
-- even when its own event carries only IDs.
create table audit_name (
    kind text not null check (kind in ('server', 'token', 'vault', 'group')),
    id   text not null,
    name text not null,
    primary key (kind, id)
);

-- Wakes the chainer when records arrive (delivered at commit).
create function audit_record_after_insert() returns trigger language plpgsql as $$
begin
    perform pg_notify('audit_appended_' || tg_table_schema, '');
    return null;
end;
$$;

create trigger audit_record_notify after insert on audit_record
    for each statement execute function audit_record_after_insert();
