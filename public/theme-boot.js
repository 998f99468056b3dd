// Sets the page's theme before its first paint: a classic script at the top of <head> blocks
// rendering until it has run, where a module script (the page's own code) runs later and the page
// would flash in the other theme first. It reads the person's choice from the extension's
// localStorage, a synchronous mirror of the `theme` setting (the setting's home is the
// background's settings store; src/ui/theme.ts writes the mirror whenever a page learns it),
// and writes `data-theme="light|dark"` on <html>, which src/ui/styles.css styles.
// "system" (or nothing stored) follows prefers-color-scheme, also when it changes while the page
// is open; a choice made on another extension page arrives as a `storage` event, one made on
// this page as the `extension-theme-change` event src/ui/theme.ts dispatches.
// Plain JavaScript served as it is from public/, because a bundled module cannot block rendering.
(function () {
  'use strict';
  var KEY = 'theme';
  var media = window.matchMedia('(prefers-color-scheme: dark)');
  function chosen() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply() {
    var choice = chosen();
    var theme = choice === 'light' || choice === 'dark' ? choice : media.matches ? 'dark' : 'light';
    document.documentElement.setAttribute('data-theme', theme);
  }
  apply();
  media.addEventListener('change', apply);
  window.addEventListener('storage', function (event) { if (event.key === KEY || event.key === null) apply(); });
  document.addEventListener('extension-theme-change', apply);
})();
