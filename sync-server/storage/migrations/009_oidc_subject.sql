-- The organisation identity an account signs in with (OpenID Connect): the issuer and the ID
-- token's `sub`, stable for a person where a username claim may be renamed or given to someone
-- else. Kept the first time the account signs in by its username claim (accounts/oidc.ts); after
-- that only the same subject signs it in. Both null until then, and for password-only accounts.
alter table users add column oidc_issuer text;
alter table users add column oidc_subject text;
-- One account per organisation identity.
create unique index users_oidc_identity on users (oidc_issuer, oidc_subject);
