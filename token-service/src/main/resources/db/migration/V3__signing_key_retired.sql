-- Retiring a signing key revokes the active tokens it signed (reason SIGNING_KEY_RETIRED), with
-- a TokenRevoked and an access change each, instead of leaving them "active" rows that no
-- longer verify: lists, introspection and the change stream then say the same thing.
alter table token drop constraint token_revoke_reason_check;
alter table token add constraint token_revoke_reason_check
    check (revoke_reason in ('DELETED', 'SERVER_DELETED', 'SIGNING_KEY_RETIRED'));
create index token_active_by_key on token (key_id) where state = 'ACTIVE';
