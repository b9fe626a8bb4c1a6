// Throughput of @rma/rules decideRoute over 10,000 varied tickets (all reasons, all adapter kinds,
// with and without prerequisites, varied dates and prices), against a trivial baseline over the same
// inputs in the same run. Needs a build first: pnpm --filter @rma/rules build && node bench/rules-decide.mjs
// Options: --passes=N (timed passes per round, default 30), --rounds=N (default 5), --tickets=N (default 10000).
import console from 'node:console';
import process from 'node:process';
import {
  DEFAULT_FEE_POLICY,
  EXCLUSIONS,
  RULES_VERSION,
  decideRoute,
  validateFeePolicy,
  validateManufacturerConfig,
} from '../packages/rules/dist/index.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const TICKETS = arg('tickets', 10_000);
const PASSES = arg('passes', 30);
const ROUNDS = arg('rounds', 5);
const GOAL = 1_000_000;

/** mulberry32: a small seeded PRNG, so every run decides the same tickets. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20260315);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const int = (min, max) => min + Math.floor(rand() * (max - min + 1));

const TODAY = '2026-03-15';
const TODAY_MS = Date.UTC(2026, 2, 15); // only to build the inputs, outside the timed loop
const daysAgo = (n) => new Date(TODAY_MS - n * 86_400_000).toISOString().slice(0, 10);

const warranty24 = { months: 24, fallback: 'DISTRIBUTOR_SALE' };
const MANUFACTURERS = [
  {
    slug: 'dexxon-brand',
    name: 'Dexxon Brand',
    adapter: 'IN_HOUSE',
    destroyBelowMinor: 2000,
    warranty: warranty24,
    rmaValidityDays: 14,
  },
  {
    slug: 'grandstream',
    name: 'Grandstream',
    adapter: 'IN_HOUSE',
    supportTicket: { helpdeskUrl: 'https://helpdesk.grandstream.com/', numberPattern: 'GS-\\d{6}' },
    warranty: warranty24,
    rmaValidityDays: 14,
  },
  {
    slug: 'innovaphone',
    name: 'innovaphone',
    adapter: 'VENDOR_PORTAL',
    portalUrl: 'https://rma.innovaphone.com/',
    portalInstructions: 'Bring the serial number and a copy of the invoice.',
    warranty: warranty24,
    rmaValidityDays: 30,
  },
  {
    slug: 'ubiquiti',
    name: 'Ubiquiti',
    adapter: 'VENDOR_PORTAL',
    portalUrl: 'https://rma.ui.com/',
    supportTicket: { helpdeskUrl: 'https://help.ui.com/', numberPattern: '\\d{7}' },
    warranty: { months: 12, fallback: 'DISTRIBUTOR_SALE' },
    rmaValidityDays: 30,
  },
  {
    slug: 'yealink',
    name: 'Yealink',
    adapter: 'VENDOR_WEBHOOK',
    webhookUrl: 'https://rma.yealink.example/hooks',
    warranty: warranty24,
    rmaValidityDays: 30,
  },
  {
    slug: 'fanvil',
    name: 'Fanvil',
    adapter: 'VENDOR_WEBHOOK',
    webhookUrl: 'https://rma.fanvil.example/hooks',
    supportTicket: { helpdeskUrl: 'https://support.fanvil.example/', numberPattern: 'FV[0-9]{5}' },
    warranty: warranty24,
    rmaValidityDays: 30,
  },
  {
    slug: 'dapustor',
    name: 'DapuStor',
    adapter: 'SERIAL_DATE_SSD',
    webhookUrl: 'https://rma.dapustor.example/hooks',
    warranty: { months: 36, usageLimit: { unit: 'TBW', limit: 600 }, fallback: 'SERIAL_MANUFACTURE_DATE' },
    rmaValidityDays: 30,
  },
];
const FEE_POLICIES = [
  DEFAULT_FEE_POLICY,
  {
    restockingFeePercent: 12.5,
    restockingFeeMinMinor: 500,
    returnWindowDays: 30,
    deliveryErrorWindowDays: 14,
  },
  { restockingFeePercent: 20, restockingFeeMinMinor: null, returnWindowDays: 45, deliveryErrorWindowDays: 7 },
];
for (const m of MANUFACTURERS) {
  const errors = validateManufacturerConfig(m);
  if (errors.length > 0) throw new Error(`bench config ${m.slug} invalid: ${JSON.stringify(errors)}`);
}
for (const f of FEE_POLICIES) {
  if (validateFeePolicy(f).length > 0) throw new Error('bench fee policy invalid');
}

const TICKET_NUMBERS = {
  grandstream: ['GS-123456', 'GS-12345', 'gs-123456'],
  ubiquiti: ['1234567', '123'],
  fanvil: ['FV12345', 'FV1'],
};

function makeInput() {
  const reason = pick(['ORDER_ERROR', 'DELIVERY_ERROR', 'DEFECT', 'DEFECT']);
  const m = pick(MANUFACTURERS);
  const price = {
    amountMinor: chance(0.05) ? -1 : chance(0.2) ? int(0, 3000) : int(3000, 250_000),
    currency: chance(0.9) ? 'EUR' : 'USD',
  };
  const ticket = {
    reason,
    serialNumber:
      m.slug === 'dapustor' && chance(0.8)
        ? `DS${pick(['22', '23', '24', '25'])}${String(int(1, 53)).padStart(2, '0')}A${String(int(0, 9_999_999)).padStart(7, '0')}`
        : `SN${int(100000, 999999)}`,
    sku: `${m.slug.toUpperCase()}-${int(1, 50)}`,
    deliveredOn: chance(0.95) ? daysAgo(int(0, 60)) : null,
    unused: chance(0.8) ? true : chance(0.5) ? false : null,
    originalPackaging: chance(0.8) ? true : chance(0.5) ? false : null,
    invoicedPrice: chance(0.9) ? price : null,
    endUserPurchaseDate: chance(0.6) ? daysAgo(int(0, 1500)) : null,
    distributorSaleDate: chance(0.7) ? daysAgo(int(0, 1500)) : null,
    replacement: chance(0.05)
      ? { replacedOn: daysAgo(int(0, 200)), originalEndsOn: daysAgo(int(-300, 300)) }
      : null,
    usage: m.slug === 'dapustor' && chance(0.7) ? int(0, 700) : null,
    exclusions: chance(0.1) ? [pick(EXCLUSIONS)] : null,
    supportTicketNumber: TICKET_NUMBERS[m.slug] && chance(0.7) ? pick(TICKET_NUMBERS[m.slug]) : null,
  };
  return {
    ticket,
    manufacturer: reason === 'DEFECT' && chance(0.02) ? null : m,
    fees: pick(FEE_POLICIES),
    today: chance(0.9) ? TODAY : daysAgo(int(1, 30)),
  };
}

const inputs = Array.from({ length: TICKETS }, makeInput);

// Coverage of the generated set: every route, handling, warranty status and prerequisite state.
const seen = new Map();
const count = (key) => seen.set(key, (seen.get(key) ?? 0) + 1);
for (const input of inputs) {
  const d = decideRoute(input);
  count(`reason ${d.reason}`);
  count(`route ${d.route}${d.handling ? ` / ${d.handling}` : ''}`);
  count(`adapter ${d.adapter ?? '-'}`);
  count(`warranty ${d.warranty.status}`);
  count(
    `prerequisite ${d.prerequisites.length === 0 ? 'none' : d.prerequisites[0].satisfied ? 'satisfied' : 'unsatisfied'}`,
  );
}

/** Baseline: a trivial function over the same inputs (reads a field, branches, returns a small object). */
function baseline(input) {
  const t = input.ticket;
  return { reason: t.reason, route: t.reason === 'DEFECT' ? 'IN_HOUSE' : 'NOT_ELIGIBLE' };
}

