-- The one log, the stream documents built from it, who may see which stream, and the counters.
-- Every counter is advanced only while holding the event store's transaction-level advisory
-- lock, so numbers are handed out in commit order: a reader never sees n+1 before n.
create table counters (
  name  text primary key,
  value bigint not null
);
insert into counters (name, value) values ('seq', 0), ('change', 0);

create table events (
  id               text primary key,
  stream_id        text not null,
  type             text not null,
  actor            text not null,
  device_id        text not null,
  made_at          text not null,
  payload          jsonb not null,
  status           text not null check (status in ('accepted', 'rejected')),
  reason           text,
  seq              bigint unique,
  accepted_at      text,
  prev_hash        text,
  hash             text,
  -- Who pushed it (the signed-in session), which is whose outbox it comes back to.
  pushed_by_user   text not null,
  pushed_by_device text not null,
  change_no        bigint not null unique,
  check ((status = 'accepted') = (seq is not null))
);
create index events_stream on events (stream_id, seq);
create index events_outbox on events (pushed_by_device, change_no);

create table streams (
  stream_id  text primary key,
  collection text not null,
  state      jsonb not null,
  -- The stream document sent down (src/domain/streamDocument.ts), without `_deleted`.
  document   jsonb not null,
  last_seq   bigint not null,
  updated_at text not null
);

-- Partial replication: one row per person and stream they may see or once could see. Its change
-- number moves whenever the document or the person's access changes, so a grant brings an old
-- document and a withdrawal sends a deletion at the next pull.
create table access (
  user_id    text not null references users (user_id),
  stream_id  text not null references streams (stream_id),
  collection text not null,
  can_see    boolean not null,
  change_no  bigint not null,
  primary key (user_id, stream_id)
);
create index access_pull on access (user_id, collection, change_no);

-- Permanent references (FOI-2026-00417): one counter per prefix and year.
create table reference_counters (
  prefix text not null,
  year   int not null,
  last   int not null,
  primary key (prefix, year)
);
