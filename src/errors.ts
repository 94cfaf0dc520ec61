/** An error with a message for the logs and one for the person in the chat or console. */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly status: number;

  constructor(code: string, opts: { userMessage: string; message?: string; status?: number }) {
    super(opts.message ?? opts.userMessage);
    this.code = code;
    this.userMessage = opts.userMessage;
    this.status = opts.status ?? 400;
  }
}

export const notFound = (number: number) => new AppError("not_found", { userMessage: `没有找到编号 #${number} 的事项，请核对编号。`, status: 404 });

export const forbidden = (userMessage: string) => new AppError("forbidden", { userMessage, status: 403 });