let sink = 0;
function run(fn, passes) {
  const start = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < inputs.length; i++) {
      const d = fn(inputs[i]);
      sink += d.route.length;
    }
  }
  const ns = Number(process.hrtime.bigint() - start);
  return (passes * inputs.length * 1e9) / ns;
}

// Warm-up: let the JIT settle on both functions.
run(decideRoute, 10);
run(baseline, 10);

const decisionRates = [];
const baselineRates = [];
for (let r = 0; r < ROUNDS; r++) {
  decisionRates.push(run(decideRoute, PASSES));
  baselineRates.push(run(baseline, PASSES));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const decisions = median(decisionRates);
const base = median(baselineRates);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(`@rma/rules ${RULES_VERSION} decideRoute bench, node ${process.version}`);
console.log(`${inputs.length} tickets x ${PASSES} passes x ${ROUNDS} rounds (median round)`);
for (const [key, n] of [...seen].sort()) console.log(`  ${key.padEnd(48)} ${n}`);
console.log(`decideRoute: ${fmt(decisions)} decisions/s (${(1e9 / decisions).toFixed(0)} ns each)`);
console.log(`baseline:    ${fmt(base)} calls/s (${(1e9 / base).toFixed(1)} ns each)`);
console.log(
  `ratio:       decideRoute runs at ${((decisions / base) * 100).toFixed(2)}% of the baseline (${(base / decisions).toFixed(1)}x slower)`,
);
console.log(`goal ${fmt(GOAL)}/s: ${decisions >= GOAL ? 'MET' : 'NOT MET'}  (sink ${sink % 10})`);
