// Drop on any page of the clinic's website:
//   <script src="https://BOT-HOST/embed.js" async></script>
// Optional attributes: data-label="Chat about knee pain", data-position="left".
// Shows a chat button that opens the knee pain assistant in a panel (an iframe of the chat page).
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__kneeChatEmbedded) return;
  window.__kneeChatEmbedded = true;

  var origin = new URL(script.src, window.location.href).origin;
  var label = script.getAttribute('data-label') || 'Questions about knee pain? Chat with us';
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';

  var stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = origin + '/static/embed.css';

  var root = document.createElement('div');
  root.className = 'kpa-embed kpa-' + side;

  var panel = document.createElement('div');
  panel.className = 'kpa-panel';
  panel.id = 'kpa-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Knee pain assistant');
  panel.hidden = true;

  var bar = document.createElement('div');
  bar.className = 'kpa-bar';
  var title = document.createElement('span');
  title.className = 'kpa-title';
  title.textContent = 'Knee pain assistant';
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'kpa-close';
  close.setAttribute('aria-label', 'Close the chat');
  close.textContent = '\u00d7';
  bar.appendChild(title);
  bar.appendChild(close);
  panel.appendChild(bar);

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'kpa-launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', panel.id);
  launcher.textContent = label;

  var frame;

  function open() {
    // The chat page (and Web Chat's bundle) loads only when someone asks for it.
    if (!frame) {
      frame = document.createElement('iframe');
      frame.className = 'kpa-frame';
      frame.title = 'Chat with the knee pain assistant';
      frame.src = origin + '/?embed=1';
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    root.classList.add('kpa-open');
    frame.focus();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    root.classList.remove('kpa-open');
    launcher.focus();
  }

  launcher.addEventListener('click', function () { panel.hidden ? open() : shut(); });
  close.addEventListener('click', shut);
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') shut(); });
  window.addEventListener('message', function (event) {
    if (event.origin === origin && event.data && event.data.type === 'knee-chat:close' && !panel.hidden) shut();
  });

  root.appendChild(panel);
  root.appendChild(launcher);
  function mount() {
    document.head.appendChild(stylesheet);
    document.body.appendChild(root);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
