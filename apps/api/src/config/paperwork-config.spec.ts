import { ConfigError, loadConfig } from './config.js';

describe('paperwork configuration', () => {
  it('keeps mail unsent without SMTP_URL and limits attachments to 10 MB, 10 per ticket', () => {
    const c = loadConfig({ DATA_DIR: '/srv/rma' });
    expect(c.mail.smtpUrl).toBeNull();
    expect(c.attachments).toMatchObject({
      dir: '/srv/rma/attachments',
      maxBytes: 10 * 1024 * 1024,
      maxPerTicket: 10,
    });
    expect(c.attachments.linkSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.attachments.linkSecret).not.toBe(c.jwtSecret);
    expect(c.distributor.returnAddress.split('\n')).toHaveLength(4);
  });

  it('reads SMTP, the sender, staff recipients and a multi-line return address', () => {
    const c = loadConfig({
      SMTP_URL: 'smtps://user:pw@mail.example:465',
      MAIL_FROM: 'RMA <rma@example.com>',
      MAIL_STAFF_TO: 'a@example.com, b@example.com',
      DISTRIBUTOR_RETURN_ADDRESS: 'Hub\\nStreet 1',
    });
    expect(c.mail).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example:465',
      staffTo: ['a@example.com', 'b@example.com'],
    });
    expect(c.distributor.returnAddress).toBe('Hub\nStreet 1');
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ MAIL_STAFF_TO: 'ok@example.com, nope' }, 'MAIL_STAFF_TO'],
    [{ MAIL_RETRY_SCHEDULE: 'soon' }, 'MAIL_RETRY_SCHEDULE'],
    [{ MAIL_TIMEOUT_MS: '5000', MAIL_LOCK_MS: '5000' }, 'MAIL_LOCK_MS'],
    [{ ATTACHMENT_MAX_BYTES: '0' }, 'ATTACHMENT_MAX_BYTES'],
    [{ ATTACHMENTS_PER_TICKET: '1000' }, 'ATTACHMENTS_PER_TICKET'],
    [{ ATTACHMENT_LINK_SECRET: 'short' }, 'ATTACHMENT_LINK_SECRET'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
