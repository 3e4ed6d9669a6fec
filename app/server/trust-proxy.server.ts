// TRUST_PROXY: how far express may believe X-Forwarded-For (docs/decisions/011-http-edges.md). A client
// can write that header itself, so trusting it wholesale (`true`) lets anyone pick the address that sign-in
// throttling and the audit log see. We trust either a number of proxy hops in front of us (each appends
// the address it received from), or the proxies' own addresses; never the whole header.

/** A hop count (0 = no proxy: the socket's address is the client's) or the proxies' addresses/subnets. */
export type TrustProxy = number | string[];

const MAX_HOPS = 10;
const ADDRESS_OR_SUBNET = /^[0-9a-f.:]+(?:\/\d{1,3})?$/i;
// express's named ranges ("loopback", "uniquelocal"...) are lists of addresses too.
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Reads TRUST_PROXY; throws at boot on anything else, so a typo cannot quietly trust every client. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "") return 0;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new Error(`TRUST_PROXY: ${hops} proxy hops is more than any real deployment; use at most ${MAX_HOPS}`);
    return hops;
  }
  const entries = text.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (!ADDRESS_OR_SUBNET.test(entry) && !NAMED_RANGES.has(entry)) {
      throw new Error(`TRUST_PROXY: expected a number of proxy hops or a comma-separated list of proxy addresses, got "${entry}"`);
    }
  }
  return entries;
}
