import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { keyIdOf, SecretBox } from '../common/secret-box.js';
import type { AppConfig } from '../config/config.js';
import type { Database } from '../database/database.service.js';
import { SecretUnreadableError, WebhookSecrets } from './webhook-secrets.js';
import type { EndpointSecrets, WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

describe('WebhookSecrets', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const ctx = (mf: string, kind: 'outbound' | 'inbound') => `webhook_endpoints/${mf}/${kind}`;
  beforeAll(() => Logger.overrideLogger(false)); // the boot pass's warnings and errors are expected here

  function sut(current: Buffer | null, previous: Buffer[], rows: EndpointSecrets[]) {
    const updates: EndpointSecrets[][] = [];
    const repo = {
      secretsForUpdate: async () => rows,
      updateSecrets: async (changed: EndpointSecrets[]) => void updates.push(changed),
    } as unknown as WebhookEndpointsRepository;
    const db = { run: (_scope: unknown, work: (m: unknown) => unknown) => work({}) } as unknown as Database;
    const config = { secretsKeys: current ? { current, previous } : null } as AppConfig;
    return { secrets: new WebhookSecrets(db, repo, config), updates };
  }

  const row = (mf: string, over: Partial<EndpointSecrets> = {}): EndpointSecrets => ({
    id: `e-${mf}`,
    manufacturerId: mf,
    secret: `whsec_${mf}-out`,
    previousSecret: null,
    inboundSecret: null,
    inboundPreviousSecret: null,
    ...over,
  });

  it('seals plain and previous-key values under the current key in one update, leaving current ones out', async () => {
    const current = new SecretBox(k2).seal('whsec_b-out', ctx('b', 'outbound'));
    const rows = [
      row('a', { inboundSecret: 'whsec_a-in' }),
      row('b', { secret: current }),
      row('c', { previousSecret: new SecretBox(k1).seal('whsec_c-old', ctx('c', 'outbound')) }),
    ];
    const { secrets, updates } = sut(k2, [k1], rows);
    expect(await secrets.sealAtRest()).toEqual({ sealed: 4, unreadable: 0 });
    expect(updates).toHaveLength(1);
    const [changed] = updates;
    expect(changed!.map((r) => r.manufacturerId)).toEqual(['a', 'c']);
    const opened = new SecretBox(k2);
    expect(opened.open(changed![0]!.inboundSecret!, ctx('a', 'inbound'))).toBe('whsec_a-in');
    expect(opened.open(changed![1]!.previousSecret!, ctx('c', 'outbound'))).toBe('whsec_c-old');
    for (const r of changed!)
      for (const v of [r.secret, r.previousSecret, r.inboundSecret])
        if (v !== null) expect(v.split(':')[2]).toBe(keyIdOf(k2));
  });

  it('leaves a value it cannot open as it is, and reports it; a value copied from another manufacturer is one', async () => {
    const lost = new SecretBox(k1).seal('whsec_x', ctx('a', 'outbound'));
    const copied = new SecretBox(k2).seal('whsec_y', ctx('a', 'inbound'));
    const { secrets, updates } = sut(
      k2,
      [],
      [row('a', { secret: lost }), row('b', { inboundSecret: copied })],
    );
    expect(await secrets.sealAtRest()).toEqual({ sealed: 1, unreadable: 2 });
    // b's plain signing secret is sealed beside it; the copied value is written back untouched.
    expect(updates).toEqual([[expect.objectContaining({ manufacturerId: 'b', inboundSecret: copied })]]);
    expect(updates[0]![0]!.secret).toMatch(/^enc:v1:/);
  });

  it('without a key changes nothing, plain text stays plain', async () => {
    const { secrets, updates } = sut(null, [], [row('a', { inboundSecret: 'whsec_a-in' })]);
    expect(await secrets.sealAtRest()).toEqual({ sealed: 0, unreadable: 0 });
    expect(updates).toEqual([]);
    expect(secrets.seal('a', 'outbound', 'whsec_p')).toBe('whsec_p');
  });

  it('opens what it sealed; names the unreadable one, and still gives the readable ones', () => {
    const { secrets } = sut(k2, [], []);
    const sealed = secrets.seal('a', 'outbound', 'whsec_new');
    expect(sealed).toMatch(/^enc:v1:/);
    expect(secrets.open('a', 'outbound', [sealed, 'whsec_plain'])).toEqual(['whsec_new', 'whsec_plain']);
    const lost = new SecretBox(k1).seal('whsec_old', ctx('a', 'outbound'));
    expect(() => secrets.open('a', 'outbound', [sealed, lost])).toThrow(SecretUnreadableError);
    expect(() => secrets.open('a', 'outbound', [lost])).toThrow(
      `The signing secret cannot be decrypted: sealed under key ${keyIdOf(k1)}`,
    );
    const partial = secrets.openReadable('a', 'outbound', [lost, sealed]);
    expect(partial.secrets).toEqual(['whsec_new']);
    expect(partial.unreadable).toBeInstanceOf(SecretUnreadableError);
    expect(secrets.readable('a', 'outbound', lost)).toBe(false);
    expect(secrets.readable('b', 'outbound', sealed)).toBe(false); // another manufacturer's context
  });
});
