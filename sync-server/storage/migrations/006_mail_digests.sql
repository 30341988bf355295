-- Weekly chase digests: where each person is written to (null: CLEARWAY_MAIL_DOMAIN, or no
-- e-mail), and which weeks' digests have gone, so several server processes send each week once.
alter table users add column email text;

create table digest_weeks (
  week_of text primary key,
  sent_at text not null,
  sent    integer not null
)
