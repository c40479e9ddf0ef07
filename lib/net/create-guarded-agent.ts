import "server-only";
import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { findBlockedHostname } from "./check-outbound-url";
import { findBlockedRange } from "./find-blocked-range";
import { OutboundBlockedError } from "./outbound-errors";
import { defaultPort, isHostAllowed, type AllowedHost } from "./parse-allow-hosts";

/** Resolves a hostname to all its addresses (the system resolver by default; tests inject their own). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardedAgentOptions {
  allow: readonly AllowedHost[];
  resolveHost?: ResolveHost;
  connectTimeoutMs?: number;
}

const systemResolve: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for net/tls.connect that resolves once and hands the socket exactly the addresses it checked: the
 * check and the connect use the same answer, so DNS rebinding between them is impossible. One blocked address
 * among several refuses the host (a public name has no business resolving to a private address).
 */
function createLookup(resolve: ResolveHost, check: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        if (check) {
          for (const { address } of all) {
            const range = findBlockedRange(address);
            if (range) {
              const message = `Host ${hostname} resolves to a non-public address (${range})`;
              return callback(new OutboundBlockedError("blocked_address", message, hostname), "", 0);
            }
          }
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family ? all.filter((a) => a.family === family) : all;
        const first = usable[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error(`No address found for ${hostname}`);
          err.code = "ENOTFOUND";
          return callback(err, "", 0);
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/**
 * An undici Agent whose every connection is checked at connect time: IP literals and blocked names are refused
 * before any socket exists; hostnames are resolved by the checking `lookup` above; the connected socket's remote
 * address is checked once more as a backstop. Hosts in the allow list skip the address checks (not the resolver).
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const resolve = options.resolveHost ?? systemResolve;
  const timeout = options.connectTimeoutMs ?? 10_000;
  const checked = buildConnector({ timeout, lookup: createLookup(resolve, true) });
  const trusted = buildConnector({ timeout, lookup: createLookup(resolve, false) });

  const connect: buildConnector.connector = (opts, callback) => {
    const host = opts.hostname;
    const port = Number(opts.port) || defaultPort(opts.protocol);
    if (isHostAllowed(options.allow, host, port)) return trusted(opts, callback);

    const literalRange = isIP(host) ? findBlockedRange(host) : null;
    const blockedName = isIP(host) ? null : findBlockedHostname(host);
    if (literalRange || blockedName) {
      const reason = literalRange ? "blocked_address" : "blocked_hostname";
      const error = new OutboundBlockedError(reason, `Connection to ${host} refused`, host);
      queueMicrotask(() => callback(error, null));
      return;
    }
    checked(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error("connect failed"), null);
      const remote = socket.remoteAddress;
      const range = remote ? findBlockedRange(remote) : "unknown";
      if (range) {
        socket.destroy();
        return callback(new OutboundBlockedError("blocked_address", `Connected to a non-public address (${range})`, host), null);
      }
      callback(null, socket);
    });
  };

  // No cap per origin: thousands of long generations can end together with their result images on one host,
  // and the callers bound how many fetches run (ARCHIVE_CONCURRENCY, requests in flight). A cap here would
  // only queue them unseen behind each other. Idle sockets go soon: these hosts are not ours.
  return new Agent({ connect, keepAliveTimeout: 4_000 });
}
