/* The alerts inbox. The server's push says only that a new alert has come; the page then reads the inbox again
   (refreshInbox is the page's p:remoteCommand). The line under the title says whether new alerts arrive live.
   A file, not inline code, because the portal's CSP allows no inline scripts. */
function zenmoonInboxStatus(live) {
  var status = document.getElementById('inboxLive');
  if (status) {
    status.textContent = live
      ? 'Live: new alerts appear here as they are raised.'
      : 'Not live: reconnecting. Reload the page to see new alerts.';
    status.setAttribute('data-live', live ? 'true' : 'false');
  }
}

function zenmoonInboxOpen() {
  zenmoonInboxStatus(true);
}

function zenmoonInboxClosed() {
  zenmoonInboxStatus(false);
}

function zenmoonInbox(message) {
  if (message === 'alert' && typeof window.refreshInbox === 'function') {
    window.refreshInbox();
  }
}
