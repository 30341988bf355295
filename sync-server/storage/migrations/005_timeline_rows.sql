-- A stream's timeline in rows of its own, one per accepted event, assembled into the document
-- when it is pulled. Inside the document, every push re-wrote the whole (ever-growing) timeline
-- under the log's lock; as rows, a push only inserts its new entries.
create table timeline (
  stream_id text not null references streams (stream_id),
  seq       bigint not null,
  entry     jsonb not null,
  primary key (stream_id, seq)
);
insert into timeline (stream_id, seq, entry)
select s.stream_id, (e.entry->>'seq')::bigint, e.entry
from streams s, jsonb_array_elements(s.document->'timeline') as e(entry);
update streams set document = document - 'timeline';
