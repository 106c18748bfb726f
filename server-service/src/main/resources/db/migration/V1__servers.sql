-- Servers. Rows are never deleted: a deleted server keeps its row (state DELETED), so its ID
-- is never reused, and its name becomes free for a new server.
create table server (
    id              varchar(26)  primary key,
    name            varchar(128) not null,
    state           varchar(16)  not null check (state in ('ACTIVE', 'DELETED')),
    created_at      timestamptz  not null,
    creator_id      text         not null,
    tokens_version  integer      not null default 1,
    credential_hash varchar(64)  not null,
    deleted_at      timestamptz,
    version         bigint       not null default 0
);

-- Names are unique among active servers, whatever their case.
create unique index server_active_name_unique on server (lower(name)) where state = 'ACTIVE';

-- Projection of the account's vault directory (VaultRegistered events from access-service).
create table vault_directory (
    vault_id   varchar(26) primary key,
    name       text        not null,
    vault_type varchar(32) not null
);
create index vault_directory_lower_name on vault_directory (lower(name));

-- Projection of the vaults each server has been granted (VaultGranted / VaultRevoked).
create table server_vault (
    server_id  varchar(26) not null,
    vault_id   varchar(26) not null,
    granted_at timestamptz not null,
    primary key (server_id, vault_id)
);
