// Starts the Clearway server from the environment (see README "Configuration").
import { buildServer } from './app';
import { readConfig } from './config';

const config = readConfig();
const app = await buildServer(config);
await app.listen({ port: config.port, host: config.host });
console.log(`Clearway is running on http://localhost:${config.port} (${config.mode} mode)`);
