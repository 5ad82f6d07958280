import { contract, type AppEvent, type Bridge, type Channel, type Input, type Output } from '../../shared/contract';
import type { Envelope, ErrorBody } from '../../shared/envelope';
import { i18n } from '../i18n';
import { tracked, useSaving } from '../stores/saving';

/** A refusal from the main side, already translated there; `message` is what the secretary reads. */
export class ApiError extends Error {
  readonly code: string;
  constructor(error: ErrorBody) {
    super(error.message);
    this.code = error.code;
  }
}

type Transport = {
  send(channel: Channel, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
};

declare global {
  interface Window {
    yishi?: Bridge;
  }
}

/** Electron: the preload's one-function-per-channel bridge. */
function electronTransport(bridge: Bridge): Transport {
  return {
    send: (channel, input) => (bridge[channel] as (input: unknown) => Promise<Envelope<unknown>>)(input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/**
 * The browser host's session token arrives once, in the address the host printed (/?t=…). It moves to this tab's
 * sessionStorage — which survives a reload, is copied into the projector window we open, and is readable by no other
 * origin (other ports included) — and leaves the address bar, so it is not bookmarked, shared or shown.
 */
function sessionToken(): string {
  const fromAddress = new URLSearchParams(window.location.search).get('t');
  if (fromAddress) {
    sessionStorage.setItem(tokenKey, fromAddress);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.hash);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}
const tokenKey = 'yishiting.session';

/**
 * Browser host: POST /api/<channel> with the token as a bearer header (a header no other page can make our browser
 * send), and one Server-Sent Events stream with the token as ?t= (EventSource cannot set headers; a cookie would
 * also be sent to every other server on 127.0.0.1, whatever its port).
 */
function httpTransport(token: string): Transport {
  // A reload or a closed tab would drop a change still queued here; the browser asks first. (Not in Electron,
  // where a cancelled unload silently keeps the window open, and the IPC message is already on its way.)
  window.addEventListener('beforeunload', (event) => {
    if (useSaving.getState().pending > 0) event.preventDefault();
  });
  return {
    async send(channel, input) {
      try {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          // The host words its refusals (bad JSON, too large, invalid input…) in the language on screen.
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
            'Accept-Language': i18n.language,
          },
          body: JSON.stringify(input),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'offline', message: i18n.t('errors.offline') } };
      }
    },
    subscribe(listener) {
      const source = new EventSource(`/api/events?t=${encodeURIComponent(token)}`);
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as AppEvent);
      return () => source.close();
    },
  };
}

const transport: Transport = window.yishi ? electronTransport(window.yishi) : httpTransport(sessionToken());

/**
 * Changes are sent one after another, in the order the secretary made them: two quick edits of the same
 * field sent in parallel could otherwise arrive swapped, and the older would win. Reads (as the contract
 * declares them) never wait behind a change.
 */
let changes: Promise<unknown> = Promise.resolve();

/** The one typed way into the main side: resolves with the value or throws an ApiError. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const send = () => transport.send(channel, input);
  const pending = contract[channel].kind === 'read' ? send() : tracked((changes = changes.then(send, send)));
  const envelope = (await pending) as Envelope<unknown>;
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value as Output<C>;
}

/**
 * Pushes from the main side, for any number of listeners over one subscription (in the browser one
 * EventSource: each holds a connection open, and a second one stalled the page's calls).
 */
const listeners = new Set<(event: AppEvent) => void>();
let unsubscribe: (() => void) | null = null;
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  listeners.add(listener);
  unsubscribe ??= transport.subscribe((event) => {
    for (const each of listeners) each(event);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.unexpected');
}
