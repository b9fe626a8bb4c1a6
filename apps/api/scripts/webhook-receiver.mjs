#!/usr/bin/env node
// An example receiver for manufacturers: takes the RMAs the platform forwards, checks their Standard
// Webhooks signature with the `standardwebhooks` library, ignores repeats by webhook-id, and (if given
// an inbound secret) calls back to accept each RMA under its own RMA number. See docs/webhooks.md.
//
//   WEBHOOK_SECRET=whsec_...            the endpoint's signing secret (shown once by the platform)
//   INBOUND_SECRET=whsec_...            optional: the manufacturer's callback secret; enables callbacks
//   PORT=4010 PATH_PREFIX=/rma          where to listen (the demo's DapuStor endpoint: 127.0.0.1:4010/rma)
//
//   WEBHOOK_SECRET=whsec_... node apps/api/scripts/webhook-receiver.mjs
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import console from 'node:console';
import http from 'node:http';
import process from 'node:process';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the endpoint secret (whsec_...).');
  process.exit(2);
}
const inbound = process.env.INBOUND_SECRET ? new Webhook(process.env.INBOUND_SECRET) : null;
const port = Number(process.env.PORT ?? 4010);
const path = process.env.PATH_PREFIX ?? '/rma';
const webhook = new Webhook(secret);
/** webhook-ids already handled: a redelivery carries the same id. Keep these in a database in real life. */
const seen = new Set();

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    // Verify over the raw bytes, before parsing: a re-serialised body would not match the signature.
    const raw = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = webhook.verify(raw, req.headers); // checks the signature(s) and the 5-minute timestamp window
    } catch (err) {
      if (err instanceof WebhookVerificationError) {
        console.warn(`rejected: ${err.message}`);
        return void res.writeHead(401).end();
      }
      throw err;
    }
    const id = req.headers['webhook-id'];
    // Answer quickly (well within 15 s) and do the work afterwards.
    res.writeHead(204).end();
    if (seen.has(id)) return console.log(`${id}: already handled`);
    seen.add(id);
    const { ticket, product, warranty, callbackUrl } = event.data;
    console.log(
      `${id}: ${event.type} v${event.version} ticket ${ticket.id} ${product.sku} ${product.serialNumber} warranty ${warranty?.status}`,
    );
    if (event.type === 'rma.forwarded' && inbound) void accept(callbackUrl, ticket.id);
  });
});

/** Calls back: accepted, with our own RMA number, signed with the inbound secret. */
async function accept(callbackUrl, ticketId) {
  const id = `evt_${randomUUID()}`;
  const now = new Date();
  const body = JSON.stringify({
    type: 'rma.accepted',
    data: { ticketId, vendorRmaNumber: `VR-${ticketId.slice(0, 8).toUpperCase()}` },
  });
  const res = await globalThis.fetch(callbackUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': inbound.sign(id, now, body),
    },
    body,
  });
  console.log(`callback ${id}: ${res.status} ${await res.text()}`);
}

server.listen(port, '127.0.0.1', () => console.log(`receiving webhooks on http://127.0.0.1:${port}${path}`));
