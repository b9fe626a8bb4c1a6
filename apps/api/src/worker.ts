import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/logging.js';
import { ConfigError, loadConfig } from './config/config.js';
import { preparePlatformDatabase } from './database/platform-database.js';

/**
 * A webhook worker without HTTP: `node dist/worker.js`, beside one or more API processes sharing
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
    logger: new JsonLogger(config.logLevel),
  });
  await app.init();
  process.stdout.write(
    `webhook worker ready (queue prefix ${config.queuePrefix}, concurrency ${config.webhooks.concurrency})\n`,
  );
  const stop = async () => {
    await app.close();
    await target.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(
    `Worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
