import { AppError } from "../../errors.ts";
import type { CommandEnv } from "../env.ts";

export function requireGroup(env: CommandEnv) {
  if (!env.group) throw new AppError("group_only", { userMessage: "请在要操作的群里@我发送这条命令。" });
  return env.group;
}
