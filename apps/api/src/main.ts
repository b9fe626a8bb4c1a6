import 'reflect-metadata';
import { runMain, stopOnSignals } from './common/process.js';
import { createApp } from './create-app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { preparePlatformDatabase } from './database/platform-database.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './demo/demo-data.js';
import { seedDemoDesk } from './demo/demo-desk.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const target = await preparePlatformDatabase(config, {
    seed: config.seedDemo ? async (owner) => void (await seedDemo(owner)) : undefined,
  });
  const app = await createApp(config, target);
  if (config.seedDemo) {
    await app.init();
    // Replicas started together would each find the desk empty and fill it.
    await target.underStartLock(() => seedDemoDesk(app));
  }
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  const lines = [
    '',
    `RMA platform is up`,
    `  admin + reseller portal  ${url}/`,
    `  API                      ${url}/api/v1`,
    `  OpenAPI docs             ${url}/api/docs`,
    `  database                 ${target.embedded ? `embedded PostgreSQL in ${config.dataDir}/pg` : 'PostgreSQL at DATABASE_URL'}`,
    `  queue                    ${config.redisUrl ? 'Bull on Redis at REDIS_URL' : 'in-process scheduler (no REDIS_URL)'}`,
  ];
  if (config.seedDemo) {
    lines.push(`  demo logins (password "${DEMO_PASSWORD}"):`);
    for (const l of DEMO_LOGINS) lines.push(`    ${l.email.padEnd(26)} ${l.who}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  stopOnSignals(app, target);
}

runMain('The API', main);
