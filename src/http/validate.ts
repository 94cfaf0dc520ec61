import { z } from "zod";
import { AppError } from "../errors.ts";

z.config(z.locales.zhCN());

export class ValidationError extends AppError {
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super("invalid_input", {
      userMessage:
        "输入有误：" +
        Object.entries(fields)
          .map(([k, v]) => `${k}：${v}`)
          .join("；"),
      status: 400,
    });
    this.fields = fields;
  }
}

/** Parses input or throws a 400 with a Chinese reason per field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join(".") || "(请求体)";
    fields[key] ??= issue.message;
  }
  throw new ValidationError(fields);
}
