-- People, their device sessions. One row per person; a person may have several devices.
create table users (
  user_id       text primary key,
  username      text not null unique,
  display_name  text not null,
  roles         text[] not null,
  team_ids      text[] not null,
  -- scrypt hash (see accounts/passwords.ts); null for people who sign in only through OpenID Connect.
  password_hash text,
  is_demo       boolean not null default false,
  created_at    timestamptz not null default now()
);

create table device_sessions (
  device_id    text primary key,
  user_id      text not null references users (user_id),
  name         text not null,
  -- sha256 of the bearer token: a stolen database dump does not sign anyone in.
  token_hash   text not null unique,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  revoked_at   timestamptz
);
create index device_sessions_user on device_sessions (user_id);
