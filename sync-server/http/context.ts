// What every route needs, made once per server: settings, storage, the live change feed, the
// login limiter and the clock (a function, so tests can move time).
import type { LoginLimiter } from '../accounts/loginLimiter';
import type { ServerConfig } from '../config';
import type { ChangeFeed } from '../live/changeFeed';
import type { Database } from '../storage/database';

export type ServerContext = {
  config: ServerConfig;
  db: Database;
  feed: ChangeFeed;
  limiter: LoginLimiter;
  now: () => Date;
};
