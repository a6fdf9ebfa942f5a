/*
 * The chat bubble for association sites: one tag,
 *   <script src="https://<this server>/widget.js" defer></script>
 * (add data-lang="en" for English). It adds a button that opens this server's chat page in a
 * panel (an iframe of /?embed=1); Escape or the close button closes it. Texts and colours come
 * from dialogs/texts.yaml and cards/webchat-style.json, filled in by the server.
 */
(function () {
  'use strict';
  if (window.__probonoChatWidget) return;
  window.__probonoChatWidget = true;

  var CONFIG = __PROBONO_WIDGET_CONFIG__;
  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', window.location.href).origin;
  var lang = script && script.getAttribute('data-lang') === 'en' ? 'en' : 'fr';
  var t = CONFIG.texts[lang];
  var c = CONFIG.colors;
  var P = 'probono-chat';

  var css =
    '.' + P + '-bubble{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:inline-flex;align-items:center;gap:8px;' +
    'padding:12px 20px;border:0;border-radius:999px;background:' + c.accent + ';color:' + c.onAccent + ';' +
    'font:600 16px/1.2 system-ui,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.3)}' +
    '.' + P + '-bubble:focus-visible{outline:3px solid ' + c.focus + ';outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
    '.' + P + '-bubble svg{width:22px;height:22px;fill:currentColor}' +
    '.' + P + '-panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:min(420px,calc(100vw - 40px));' +
    'height:min(640px,calc(100vh - 110px));display:flex;flex-direction:column;background:' + c.background + ';' +
    'border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.35)}' +
    '.' + P + '-panel[hidden]{display:none}' +
    '.' + P + '-header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 8px 8px 16px;' +
    'background:' + c.accent + ';color:' + c.onAccent + ';font:600 15px/1.3 system-ui,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}' +
    '.' + P + '-close{flex:none;width:36px;height:36px;border:0;border-radius:6px;background:transparent;color:inherit;font-size:24px;line-height:1;cursor:pointer}' +
    '.' + P + '-close:focus-visible{outline:2px solid ' + c.onAccent + ';outline-offset:-4px}' +
    '.' + P + '-frame{flex:1;width:100%;border:0}';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }

  function start() {
    var style = el('style', {});
    style.textContent = css;
    document.head.appendChild(style);

    var bubble = el('button', { type: 'button', class: P + '-bubble', 'aria-label': t.bubble_open, 'aria-expanded': 'false', 'aria-controls': P + '-panel' });
    bubble.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2z"/></svg>';
    bubble.appendChild(el('span', {}, t.bubble_open));

    var panel = el('div', { id: P + '-panel', class: P + '-panel', role: 'dialog', 'aria-label': t.chat_label });
    panel.hidden = true;
    var header = el('div', { class: P + '-header' });
    header.appendChild(el('span', {}, t.chat_label));
    var close = el('button', { type: 'button', class: P + '-close', 'aria-label': t.bubble_close, title: t.bubble_close }, '\u00d7');
    header.appendChild(close);
    panel.appendChild(header);
    var frame = null;

    function open() {
      if (!frame) {
        // Created on first opening: a conversation starts only for visitors who want one.
        frame = el('iframe', { class: P + '-frame', title: t.chat_label, src: origin + '/?embed=1&lang=' + lang });
        panel.appendChild(frame);
      }
      panel.hidden = false;
      bubble.setAttribute('aria-expanded', 'true');
      frame.focus();
    }
    function shut() {
      if (panel.hidden) return;
      panel.hidden = true;
      bubble.setAttribute('aria-expanded', 'false');
      bubble.focus();
    }

    bubble.addEventListener('click', function () {
      if (panel.hidden) open();
      else shut();
    });
    close.addEventListener('click', shut);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') shut();
    });
    // Escape pressed inside the chat (the iframe tells us; only our own iframe is listened to).
    window.addEventListener('message', function (event) {
      if (frame && event.origin === origin && event.source === frame.contentWindow && event.data && event.data.type === 'probono-chat:escape') shut();
    });

    document.body.appendChild(panel);
    document.body.appendChild(bubble);
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
