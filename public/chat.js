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

  // Opened by an evaluation's link (an invitation by email): the chat asks the bot for that
  // evaluation as soon as it is connected. The token leaves the address bar (history, sharing).
  var params = new URLSearchParams(window.location.search);
  var evaluation = params.get('evaluation');
  if (evaluation && window.history && window.history.replaceState) {
    params.delete('evaluation');
    var rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : ''));
  }
  var store;
  if (evaluation) {
    store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          var result = next(action);
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'evaluation.open', value: evaluation } });
          }
          return result;
        };
      };
    });
  }

  var tokenRequest = { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (evaluation) {
    tokenRequest.headers['content-type'] = 'application/json';
    tokenRequest.body = JSON.stringify({ purpose: 'evaluation' });
  }
  fetch('api/directline/token', tokenRequest)
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
      var options = { directLine: directLine, userID: session.userId, locale: config.locale, styleOptions: config.styleOptions };
      if (store) options.store = store;
      window.WebChat.renderWebChat(options, host);
      status.hidden = true;
    })
    .catch(unavailable);
})();
