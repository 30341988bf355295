-- A stream's timeline is read from its accepted events (by `events_stream`, in seq order) when it
-- is pulled, instead of from rows of its own (migration 005): every accepted event was written
-- twice, its row and a timeline row repeating its payload, and that second row cost a push
-- about a tenth of its throughput. The event row already holds the entry's own fields but three,
-- kept here as they were when the event was accepted: the actor's name, the one-sentence
-- summary and the pushing device's name (null when it had none). Filled for the events already
-- accepted from their timeline entries (matched on stream and seq, which is the entry's own).
-- The update writes each accepted event's row once more; a later vacuum gives the space back.
alter table events add column actor_name text;
alter table events add column summary text;
alter table events add column device_name text;
update events e
set actor_name = t.entry->>'actorName', summary = t.entry->>'summary', device_name = t.entry->>'deviceName'
from timeline t
where t.stream_id = e.stream_id and t.seq = e.seq;
drop table timeline
