// node --import ./test/support/register-ts.mjs src/worker.ts
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
