-- Whose My work each stream is in, as keys (`user:<userId>`, `team:<teamId>`, see myWorkKeys in
-- src/domain/waitingOn.ts), so a new device can fetch its person's My work first (GET
-- /api/replication/cases/my-work) without the server reading every case's state. The log writes
-- it with the document on every push (eventStore.ts); `{}` for streams that are not cases.
-- Null means not yet worked out: rows written before this migration, filled in the background
-- when the server starts (replication/waitingOnBackfill.ts). No index: the column is rewritten on
-- every push, and an index on it would stop those updates being HOT; the my-work query walks the
-- caller's access rows instead.
alter table streams add column waiting_on text[]
