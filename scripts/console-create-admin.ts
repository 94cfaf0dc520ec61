// `npm run console:create-admin -- <username>`: the first (or another) console administrator.
// The password comes from CONSOLE_ADMIN_PASSWORD or standard input, never from the command line.
import path from "node:path";
import { loadConfig, ConfigError } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { createAccount } from "../src/console/accounts.ts";
import { AppError } from "../src/errors.ts";

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("请输入密码（至少 10 位，含字母和数字），回车结束：");
  let data = "";
  for await (const chunk of process.stdin) {
    data += chunk;
    if (data.includes("\n")) break;
  }
  return data.split("\n")[0].trim();
}

const username = process.argv[2];
if (!username || !/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
  console.error("用法：npm run console:create-admin -- <用户名>（3–32 位字母、数字、下划线、点或连字符）");
  process.exit(1);
}
try {
  const config = loadConfig(process.env);
  const password = process.env.CONSOLE_ADMIN_PASSWORD || (await readStdin());
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, "pglite") });
  try {
    await db.migrate();
    const account = await createAccount(db.prisma, { username, password, role: "admin", stationIds: [] });
    await db.prisma.auditLog.create({ data: { actor: "cli", action: "account.create", target: `account:${account.username}`, detail: { role: "admin" } } });
    console.log(`已创建管理员账号「${account.username}」，请打开 /console 登录。`);
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(
    err instanceof ConfigError
      ? err.message
      : err instanceof AppError
        ? `创建失败：${err.userMessage}`
        : `创建失败：${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
}
