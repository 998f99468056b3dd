// "Scan the QR code on this tab", run by the popup (an extension page), never by the web page:
// the visible tab is captured as an image (tabs.captureVisibleTab, allowed by the activeTab grant
// that the click on the toolbar button gives) and decoded here with jsQR. Nothing is injected
// into the page and the page is sent nothing; it cannot tell it was captured.
//
// Why here and not in the background: jsQR is about 45 KB gzipped, as much as the rest of the
// worker together, and a service worker cannot load code on demand (no import()); the popup
// imports this module with import() when the person clicks "scan", so neither the worker nor the
// popup's first paint carries the decoder.
import browser from 'webextension-polyfill';
import jsQR from 'jsqr';
import { otpauthTextsFromQr } from './qr-payload';

/** A scan that found nothing usable; `message` is for people. */
class TabQrScanError extends Error {
  override name = 'TabQrScanError';
}

/** Texts of the QR codes found in RGBA pixels (jsQR reports the most prominent one). */
function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): string[] {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' });
  return found?.data ? [found.data] : [];
}

/** Decodes the QR code in an image data: URL (PNG/JPEG/WebP/GIF). Browser contexts only. */
async function decodeQrDataUrl(dataUrl: string): Promise<string[]> {
  const parts = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!parts) throw new TabQrScanError('The image must be a PNG, JPEG, WebP or GIF data: URL.');
  let bitmap: ImageBitmap;
  try {
    // Decoded by hand, not with fetch(dataUrl): the extension's CSP (connect-src) refuses data: URLs.
    const bytes = Uint8Array.from(atob(parts[2]!), (c) => c.charCodeAt(0));
    bitmap = await createImageBitmap(new Blob([bytes], { type: parts[1]! }));
  } catch {
    throw new TabQrScanError('The captured image could not be decoded.');
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new TabQrScanError('No 2D canvas is available to read the image.');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return decodeQrPixels(image.data, image.width, image.height);
}

/** Captures the active tab of the popup's window and returns the otpauth URIs of its QR code. */
export async function scanVisibleTab(): Promise<string[]> {
  let dataUrl: string;
  try {
    // No window id: the current window, the one whose toolbar button opened the popup.
    dataUrl = await browser.tabs.captureVisibleTab(undefined as unknown as number, { format: 'png' });
  } catch {
    throw new TabQrScanError(
      'The tab could not be captured: open the extension from the toolbar on the tab showing the QR code (browser pages cannot be captured).');
  }
  const uris = otpauthTextsFromQr(await decodeQrDataUrl(dataUrl));
  if (uris.length === 0) throw new TabQrScanError('No otpauth:// QR code is visible in this tab.');
  return uris;
}
