// Secrets (webhook URLs, tokens, session webhooks) never reach logs: at most a recognisable stub.

/** "https://oapi.dingtalk.com/robot/send?access_token=…" → origin + path + first 4 chars of the query value. */
export function maskUrl(raw: string | null | undefined): string {
  if (!raw) return "";
  try {
    const url = new URL(raw);
    const first = [...url.searchParams.values()][0] ?? "";
    return `${url.origin}${url.pathname}${first ? `?…${first.slice(0, 4)}…` : ""}`;
  } catch {
    return "<invalid url>";
  }
}

export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return "";
  return secret.length <= 8 ? "***" : `${secret.slice(0, 4)}…(${secret.length})`;
}
