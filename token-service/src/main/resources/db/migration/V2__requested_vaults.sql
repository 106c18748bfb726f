-- The vaults a server was created with (ServerCreated.requested_vaults) that access-service has
-- not granted yet. A token create naming one of them while its VaultGranted is on its way is
-- answered 503 (try again), not 422: the grant is late, not refused. A row leaves on the
-- vault's VaultGranted or VaultRevoked, or the server's deletion.
create table requested_vault (
    server_id    varchar(26)  not null,
    vault_id     varchar(26)  not null,
    vault_name   varchar(128) not null,
    requested_at timestamptz  not null,
    primary key (server_id, vault_id)
);
