import { refusal, urlRefusal } from './address-policy.js';

const NONE = { allowLoopback: false, allowPrivate: false };
const LOOPBACK = { allowLoopback: true, allowPrivate: false };
const ALL = { allowLoopback: true, allowPrivate: true };

describe('outbound address policy', () => {
  it.each(['127.0.0.1', '127.10.0.5', '::1', '::ffff:127.0.0.1'])(
    '%s is loopback: refused unless allowed',
    (ip) => {
      expect(refusal(ip, NONE)).toMatch(/loopback/);
      expect(refusal(ip, LOOPBACK)).toBeNull();
    },
  );

  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    'fd00::1',
    'fe80::1',
    '::',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('%s is private or reserved: refused unless allowed', (ip) => {
    expect(refusal(ip, LOOPBACK)).toMatch(/private or reserved/);
    expect(refusal(ip, ALL)).toBeNull();
  });

  it.each(['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700::1111'])('%s is public: allowed', (ip) => {
    expect(refusal(ip, NONE)).toBeNull();
  });

  it('checks URLs before any DNS: scheme, credentials, literal addresses, localhost', () => {
    expect(urlRefusal('https://rma.vendor.example/hook', NONE)).toBeNull();
    expect(urlRefusal('ftp://rma.vendor.example/', NONE)).toMatch(/http/);
    expect(urlRefusal('https://user:pw@rma.vendor.example/', NONE)).toMatch(/credentials/);
    expect(urlRefusal('http://127.0.0.1:4010/rma', NONE)).toMatch(/loopback/);
    expect(urlRefusal('http://127.0.0.1:4010/rma', LOOPBACK)).toBeNull();
    expect(urlRefusal('http://[::1]:4010/', NONE)).toMatch(/loopback/);
    expect(urlRefusal('http://localhost:4010/', NONE)).toMatch(/loopback/);
    expect(urlRefusal('http://10.0.0.8/', LOOPBACK)).toMatch(/private/);
    expect(urlRefusal('not a url', ALL)).toMatch(/valid URL/);
  });
});
