// Webhook URLs carry their secret in the query: logs get a stub that tells two groups apart, no more.

/** "https://host/cgi-bin/webhook/send?key=abcd****" — every query value cut to its first 4 characters. */
export function maskUrl(raw: string | null | undefined): string {
  if (!raw) return "(none)";
  try {
    const u = new URL(raw);
    for (const [k, v] of u.searchParams) u.searchParams.set(k, v.length > 4 ? `${v.slice(0, 4)}****` : "****");
    return `${u.origin}${u.pathname}?${decodeURIComponent(u.searchParams.toString())}`;
  } catch {
    return "(invalid url)";
  }
}
