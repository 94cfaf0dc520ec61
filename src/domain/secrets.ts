/** A secret-bearing URL shown to people: scheme and host only, the rest starred. */
export function maskSecretUrl(url: string): string {
  try {
    const u = new URL(url);
    const tail = (u.search || u.pathname).slice(-4);
    return `${u.protocol}//${u.host}/****${tail.replace(/[^A-Za-z0-9]/g, "")}`;
  } catch {
    return "****";
  }
}
