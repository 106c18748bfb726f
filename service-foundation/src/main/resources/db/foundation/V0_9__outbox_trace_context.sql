-- The trace context of the change that wrote the row (W3C traceparent, null when tracing is off):
-- the relay sends it on in the record's headers, so one trace follows the change from the request
-- that made it through every consumer.
alter table outbox_event add column trace_parent text;
