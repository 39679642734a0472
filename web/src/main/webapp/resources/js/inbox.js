/* The alerts inbox. The server's push says only that a new alert has come; the page then reads the inbox again
   (refreshInbox is the page's p:remoteCommand), once for a burst of alerts. The line under the title says whether
   new alerts arrive live, and screen readers hear of a new alert. A file, not inline code: the portal's CSP allows
   no inline scripts. */
var zenmoonInboxPending = null;

function zenmoonInboxStatus(state) {
  var status = document.getElementById('inboxLive');
  if (!status) {
    return;
  }
  var words = {
    live: 'Live: new alerts appear here as they are raised.',
    reconnecting: 'Not live: reconnecting. New alerts appear once the connection is back.',
    ended: 'Not live: your session has ended or the connection was lost. Reload the page or log in again.'
  };
  status.textContent = words[state];
  status.setAttribute('data-live', state === 'live' ? 'true' : 'false');
}

function zenmoonInboxOpen() {
  zenmoonInboxStatus('live');
}

function zenmoonInboxError() {
  zenmoonInboxStatus('reconnecting');
}

function zenmoonInboxClosed() {
  zenmoonInboxStatus('ended');
}

function zenmoonInbox(message) {
  zenmoonInboxStatus('live');
  if (message !== 'alert' || typeof window.refreshInbox !== 'function' || zenmoonInboxPending) {
    return;
  }
  zenmoonInboxPending = window.setTimeout(function () {
    zenmoonInboxPending = null;
    window.refreshInbox();
    var news = document.getElementById('inboxNews');
    if (news) {
      news.textContent = 'A new alert has arrived. The list is up to date.';
    }
  }, 1000);
}
