-- A file's hash is not a key to it. Anyone may push an event naming any sha256, so a reference
-- (blob_refs) lets the people who see its stream open the file only when the person who pushed
-- it could: who pushed it (`referenced_by`), and whether they could open the file then
-- (`could_open`, worked out as the push is written, eventStore.ts). A reference made before the
-- file arrived counts once its pusher is the one who uploads it (the app pushes document.added
-- before its upload finishes). See sync-server/blobs/blobAccess.ts.
-- References made before this migration were accepted under the old rule and are kept as they
-- were: nothing recorded tells an honest one from another, and treating them all as unproven
-- would hide files people use every day.
alter table blob_refs add column referenced_by text;
alter table blob_refs add column could_open boolean not null default true
