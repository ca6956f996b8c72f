// Starts Web Chat against the bot's own Direct Line (or Azure's, when the server says so).
(function () {
  'use strict';

  var USER_TOKEN_KEY = 'kneeChat.userToken';
  // This tab's conversation, so a reload (or a page of the clinic's site opened in the same tab) goes on with it.
  var CONVERSATION_KEY = 'kneeChat.conversation';
  // Direct Line's connection states (botframework-directlinejs ConnectionStatus).
  var ONLINE = 2;
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var embedded = new URLSearchParams(window.location.search).has('embed');
  var statusEl = document.getElementById('chat-status');
  var retryEl = document.getElementById('chat-retry');
  var chatEl = document.getElementById('webchat');

  // The clinic's colours; every text colour meets WCAG AA contrast on its background.
  var styleOptions = {
    accent: '#0b5d6b',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    backgroundColor: '#ffffff',
    subtle: '#4a555c',
    timestampColor: '#4a555c',
    bubbleBackground: '#eef2f4',
    bubbleTextColor: '#1b1f23',
    bubbleBorderRadius: 12,
    bubbleBorderWidth: 0,
    bubbleFromUserBackground: '#0b5d6b',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 640,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#0b5d6b',
    suggestedActionBorderWidth: 2,
    suggestedActionBorderRadius: 20,
    suggestedActionTextColor: '#0b5d6b',
    suggestedActionHeight: 44,
    sendBoxBackground: '#ffffff',
    sendBoxTextColor: '#1b1f23',
    sendBoxPlaceholderColor: '#4a555c',
    sendBoxButtonColor: '#0b5d6b',
    sendBoxButtonColorOnHover: '#07434d',
    sendBoxBorderTop: 'solid 1px #d5dde1',
    sendBoxHeight: 52,
    sendBoxTextWrap: true,
    hideUploadButton: true,
    // A reply longer than the screen (an outcome on a phone) is shown from its start, not its end: the transcript stops
    // scrolling once new messages fill it (a little short of that, so the headline is clear of the top edge), and Web Chat
    // offers a button to the rest. A reply that fits is scrolled to its end, as before.
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: -40
  };

  function readUserToken() {
    try { return window.localStorage.getItem(USER_TOKEN_KEY) || undefined; } catch (e) { return undefined; }
  }

  function keepUserToken(token) {
    try { window.localStorage.setItem(USER_TOKEN_KEY, token); } catch (e) { /* private browsing: a new id next time */ }
  }

  function readConversation() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(CONVERSATION_KEY) || 'null');
      return saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string' ? saved : undefined;
    } catch (e) { return undefined; }
  }

  function keepConversation(directLine) {
    try {
      if (directLine.conversationId && directLine.token) {
        window.sessionStorage.setItem(CONVERSATION_KEY, JSON.stringify({ conversationId: directLine.conversationId, token: directLine.token }));
      }
    } catch (e) { /* storage refused: a reload starts a new conversation */ }
  }

  function forgetConversation() {
    try { window.sessionStorage.removeItem(CONVERSATION_KEY); } catch (e) { /* nothing kept */ }
  }

  var OFFLINE_TEXT = 'You are offline: messages can\'t be sent until the connection is back. In an emergency, call 911.';
  var RECONNECTING_TEXT = 'Reconnecting… Messages will be sent when the connection is back. In an emergency, call 911.';

  function showStatus(text, canRetry) {
    statusEl.textContent = text;
    retryEl.hidden = !canRetry;
  }

  async function fetchToken() {
    var response = await fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userToken: readUserToken() }),
      credentials: 'omit',
      cache: 'no-store'
    });
    if (!response.ok) throw new Error('token request failed: ' + response.status);
    return response.json();
  }

  async function start() {
    showStatus('Loading the chat…', false);
    try {
      if (!window.WebChat) throw new Error('Web Chat did not load');
      var session = await fetchToken();
      keepUserToken(session.userToken);
      // A conversation this tab had: reconnected from its start, so its messages come back (its token lasts 30 minutes).
      var saved = session.domain ? undefined : readConversation();
      var options = { token: saved ? saved.token : session.token, domain: session.domain || window.location.origin + '/v3/directline', webSocket: true };
      if (saved) {
        options.conversationId = saved.conversationId;
        options.watermark = '0';
      }
      var directLine = window.WebChat.createDirectLine(options);
      var wasOnline = false;
      directLine.connectionStatus$.subscribe(function (status) {
        if (status === ONLINE) {
          wasOnline = true;
          keepConversation(directLine);
          if (navigator.onLine !== false) showStatus('', false);
        } else if ((status === FAILED_TO_CONNECT || status === EXPIRED_TOKEN) && saved && !wasOnline) {
          // The saved conversation can't be reached any more (its token ran out): a new one.
          forgetConversation();
          saved = undefined;
          directLine.end();
          start();
        } else if (wasOnline && status !== ONLINE) {
          showStatus(RECONNECTING_TEXT, false);
        }
      });
      // The token is renewed while the chat is open: the latest one is kept.
      directLine.activity$.subscribe(function () { keepConversation(directLine); });
      window.WebChat.renderWebChat({ directLine: directLine, styleOptions: styleOptions, locale: 'en-US' }, chatEl);
      showStatus(navigator.onLine === false ? OFFLINE_TEXT : '', false);
    } catch (error) {
      showStatus('The chat could not start. Please try again in a moment, or call the clinic. In an emergency, call 911.', true);
    }
  }

  if (embedded) {
    document.documentElement.classList.add('embedded');
    // Escape inside the frame closes the panel on the clinic's page (embed.js listens).
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && window.parent !== window) window.parent.postMessage({ type: 'knee-chat:close' }, '*');
    });
  }
  document.getElementById('chat-retry-button').addEventListener('click', start);
  window.addEventListener('offline', function () { showStatus(OFFLINE_TEXT, false); });
  window.addEventListener('online', function () { if (statusEl.textContent === OFFLINE_TEXT) showStatus('', false); });
  start();
})();
