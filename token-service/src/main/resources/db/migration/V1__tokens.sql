-- What token-service knows of servers, from connect.servers.events. credential_verifier is the
-- SHA-256 of the server's credential secret: servers authenticate to introspection with it.
create table known_server (
    id                  varchar(26) primary key,
    name                varchar(128) not null,
    state               text        not null check (state in ('ACTIVE', 'DELETED')),
    credential_verifier varchar(64),
    updated_at          timestamptz not null default now()
);
create index known_server_active_name on known_server (lower(name)) where state = 'ACTIVE';

-- The vaults each server has now, from connect.access.events (VaultGranted / VaultRevoked).
-- No foreign key: a VaultGranted may arrive before the ServerCreated it follows, since the two
-- come on different topics.
create table server_vault (
    server_id  varchar(26) not null,
    vault_id   varchar(26) not null,
    vault_name varchar(128) not null,
    primary key (server_id, vault_id)
);

create table token (
    id            varchar(26) primary key,
    server_id     varchar(26) not null references known_server (id),
    name          varchar(128) not null,
    state         text        not null check (state in ('ACTIVE', 'REVOKED')),
    revoke_reason text check (revoke_reason in ('DELETED', 'SERVER_DELETED')),
    created_at    timestamptz not null,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    -- SHA-256 (hex) of the whole JWT; the token itself is never stored
    secret_hash   varchar(64) not null unique,
    -- the token's last characters, to tell tokens apart in lists
    secret_tail   varchar(8)  not null,
    key_id        text        not null,
    version       bigint      not null default 0,
    check ((state = 'REVOKED') = (revoked_at is not null))
);
create index token_server on token (server_id, state);
create index token_server_name on token (server_id, lower(name));

-- A token's vault scopes. A revoked vault is trimmed (trimmed_at set) for good: a later
-- re-grant to the server does not give it back.
create table token_vault (
    token_id   varchar(26) not null references token (id),
    vault_id   varchar(26) not null,
    vault_name varchar(128) not null,
    can_read   boolean     not null,
    can_write  boolean     not null,
    trimmed_at timestamptz,
    primary key (token_id, vault_id),
    check (can_read or can_write)
);
create index token_vault_untrimmed on token_vault (vault_id) where trimmed_at is null;

-- ES256 signing keys. The private key is encrypted (AES-256-GCM) under the configured key
-- encryption key. One ACTIVE key signs; PREVIOUS keys still verify; RETIRED keys do neither.
create table signing_key (
    kid                 text        primary key,
    state               text        not null check (state in ('ACTIVE', 'PREVIOUS', 'RETIRED')),
    created_at          timestamptz not null,
    retired_at          timestamptz,
    public_jwk          text        not null,
    encrypted_private   bytea       not null
);
create unique index signing_key_one_active on signing_key (state) where state = 'ACTIVE';
