// Chromium's offscreen document for src/background/clipboard-clear.ts: empties the clipboard when
// the background asks. navigator.clipboard needs a focused document, which an offscreen one never
// is, so it copies through execCommand('copy') and sets the copied text to '' in the copy event.
// It reads nothing and holds nothing; the background closes it right after.
chrome.runtime.onMessage.addListener(function (message, sender, sendResponse) {
  if (!message || message.target !== 'offscreen-clipboard' || message.type !== 'clear') return undefined;
  if (sender.id !== chrome.runtime.id) return undefined;
  function onCopy(event) {
    event.clipboardData.setData('text/plain', '');
    event.preventDefault();
  }
  document.addEventListener('copy', onCopy);
  var cleared = false;
  try { cleared = document.execCommand('copy'); } finally { document.removeEventListener('copy', onCopy); }
  sendResponse({ cleared: cleared });
  return undefined;
});
