// A React controlled code field, bundled for the page by the code-fill suite: React keeps the
// value in its own state and shows it in an <output>, so a test can see whether React (not only
// the DOM) got the filled code. Amplify UI reads its fields from the DOM on submit, so it would
// not notice a fill React missed; this field does.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function CodeField() {
  const [code, setCode] = useState('');
  return (
    <form>
      <label>Authenticator code <input id="react-code" autoComplete="one-time-code" value={code} onChange={(event) => setCode(event.target.value)} /></label>
      <output id="react-state">{code}</output>
    </form>
  );
}

export function mount(element: HTMLElement): void {
  createRoot(element).render(<CodeField />);
}
(globalThis as { __mountReactCodeField?: unknown }).__mountReactCodeField = mount;
