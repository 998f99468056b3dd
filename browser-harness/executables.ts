// Where the browsers are: Debian's packages (`chromium`, `firefox-esr`), never a downloaded copy
// (../shared/docs/toolchain.md). Every launcher (e2e, bench, demo, web-app suites, store assets)
// reads these, so a machine with the browsers elsewhere changes one file.
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';
export const FIREFOX_EXECUTABLE = '/usr/bin/firefox-esr';
