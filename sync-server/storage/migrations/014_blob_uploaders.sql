-- Everyone who uploaded a file's bytes, not only the first. A file is content-addressed, so the
-- same letter sent to two teams is one `blobs` row, which keeps its first uploader (and the name
-- and type that upload gave it); an upload of bytes the server already holds was recorded
-- nowhere, so its sender's references to the file stayed unproven. A finished upload whose bytes
-- hash to the file's sha256 proves its sender holds the file: each is a row here, and it is these
-- rows that decide access (sync-server/blobs/blobAccess.ts). Filled with each file's first
-- uploader, the only one recorded until now.
create table blob_uploaders (
  sha256      text not null references blobs (sha256),
  user_id     text not null references users (user_id),
  uploaded_at timestamptz not null default now(),
  primary key (sha256, user_id)
);
insert into blob_uploaders (sha256, user_id, uploaded_at)
select sha256, uploaded_by, created_at from blobs
