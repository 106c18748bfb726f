-- The content type a relayed record carries in its content-type header. Null means a
-- CloudEvent in structured mode, the form of every domain event; audit-service also relays
-- plain OCSF JSON to connect.audit.siem.
alter table outbox_event add column content_type text;
