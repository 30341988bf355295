-- Sign-in attempts whose password is being checked now, kept apart from the failures
-- (accounts/loginLimiter.ts). Counting every attempt as a failure until it proved right let
-- honest sign-ins that arrive together (a person's devices, an office at 9 o'clock) be refused;
-- with `in_flight` apart, such an attempt waits for a place instead, and no more attempts than
-- the limit are ever under check at once for one account or one address.
--
-- 008 says a row is "for the window that began with its first failure". Since 8e3ff5a a window
-- begins with the first attempt, right or wrong, and `failures` counts only wrong guesses. 008
-- is left as it was (a migration is applied once, and editing it would change nothing).
--
-- `in_flight_since_ms`: when the newest attempt now under check began (the server's clock, in
-- milliseconds). A process that stops mid-check never takes its attempts back; counts whose
-- newest attempt is older than any check takes are treated as gone (see the limiter).
alter table login_failures add column in_flight integer not null default 0;
alter table login_failures add column in_flight_since_ms bigint not null default 0
