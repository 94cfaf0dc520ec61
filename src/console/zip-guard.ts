// An .xlsx is a zip: a few KB can inflate to gigabytes. Before exceljs inflates the parts into memory,
// they are inflated here as a stream and counted, and the upload is refused once the count passes the
// limit (sizes the zip declares are not trusted: it is the bytes that come out that count).
import JSZip from "jszip";
import { AppError } from "../errors.ts";

/** 20,000 rows of a real roster (a dozen columns of text) inflate to well under this. */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;
const MAX_PARTS = 500;

const tooLarge = () =>
  new AppError("file_too_large", {
    userMessage: `Excel 文件解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，无法导入。请删除多余的工作表、空白行列和格式后重新保存，或分批导入。`,
    status: 413,
  });

/** 400 if the body is not a readable zip, 413 if its parts inflate to more than `max` bytes in all. */
export async function checkUnzippedSize(body: Buffer, max = MAX_UNZIPPED_BYTES): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(body);
  } catch {
    throw new AppError("bad_file", { userMessage: "无法读取该 Excel 文件，请使用 .xlsx 格式（可先下载模板）", status: 400 });
  }
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  if (parts.length > MAX_PARTS) throw tooLarge();
  let total = 0;
  for (const part of parts) {
    total += await inflatedSize(part, max - total).catch((err: unknown) => {
      if (err instanceof AppError) throw err;
      throw new AppError("bad_file", { userMessage: "Excel 文件已损坏，无法读取，请重新保存后再导入。", status: 400 });
    });
  }
}

/** Bytes one part inflates to, counted chunk by chunk; inflating stops as soon as `budget` is passed. */
function inflatedSize(part: JSZip.JSZipObject, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const stream = part.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) {
        stream.pause();
        stream.removeAllListeners("data");
        reject(tooLarge());
      }
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(n));
  });
}
