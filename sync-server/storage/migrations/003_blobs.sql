-- Content-addressed files (PDFs, attachments) and which streams reference them (authorisation).
create table blobs (
  sha256       text primary key,
  size         bigint not null,
  filename     text not null,
  content_type text not null,
  uploaded_by  text not null references users (user_id),
  created_at   timestamptz not null default now()
);

create table blob_refs (
  sha256    text not null,
  stream_id text not null,
  primary key (sha256, stream_id)
);
