-- Failed sign-ins per account and per address, in the database so that every server process on
-- one PostgreSQL counts against the same limit (accounts/loginLimiter.ts). One row per key, for
-- the window that began with its first failure.
create table login_failures (
  key         text primary key,
  failures    integer not null,
  -- Milliseconds since 1970 (the server's clock, which tests move).
  first_at_ms bigint not null
)
