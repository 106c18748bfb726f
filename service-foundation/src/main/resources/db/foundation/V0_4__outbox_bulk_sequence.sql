-- A bulk append (OutboxWriter.appendAll) locks each record key once and numbers its rows
-- itself, in list order; the per-row trigger runs only for rows that come without a seq.
drop trigger outbox_event_sequence on outbox_event;
create trigger outbox_event_sequence before insert on outbox_event
    for each row when (new.seq is null) execute function outbox_event_before_insert();
