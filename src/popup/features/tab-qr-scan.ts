// "Scan the QR code on this tab", run by the popup (an extension page), never by the web page:
// the visible tab is captured as an image (tabs.captureVisibleTab, allowed by the activeTab grant
// that the click on the toolbar button gives) and decoded with the pages' one QR decoder
// (src/ui/qr-decode.ts). Nothing is injected into the page and the page is sent nothing; it
// cannot tell it was captured.
//
// Why here and not in the background: jsQR is about 45 KB gzipped, as much as the rest of the
// worker together, and a service worker cannot load code on demand (no import()); the popup
// imports this module with import() when the person clicks "scan", so neither the worker nor the
// popup's first paint carries the decoder.
import browser from 'webextension-polyfill';
import { otpauthTextsFromQr } from '../../shared/qr-payload';
import { decodeQrImage, QrDecodeError } from '../../ui/qr-decode';

/**
 * Captures the active tab of the popup's window and returns the otpauth texts of its QR code
 * (none when its QR code holds no usable one). Throws QrDecodeError: 'errorTabCapture' when the
 * browser refuses the capture (a browser page, or no toolbar click on this tab), 'errorNoQrOnTab'
 * when the tab shows no QR code.
 */
export async function scanVisibleTab(): Promise<string[]> {
  let capture: Blob;
  try {
    // No window id: the current window, the one whose toolbar button opened the popup.
    const dataUrl = await browser.tabs.captureVisibleTab(undefined as unknown as number, { format: 'png' });
    // Decoded by hand, not with fetch(dataUrl): the extension's CSP (connect-src) refuses data: URLs.
    const parts = /^data:(image\/png);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
    if (!parts) throw new Error('not a PNG data: URL');
    capture = new Blob([Uint8Array.from(atob(parts[2]!), (c) => c.charCodeAt(0))], { type: parts[1]! });
  } catch {
    throw new QrDecodeError('errorTabCapture');
  }
  const text = await decodeQrImage(capture);
  if (text === undefined) throw new QrDecodeError('errorNoQrOnTab');
  return otpauthTextsFromQr([text]);
}
