-- A number that moves (under the log's lock) whenever a person's roles or teams change, so a push
-- judged against who people were before the change notices it and judges again (eventStore.ts).
insert into counters (name, value) values ('people', 0)
