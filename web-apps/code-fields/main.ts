// The code-fields page's behaviour: the frame comes from the server's other origin (so it is
// cross-origin on whichever one the page was opened), and "Verify" shows the code the six boxes
// hold, so a filler's result is visible in the page.
import { showFatal } from '../shared/runtime-config';

async function start(): Promise<void> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const { crossOrigin } = (await response.json()) as { crossOrigin: string };
  document.querySelector<HTMLIFrameElement>('[data-testid="cross-origin-frame"]')!.src = `${crossOrigin}/code-fields/frame.html`;
  const form = document.querySelector<HTMLFormElement>('#verify-form')!;
  form.onsubmit = (event) => {
    event.preventDefault();
    const digits = [...form.querySelectorAll<HTMLInputElement>('[data-testid="split-code"] input')].map((box) => box.value);
    const out = document.querySelector<HTMLElement>('[data-testid="submitted-code"]')!;
    out.textContent = digits.join('');
    out.hidden = false;
  };
}

start().catch(showFatal);
