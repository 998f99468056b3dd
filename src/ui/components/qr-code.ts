/**
 * Draws an otpauth:// URI as a QR code on a canvas, for enrolling a second authenticator.
 * Rendered locally (qrcode package): the secret never leaves the extension. The library is
 * loaded only when a QR code is drawn, so the popup opens without it.
 */
import { h } from '../dom';

export async function qrCanvas(text: string, label: string, id?: string): Promise<HTMLCanvasElement> {
  const canvas = h('canvas', { class: 'qr', role: 'img', 'aria-label': label, id });
  const { default: QRCode } = await import('qrcode');
  await QRCode.toCanvas(canvas, text, { errorCorrectionLevel: 'M', margin: 1, width: 184 });
  return canvas;
}
