import { parse } from 'pg-connection-string';
import type { PoolSettings } from './connection-options';
import { ConnectionError, UsageError } from '../errors';

/** `scheme://` at the very start; a scheme cannot hold a password, anything after it can. */
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Query parameters of a postgres:// URL that pg understands (pg-connection-string turns
 * them into client options). Anything else would be passed on and silently ignored.
 */
const URL_PARAMETERS = new Set([
  'host', 'port', 'user', 'password', 'ssl', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'sslnegotiation',
  'uselibpqcompat', 'application_name', 'fallback_application_name', 'options', 'client_encoding',
]);

/** A host name, an IPv4 or IPv6 address (brackets already removed), or a Unix socket directory. */
const HOST = /^(?:[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?|\/.*)$/;

const SHAPE = 'Expected postgres://user:password@host:port/database (percent-encode special characters of the user name and password: @ as %40, : as %3A, / as %2F), or pglite://memory.';
const NOT_REPEATED = 'The URL is not repeated here because it may hold a password.';

/** The parts of a postgres:// URL, as pg client options (only those the URL sets). */
export type UrlConnection = Pick<PoolSettings, 'host' | 'port' | 'user' | 'password' | 'database' | 'ssl' | 'application_name' | 'options' | 'client_encoding'> & { fallback_application_name?: string };

/** True for `pglite:` URLs (handled by the embedded driver, never by pg). */
export function isPgliteUrl(url: string): boolean {
  return /^pglite:/i.test(url);
}

/**
 * Parses a postgres:// or postgresql:// URL with pg's own parser (pg-connection-string),
 * so `?host=/socket/dir`, `sslmode`, `sslrootcert`, `application_name`, `options` and
 * IPv6 hosts (`[::1]`) mean what they mean to pg and libpq.
 *
 * A malformed URL is refused with an error that names what is wrong and repeats no part of
 * the URL: whichever part the parser got wrong may be the password.
 */
export function parsePostgresUrl(url: string): UrlConnection {
  const scheme = SCHEME.exec(url);
  if (!scheme) throw new ConnectionError(`Cannot parse the connection URL: it does not start with postgres:// or postgresql://. ${SHAPE} ${NOT_REPEATED}`);
  const protocol = scheme[1].toLowerCase();
  if (protocol !== 'postgres' && protocol !== 'postgresql') {
    throw new UsageError(`Unsupported connection URL scheme: use postgres://, postgresql:// or pglite://. ${NOT_REPEATED}`);
  }
  // The user info ends at the last '@' for the WHATWG parser but at the first for libpq:
  // with two, which part is the password is a guess, so refuse rather than guess.
  const afterScheme = url.slice(scheme[0].length);
  const authority = afterScheme.slice(0, firstIndexOf(afterScheme, '/?#'));
  if (authority.indexOf('@') !== authority.lastIndexOf('@')) {
    throw new ConnectionError(`Cannot parse the connection URL: more than one '@' before the host. Percent-encode '@' in the user name or password as %40. ${NOT_REPEATED}`);
  }
  // An '@' after the host means a '/', '?' or '#' in the password ended the user info early
  // ('postgres://u:2024/secret@h/db' reads as port 2024, database 'secret@h/db').
  const rest = afterScheme.slice(authority.length);
  const query = rest.indexOf('?');
  const hash = rest.indexOf('#');
  const path = rest.slice(0, query >= 0 ? query : hash >= 0 ? hash : rest.length);
  if (path.includes('@') || (hash >= 0 && rest.slice(hash).includes('@'))) {
    throw new ConnectionError(`Cannot parse the connection URL: an '@' after the host. Percent-encode '/', '?', '#' and '@' in the user name or password (%2F, %3F, %23, %40). ${NOT_REPEATED}`);
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(url);
  } catch {
    // No cause attached: URL errors carry the input.
    throw new ConnectionError(`Cannot parse the connection URL. ${SHAPE} ${NOT_REPEATED}`);
  }
  const unknown = queryParameterNames(url).filter((k) => !URL_PARAMETERS.has(k));
  if (unknown.length > 0) {
    // Parameter names are shown only when they look like names (a mangled URL could put a secret there).
    const names = unknown.every((k) => /^[a-z_]{1,40}$/.test(k)) ? `: ${unknown.join(', ')}` : '';
    throw new UsageError(`The connection URL has query parameters that Inscribe does not pass to PostgreSQL${names}. Known: ${[...URL_PARAMETERS].join(', ')}.`);
  }
  const out: UrlConnection = {};
  if (parsed.host) {
    if (!HOST.test(parsed.host)) throw new ConnectionError(`Cannot parse the connection URL: the host is not a host name, an IP address ([::1] for IPv6) or a socket directory (?host=/path). ${SHAPE} ${NOT_REPEATED}`);
    out.host = parsed.host;
  }
  if (parsed.port !== undefined && parsed.port !== null && parsed.port !== '') {
    const port = Number(parsed.port);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConnectionError(`Cannot parse the connection URL: the port is not a number from 1 to 65535. ${SHAPE} ${NOT_REPEATED}`);
    out.port = port;
  }
  if (parsed.user) out.user = parsed.user;
  if (parsed.password) out.password = parsed.password;
  if (parsed.database) out.database = parsed.database;
  if (parsed.ssl !== undefined) out.ssl = parsed.ssl as PoolSettings['ssl'];
  if (typeof parsed.application_name === 'string') out.application_name = parsed.application_name;
  if (typeof parsed.fallback_application_name === 'string') out.fallback_application_name = parsed.fallback_application_name;
  if (typeof parsed.options === 'string') out.options = parsed.options;
  if (typeof parsed.client_encoding === 'string') out.client_encoding = parsed.client_encoding;
  return out;
}

function firstIndexOf(s: string, chars: string): number {
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return i;
  return s.length;
}

/** The URL's query parameter names (pg-connection-string copies every one into its result). */
function queryParameterNames(url: string): string[] {
  const q = url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1).replace(/#.*$/, '')).keys()];
}
