-- A stream's state is already inside its document (`document.state`, exactly as the reducer left
-- it); keeping a second copy doubled the bytes every push rewrites under the log's lock.
alter table streams drop column state
