-- What each group may manage, as this service knows it: projected from access-service's
-- GroupGranted and GroupRevoked events (access-service itself reads its own grant tables).
-- group_name_key is the lower-cased group name, matched against the caller's groups claim
-- along with group_id.
create table authz_group_grant (
    group_id       varchar(26) not null,
    group_name_key text        not null,
    scope          varchar(16) not null check (scope in ('SERVER', 'ALL_SERVERS', 'MANAGERS')),
    server_id      varchar(26) not null default '',
    primary key (group_id, scope, server_id)
);
create index authz_group_grant_name on authz_group_grant (group_name_key);
