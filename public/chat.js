/* The chat page: gets a session from the server, then renders the real Web Chat (webchat.js). */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var status = document.getElementById('chat-status');
  var host = document.getElementById('webchat');

  function unavailable() {
    status.textContent = config.texts.unavailable;
    status.className = 'chat-status unavailable';
    status.setAttribute('role', 'alert');
    status.hidden = false;
  }

  if (config.embed && window.parent !== window) {
    // In the widget's iframe: Escape closes the panel (the parent page listens), and focus
    // given to the iframe goes straight to the text box.
    window.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') window.parent.postMessage({ type: 'probono-chat:escape' }, '*');
    }, true);
    window.addEventListener('focus', function () {
      var input = host.querySelector('input[type="text"], textarea');
      if (input && (document.activeElement === document.body || !document.activeElement)) input.focus();
    });
  }

  if (config.mode === 'off' || !window.WebChat) {
    unavailable();
    return;
  }

  fetch('api/directline/token', { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (res) {
      if (!res.ok) throw new Error('token route answered ' + res.status);
      return res.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({
        // Local mode: this server's own Direct Line endpoint. Never a conversationId: the local
        // endpoint has no reconnect route.
        domain: session.domain || new URL('v3/directline', window.location.href).href,
        token: session.token,
        webSocket: config.mode === 'azure',
        // The bot welcomes in this language (the activities' locale, from the page's language).
        conversationStartProperties: { locale: config.locale }
      });
      window.WebChat.renderWebChat(
        { directLine: directLine, userID: session.userId, locale: config.locale, styleOptions: config.styleOptions },
        host
      );
      status.hidden = true;
    })
    .catch(unavailable);
})();
