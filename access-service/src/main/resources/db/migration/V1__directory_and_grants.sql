-- The account directory.
create table vault (
    id         varchar(26)  primary key,
    name       varchar(128) not null,
    vault_type varchar(32)  not null,
    created_at timestamptz  not null
);
create index vault_lower_name on vault (lower(name));

create table account_group (
    id         varchar(26)  primary key,
    name       varchar(128) not null,
    created_at timestamptz  not null
);
create unique index account_group_lower_name on account_group (lower(name));

-- Projection of server-service's servers (ServerCreated / ServerRenamed / ServerDeleted).
create table known_server (
    id    varchar(26)  primary key,
    name  varchar(128) not null,
    state varchar(16)  not null check (state in ('ACTIVE', 'DELETED'))
);
create index known_server_lower_name on known_server (lower(name)) where state = 'ACTIVE';

-- A server's access to a vault.
create table vault_grant (
    server_id  varchar(26) not null,
    vault_id   varchar(26) not null references vault (id),
    granted_at timestamptz not null,
    primary key (server_id, vault_id)
);

-- What a group may manage: one server, all current and future servers, or everything (managers).
create table group_grant (
    group_id   varchar(26) not null references account_group (id),
    scope      varchar(16) not null check (scope in ('SERVER', 'ALL_SERVERS', 'MANAGERS')),
    server_id  varchar(26) not null default '',
    granted_at timestamptz not null,
    primary key (group_id, scope, server_id),
    check ((scope = 'SERVER') = (server_id <> ''))
);
create index group_grant_server on group_grant (server_id) where scope = 'SERVER';
