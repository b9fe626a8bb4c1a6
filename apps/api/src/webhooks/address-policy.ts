import { BlockList, isIP } from 'node:net';

/** Which outbound addresses webhooks may reach besides the public internet. */
export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Private, link-local, shared, reserved and multicast ranges: never the public internet. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** `::ffff:10.0.0.1` is 10.0.0.1. */
function unmap(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Why an address is refused, or null when the policy allows it. */
export function refusal(address: string, policy: AddressPolicy): string | null {
  const ip = unmap(address.replace(/^\[|\]$/g, ''));
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) {
    return policy.allowLoopback ? null : `${address} is a loopback address; webhooks to it are not allowed`;
  }
  if (PRIVATE.check(ip, type)) {
    return policy.allowPrivate
      ? null
      : `${address} is in a private or reserved range; webhooks to it are not allowed`;
  }
  return null;
}

/**
 * Checks a URL before any DNS: scheme, no credentials, and a literal IP host (which the resolver
 * hook never sees) against the policy; `localhost` counts as loopback. null when allowed so far.
 */
export function urlRefusal(url: string, policy: AddressPolicy): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs are allowed';
  if (u.username || u.password) return 'credentials in the URL are not allowed';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return refusal(host, policy);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return policy.allowLoopback ? null : 'localhost is a loopback address; webhooks to it are not allowed';
  }
  return null;
}
