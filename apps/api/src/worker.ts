import 'reflect-metadata';
import { runMain, stopOnSignals } from './common/process.js';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/config.js';
import { preparePlatformDatabase } from './database/platform-database.js';

/**
 * A queue worker without HTTP (webhook deliveries and e-mail): `node dist/worker.js`, beside one or more API processes sharing
 * DATABASE_URL, REDIS_URL and QUEUE_PREFIX. It consumes the webhooks queue (and sweeps the database
 * like every API process), so deliveries can be scaled, restarted or killed apart from the API.
 */
async function main() {
  let config;
  try {
    config = loadConfig();
    if (!config.redisUrl || !config.databaseUrl) {
      throw new ConfigError([
        'the webhook worker needs DATABASE_URL and REDIS_URL (without them the API sends webhooks itself)',
      ]);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const target = await preparePlatformDatabase(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, target), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  process.stdout.write(
    `worker ready: webhooks and e-mail (queue prefix ${config.queuePrefix}, concurrency ${config.webhooks.concurrency})\n`,
  );
  stopOnSignals(app, target);
}

runMain('The worker', main);
