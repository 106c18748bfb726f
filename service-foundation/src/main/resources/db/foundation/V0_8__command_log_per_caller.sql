-- A command ID is the caller's own: the log is keyed by (authenticated principal, command ID), so
-- a repeat gets the stored reply only from the caller who sent the command first, and nobody can
-- pre-claim an ID another caller will use. Commands without a valid bearer token are not logged.
alter table command_log add column principal text;
update command_log set principal = coalesce(actor_id, 'unauthenticated');
alter table command_log alter column principal set not null;
alter table command_log drop constraint command_log_pkey;
alter table command_log add primary key (principal, command_id);

-- For the retention job (RetentionJob): rows are deleted by age.
create index command_log_received_at on command_log (received_at);
create index inbox_processed_event_processed_at on inbox_processed_event (processed_at);
