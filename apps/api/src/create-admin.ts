import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { runMain } from './common/process.js';
import { AppException, ErrorCode } from './common/errors.js';
import { flattenValidationErrors } from './common/validation.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { preparePlatformDatabase, type DatabaseTarget } from './database/platform-database.js';
import { AdminAccountsModule } from './setup/admin-accounts.module.js';
import { AdminAccounts, type AdminAccount } from './setup/admin-accounts.service.js';
import { AdminAccountDto } from './setup/dto.js';

const USAGE = `Creates a distributor admin on the database the platform uses (DATABASE_URL, or the embedded one
in DATA_DIR: stop the platform first then).

  npm run create-admin -- --email ops@distri.example --name "Ops"

The password is asked twice on a terminal, or read from the first line of standard input:
  printf '%s\\n' "$PASSWORD" | npm run create-admin -- --email ... --name ...
Left empty, or with --generate-password, a strong one is generated and printed once.

Options:
  --email <address>       the admin's e-mail (unique, whatever its case)
  --name <name>           the admin's name as shown to colleagues
  --generate-password     generate the password instead of reading it
  -h, --help              this text
`;

/** A refusal: its message goes to stderr, and the command exits with `code`. */
class Refused extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}
const USAGE_ERROR = 64;
const CONFIG_ERROR = 78;
const FLAG_OF: Record<string, string> = { email: '--email', name: '--name', password: 'the password' };

function readArgs(argv: string[]): { email: string; name: string; generate: boolean } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        'generate-password': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new Refused(`${(err as Error).message}\n\n${USAGE}`, USAGE_ERROR);
  }
  if (values.help) return 'help';
  const missing = (['email', 'name'] as const).filter((k) => values[k] === undefined);
  if (missing.length)
    throw new Refused(`${missing.map((k) => FLAG_OF[k]).join(' and ')} required\n\n${USAGE}`, USAGE_ERROR);
  return { email: values.email!.trim(), name: values.name!.trim(), generate: !!values['generate-password'] };
}

/** The account's problems under the API's rules for a user (CreateUserDto); the password only when given. */
async function problemsOf(account: Partial<AdminAccount>): Promise<string[]> {
  const errors = await validate(plainToInstance(AdminAccountDto, account), {
    skipMissingProperties: account.password === undefined,
  });
  const problems = flattenValidationErrors(errors).map(
    (p) => `${FLAG_OF[p.field] ?? p.field}: ${p.message.replace(`${p.field} `, '')}`,
  );
  for (const [field, value] of Object.entries(account))
    if (value?.includes('\0')) problems.push(`${FLAG_OF[field] ?? field}: contains a NUL character`);
  return problems;
}

/** A line typed on the terminal, not echoed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo is off before the question shows, so nothing typed ahead of it is echoed either.
  stdin.setRawMode(true);
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new Refused('cancelled; nothing was created', 130));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setEncoding('utf8');
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first line of standard input (a pipe or a file), without its line end. */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  process.stdin.destroy();
  return text.split('\n')[0]!.replace(/\r$/, '');
}

/** The password typed twice, read from stdin, or '' for a generated one. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden('Password (empty: generate one): ');
  if (first === '') return '';
  const again = await promptHidden('Password, again: ');
  if (again !== first) throw new Refused('the two passwords differ; nothing was created', USAGE_ERROR);
  return first;
}

@Module({})
class CreateAdminModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return { module: CreateAdminModule, imports: [DatabaseModule.forRoot(target, 2), AdminAccountsModule] };
  }
}

async function createAdmin(argv: string[]): Promise<void> {
  const args = readArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new Refused(err.message, CONFIG_ERROR);
    throw err;
  }
  const named = await problemsOf({ email: args.email, name: args.name });
  if (named.length) throw new Refused(`${named.join('\n')}\nnothing was created`, USAGE_ERROR);
  let password = args.generate ? '' : await readPassword();
  const generated = password === '';
  if (generated) password = randomBytes(18).toString('base64url');
  const account: AdminAccount = { email: args.email, name: args.name, password };
  const problems = await problemsOf(account);
  if (problems.length) throw new Refused(`${problems.join('\n')}\nnothing was created`, USAGE_ERROR);

  const target = await preparePlatformDatabase(config);
  const app = await NestFactory.createApplicationContext(CreateAdminModule.forRoot(target), {
    logger: false,
  });
  try {
    const user = await app.get(AdminAccounts).create(account);
    process.stdout.write(`Created the distributor admin ${user.name} <${user.email}>.\n`);
    if (generated) process.stdout.write(`Password (shown this once): ${password}\n`);
  } catch (err) {
    if (err instanceof AppException && err.code === ErrorCode.CONFLICT)
      throw new Refused(`${args.email} is already registered; nothing was created`, 1);
    throw err;
  } finally {
    await app.close();
    await target.stop();
  }
}

runMain('create-admin', () =>
  createAdmin(process.argv.slice(2)).catch((err: unknown) => {
    if (!(err instanceof Refused)) throw err;
    process.stderr.write(`create-admin: ${err.message}\n`);
    process.exit(err.code);
  }),
);
