// The extension pages' one QR decoder, for image files (options page) and tab captures (popup):
// the image is drawn on a canvas, scaled down when large (jsQR reads every pixel; QR codes survive
// the scaling), and read with jsQR, light-on-dark codes included. Runs in the page that needs it,
// never in the web page and never in the worker (jsQR is as big as the rest of the worker).
import jsQR from 'jsqr';

/** Longest side of the pixels jsQR is given. */
const MAX_DECODE_SIDE = 1600;

/** A QR image that could not be read; `key` names the sentence in _locales to show. */
export class QrDecodeError extends Error {
  override name = 'QrDecodeError';
  constructor(readonly key: 'errorImageNotAnImage' | 'errorTabCapture' | 'errorNoQrOnTab') {
    super(key);
  }
}

/** The text of the QR code in `image` (PNG, JPEG, WebP, GIF), or undefined when it shows none. */
export async function decodeQrImage(image: Blob): Promise<string | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch {
    throw new QrDecodeError('errorImageNotAnImage');
  }
  const scale = Math.min(1, MAX_DECODE_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new QrDecodeError('errorImageNotAnImage');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
}
