-- Roughly how many characters each stream's pulled document is: its stored document plus its
-- timeline, one entry per accepted event (pull.ts). The log refuses an event that would take a
-- stream over CLEARWAY_MAX_STREAM_MB (replication/streamSize.ts), so that no one who may add to
-- a stream can grow it without end for everyone who pulls it. The log moves it with each push
-- that accepts events on the stream; it is a guard, not an exact count.
-- Filled for the streams already here from what they hold: the document's text, and per accepted
-- event its payload's text and 400 characters for the entry's other fields (TIMELINE_ENTRY_CHARS
-- in streamSize.ts: change both together). Characters (length), not bytes (octet_length), as the
-- log counts them when it adds to it: a note in French or with curly quotes is not counted twice.
alter table streams add column size_chars bigint not null default 0;
update streams s
set size_chars = length(s.document::text)
  + coalesce((select sum(length(e.payload::text) + 400) from events e
              where e.stream_id = s.stream_id and e.status = 'accepted'), 0)
