// mdbrief drives Debian's Chromium (/usr/bin/chromium); puppeteer must never try to download a browser.
module.exports = { skipDownload: true };
