import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js';
import request from 'supertest';
import {
  grandstreamDefect,
  RESELLER_A,
  RESELLER_B_ADMIN,
  STAFF,
  STAFF_ADMIN,
  startHarness,
  type Harness,
} from './harness.js';
import { TestReceiver } from './support/receiver.js';

const MAX_BYTES = 64 * 1024;
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]),
  Buffer.alloc(600, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ZIP = Buffer.from(
  'UEsDBBQAAAAIAGOOd12stVs/EQAAAPAAAAAPAAAAbG9ncy9zeXNsb2cudHh0S8rPL1FIS8zMSU3hShoBbABQSwECFAMUAAAACABjjnddrLVbPxEAAADwAAAADwAAAAAAAAAAAAAAgAEAAAAAbG9ncy9zeXNsb2cudHh0UEsFBgAAAAABAAEAPQAAAD4AAAAAAA==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90), Buffer.from('PE\0\0')]);

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

/**
 * Attachments on tickets: multipart upload, limits from configuration (here 64 KB each, 3 per ticket),
 * types decided by content, downloads by the ticket's tenant and staff only, and the signed expiring
 * links in the manufacturer's webhook payload.
 */
describe('attachments (e2e)', () => {
  let h: Harness;
  let png: Buffer;
  const receiver = new TestReceiver();

  beforeAll(async () => {
    png = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'photo' });
    await receiver.start();
    h = await startHarness({
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      ATTACHMENTS_PER_TICKET: '3',
      ATTACHMENT_LINK_TTL_HOURS: '168',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_SWEEP_MS: '100',
      WEBHOOK_RETRY_SCHEDULE: '0',
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await h.reset();
    receiver.clear();
    // The tables are emptied; so is the store, so each test sees only its own files.
    rmSync(h.config.attachments.dir, { recursive: true, force: true });
    mkdirSync(h.config.attachments.dir);
  });

  const as = (email: string) => h.as(email);

  const binary = (r: request.Test) =>
    r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  async function draft(): Promise<string> {
    const res = await (await as(RESELLER_A)).post('/tickets', grandstreamDefect()).expect(201);
    return res.body.id as string;
  }

  /** Nothing was kept: no row, and no file in the store or its spool. */
  /** Nothing kept: no file, the spool included, as soon as the answer came; and no row. */
  async function nothingStored() {
    expect(filesUnder(h.config.attachments.dir)).toEqual([]);
    expect(await h.count('ticket_attachments')).toBe(0);
  }

  it('stores photos and a proof of purchase, lists them on the ticket, and gives them back to the tenant and staff only', async () => {
    const id = await draft();
    const a = await as(RESELLER_A);
    const photos = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'front.jpg')
      .attach('file', png, { filename: 'label.png', contentType: 'application/octet-stream' })
      .expect(201);
    expect(photos.body).toEqual([
      expect.objectContaining({
        kind: 'PHOTO',
        fileName: 'front.jpg',
        contentType: 'image/jpeg',
        size: JPEG.length,
      }),
      // Typed by its bytes, whatever the client claimed.
      expect.objectContaining({
        kind: 'PHOTO',
        fileName: 'label.png',
        contentType: 'image/png',
        size: png.length,
      }),
    ]);
    const proof = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PROOF_OF_PURCHASE')
      .attach('file', PDF, 'Reçu client.pdf')
      .expect(201);
    expect(proof.body[0]).toMatchObject({ contentType: 'application/pdf', fileName: 'Reçu client.pdf' });

    const ticket = await a.get(`/tickets/${id}`).expect(200);
    expect(ticket.body.attachments.map((x: { fileName: string }) => x.fileName)).toEqual([
      'front.jpg',
      'label.png',
      'Reçu client.pdf',
    ]);
    const listed = await (await as(STAFF)).get(`/tickets/${id}/attachments`).expect(200);
    expect(listed.body).toHaveLength(3);

    const pngId = photos.body[1].id as string;
    const mine = await binary(a.get(`/tickets/${id}/attachments/${pngId}`)).expect(200);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.headers['content-disposition']).toContain('attachment; filename="label.png"');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(mine.body as Buffer, png)).toBe(0);
    const pdf = await binary(a.get(`/tickets/${id}/attachments/${proof.body[0].id}`)).expect(200);
    expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''Re%C3%A7u%20client.pdf");
    await binary((await as(STAFF)).get(`/tickets/${id}/attachments/${pngId}`)).expect(200);

    // Another reseller: 404 for the file, the list and the upload, with the right ids.
    const b = await as(RESELLER_B_ADMIN);
    await b.get(`/tickets/${id}/attachments/${pngId}`).expect(404);
    await b.get(`/tickets/${id}/attachments`).expect(404);
    await b
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'x.jpg')
      .expect(404);
    // A real attachment id under another ticket of the same tenant is not found either.
    const other = await draft();
    await a.get(`/tickets/${other}/attachments/${pngId}`).expect(404);
    expect(await h.count('ticket_attachments')).toBe(3);
  });

  it('accepts a log as text or zip, and refuses a binary as a log', async () => {
    const id = await draft();
    const a = await as(RESELLER_A);
    const logs = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'LOG')
      .attach('file', Buffer.from('2026-11-02 12:00:01 kernel: boot failed\n'), 'syslog.txt')
      .attach('file', ZIP, 'logs.zip')
      .expect(201);
    expect(logs.body.map((x: { contentType: string }) => x.contentType)).toEqual([
      'text/plain',
      'application/zip',
    ]);
    const refused = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'LOG')
      .attach('file', PDF, 'report.pdf')
      .expect(415);
    expect(refused.body.errors).toEqual([
      {
        field: 'file[0]',
        message: 'report.pdf: a LOG attachment must be a text file or a zip; its content is application/pdf',
      },
    ]);
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const id = await draft();
    const res = await (
      await as(RESELLER_A)
    )
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'small.jpg')
      .attach('file', Buffer.concat([JPEG, Buffer.alloc(MAX_BYTES)]), 'huge.jpg')
      .expect(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'file: huge.jpg is larger than 65536 bytes',
      errors: [{ field: 'file', message: 'huge.jpg is larger than 65536 bytes' }],
    });
    await nothingStored();
  });

  it('refuses more attachments than a ticket holds, in one upload or over several, and keeps nothing more', async () => {
    const id = await draft();
    const a = await as(RESELLER_A);
    const four = a.upload(`/tickets/${id}/attachments`).field('kind', 'PHOTO');
    for (let i = 0; i < 4; i++) four.attach('file', JPEG, `p${i}.jpg`);
    const many = await four.expect(409);
    expect(many.body).toMatchObject({
      code: 'ATTACHMENT_LIMIT_REACHED',
      errors: [{ field: 'file', message: 'a ticket holds at most 3 attachments' }],
    });
    await nothingStored();

    await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'a.jpg')
      .attach('file', JPEG, 'b.jpg')
      .expect(201);
    const filesBefore = filesUnder(h.config.attachments.dir);
    const over = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'c.jpg')
      .attach('file', JPEG, 'd.jpg')
      .expect(409);
    expect(over.body.message).toBe(
      'file: a ticket holds at most 3 attachments; it has 2 and this upload adds 2',
    );
    expect(await h.count('ticket_attachments')).toBe(2);
    expect(filesUnder(h.config.attachments.dir).sort()).toEqual(filesBefore.sort());
  });

  it('decides the type by content: a .jpg that is not an image is refused with 415 and nothing is kept', async () => {
    const id = await draft();
    const a = await as(RESELLER_A);
    const exe = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', EXE, { filename: 'holiday.jpg', contentType: 'image/jpeg' })
      .expect(415);
    expect(exe.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(exe.body.errors[0].field).toBe('file[0]');
    expect(exe.body.errors[0].message).toMatch(/^holiday\.jpg: its content is application\/x-msdownload/);
    // Text is an accepted type, but not under an image's name; nor is an image's content a PDF.
    const text = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'OTHER')
      .attach('file', Buffer.from('not a picture'), { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(415);
    expect(text.body.errors[0].message).toBe(
      'photo.jpg: its name ends in .jpg but its content is text/plain',
    );
    // One bad file refuses the whole upload.
    await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('file', JPEG, 'good.jpg')
      .attach('file', Buffer.alloc(100, 0x00), 'blank.png')
      .expect(415);
    await nothingStored();
  });

  it('answers malformed uploads with a 4xx naming the field', async () => {
    const id = await draft();
    const a = await as(RESELLER_A);
    const wrongField = await a
      .upload(`/tickets/${id}/attachments`)
      .field('kind', 'PHOTO')
      .attach('photo', JPEG, 'x.jpg')
      .expect(400);
    expect(wrongField.body.errors[0]).toMatchObject({ field: 'photo' });
    const noKind = await a.upload(`/tickets/${id}/attachments`).attach('file', JPEG, 'x.jpg').expect(400);
    expect(noKind.body.errors[0].field).toBe('kind');
    const noFile = await a.upload(`/tickets/${id}/attachments`).field('kind', 'PHOTO').expect(400);
    expect(noFile.body.errors[0].field).toBe('file');
    // A body cut short: multer answers before the spooled file is removed, unless the interceptor
    // waits for it (it once left the file for a moment after the answer, nearly every time).
    for (let i = 0; i < 10; i++) {
      const truncated = await a
        .upload(`/tickets/${id}/attachments`)
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc')
        .expect(400);
      expect(truncated.body.errors[0].field).toBe('body');
      expect(filesUnder(h.config.attachments.dir)).toEqual([]);
    }
    await nothingStored();
  });

  it('puts signed, expiring links in the webhook payload that work without authentication until they expire', async () => {
    await (
      await as(STAFF_ADMIN)
    )
      .put('/manufacturers/dapustor/webhook-endpoint', { url: receiver.url(), payloadVersion: 1 })
      .expect(200);
    const a = await as(RESELLER_A);
    const lines = await a.get('/invoice-lines?sku=DS-H5100-3T8').expect(200);
    const serial = lines.body
      .map((l: { serialNumber: string }) => l.serialNumber)
      .find((sn: string) => sn.startsWith('DS2541A'));
    const t = await a
      .post('/tickets', {
        reason: 'DEFECT',
        customer: { name: 'Data Centre One' },
        product: { manufacturer: 'dapustor', sku: 'DS-H5100-3T8', serialNumber: serial },
        faultDescription: 'Drive drops off the bus',
      })
      .expect(201);
    const log = Buffer.from('smartctl: media errors 1021\n');
    await a
      .upload(`/tickets/${t.body.id}/attachments`)
      .field('kind', 'LOG')
      .attach('file', log, 'smart.log')
      .expect(201);
    await a.post(`/tickets/${t.body.id}/transitions`, { action: 'SUBMIT' }).expect(201);
    await receiver.waitFor(() => receiver.received.length === 1, 10_000, 'the webhook');
    const payload = JSON.parse(receiver.received[0]!.body);
    expect(payload.data.attachments).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'smart.log',
        contentType: 'text/plain',
        size: log.length,
        url: expect.stringMatching(/\/api\/v1\/attachments\/[0-9a-f-]{36}\/content\?expires=\d+&signature=/),
        expiresAt: expect.any(String),
      },
    ]);
    const link = new URL(payload.data.attachments[0].url);
    const path = `${link.pathname}${link.search}`;
    const got = await binary(request(h.http).get(path)).expect(200);
    expect((got.body as Buffer).toString()).toBe(log.toString());

    const forged = path.replace(/signature=.{4}/, 'signature=AAAA');
    const bad = await request(h.http).get(forged).expect(403);
    expect(bad.body.message).toMatch(/signature/);
    const longer = path.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 3600}`);
    await request(h.http).get(longer).expect(403);
    h.clock.travelDays(8);
    try {
      const late = await request(h.http).get(path).expect(403);
      expect(late.body.message).toMatch(/^This link expired at /);
      // Redelivered after the links lapsed: the delivery carries links signed again, which work.
      const [delivery] = await h.target.asOwner((o) =>
        o.query(`SELECT id FROM webhook_deliveries WHERE ticket_id = $1`, [t.body.id]),
      );
      await (await as(STAFF_ADMIN)).post(`/webhook-deliveries/${delivery.id}/redeliver`).expect(200);
      await receiver.waitFor(() => receiver.received.length === 2, 10_000, 'the redelivery');
      const again = JSON.parse(receiver.received[1]!.body);
      expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
      const fresh = new URL(again.data.attachments[0].url);
      expect(new Date(again.data.attachments[0].expiresAt).getTime()).toBeGreaterThan(
        h.clock.now().getTime(),
      );
      const relinked = await binary(request(h.http).get(`${fresh.pathname}${fresh.search}`)).expect(200);
      expect((relinked.body as Buffer).toString()).toBe(log.toString());
    } finally {
      h.clock.travelDays(-8);
    }
  });
});
