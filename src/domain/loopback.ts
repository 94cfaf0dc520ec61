// Is a host name or address this machine only? Decides where the simulator may run and which Host
// headers may name the public origin. Names are not resolved: only "localhost" itself counts.
import { BlockList, isIP } from "node:net";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** A bare host, an IPv6 literal in brackets, or host:port (as in a Host header or URL host). */
export function isLoopbackHost(host: string): boolean {
  const h = hostPart(host.trim().toLowerCase());
  return h === "localhost" || isLoopbackAddress(h);
}

/** A socket address such as req.socket.remoteAddress (IPv4-mapped IPv6 included). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(a);
  return family !== 0 && loopback.check(a, family === 4 ? "ipv4" : "ipv6");
}

function hostPart(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]"));
  const colons = host.split(":").length - 1;
  return colons === 1 ? host.slice(0, host.indexOf(":")) : host; // several colons: a bare IPv6 address
}
