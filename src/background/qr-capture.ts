// scan-tab-qr: captures the visible tab (activeTab permission, granted by the click on the
// extension's action) and decodes the QR code in the background itself (OffscreenCanvas and
// createImageBitmap exist in the service worker), so nothing is injected into the page.
import jsQR from 'jsqr';
import { AppError } from './errors';

/** Texts of the QR codes found in RGBA pixels (jsQR reports the most prominent one). */
export function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): string[] {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' });
  return found?.data ? [found.data] : [];
}

/** Decodes an image data URL (PNG/JPEG). Browser contexts only: needs createImageBitmap. */
export async function decodeQrDataUrl(dataUrl: string): Promise<string[]> {
  if (!/^data:image\/(png|jpeg|webp|gif);base64,/.test(dataUrl)) {
    throw new AppError('invalid-request', 'The image must be a PNG, JPEG, WebP or GIF data: URL.');
  }
  const blob = await (await fetch(dataUrl)).blob();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new AppError('qr-not-found', 'The image could not be decoded.');
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new AppError('internal', 'No 2D canvas is available to read the image.');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return decodeQrPixels(image.data, image.width, image.height);
}

export function otpauthUrisIn(texts: string[]): string[] {
  return texts.filter((t) => /^otpauth(-migration)?:\/\//i.test(t.trim())).map((t) => t.trim());
}

export async function scanTabQr(captureTab: () => Promise<string>, decode: (dataUrl: string) => Promise<string[]>): Promise<string[]> {
  let dataUrl: string;
  try {
    dataUrl = await captureTab();
  } catch {
    throw new AppError('qr-not-found',
      'The tab could not be captured: open the extension from the toolbar on the tab showing the QR code (browser pages cannot be captured).');
  }
  const uris = otpauthUrisIn(await decode(dataUrl));
  if (uris.length === 0) throw new AppError('qr-not-found', 'No otpauth:// QR code is visible in this tab.');
  return uris;
}
