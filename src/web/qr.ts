import QRCode from "qrcode";

// Error correction M survives a scuffed, sun-faded poster while keeping the code coarse enough for cheap cameras.
const OPTIONS = { errorCorrectionLevel: "M" as const, margin: 2 };

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: "svg" });
}

export function qrPng(url: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: "png", width });
}
