/**
 * A strict, dependency-free check for absolute http(s) URLs, without the `URL` global (the build has
 * no DOM or Node types): scheme, host name / IPv4 / bracketed IPv6, optional port, then anything
 * without whitespace. No user-info (`user:pass@`).
 */
const HTTP_URL =
  /^(https?):\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?:[/?#][^\s]*)?$/i;

/** Whether `value` is an absolute `http://` or `https://` URL (only https when `httpsOnly`). */
export function isHttpUrl(value: unknown, httpsOnly = false): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  const m = HTTP_URL.exec(value);
  if (!m) return false;
  if (httpsOnly && m[1]?.toLowerCase() !== 'https') return false;
  return m[2] === undefined || Number(m[2]) <= 65535;
}
