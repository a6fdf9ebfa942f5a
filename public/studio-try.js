/* The studio's try pane (/studio/try): the real Web Chat talking to the try's Direct Line. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('try-config').textContent);
  var status = document.getElementById('try-status');

  if (!window.WebChat) {
    status.textContent = config.texts.unavailable;
    status.setAttribute('role', 'alert');
    return;
  }
  var directLine = window.WebChat.createDirectLine({
    // Polling only; the studio session's cookie goes with every call (same origin).
    domain: new URL(config.domain, window.location.href).href,
    token: config.token,
    webSocket: false
  });
  window.WebChat.renderWebChat(
    { directLine: directLine, userID: config.userId, locale: config.locale, styleOptions: config.styleOptions },
    document.getElementById('webchat')
  );
  status.hidden = true;
})();
