import type { AppEvent, Bridge, Channel, Input, Output } from '../../shared/contract';
import type { Envelope, ErrorBody } from '../../shared/envelope';
import { i18n } from '../i18n';

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

/** Browser host: POST /api/<channel> and one Server-Sent Events stream. */
function httpTransport(): Transport {
  return {
    async send(channel, input) {
      try {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'offline', message: i18n.t('errors.offline') } };
      }
    },
    subscribe(listener) {
      const source = new EventSource('/api/events');
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as AppEvent);
      return () => source.close();
    },
  };
}

const transport: Transport = window.yishi ? electronTransport(window.yishi) : httpTransport();

/** Channels that only read (or render a file): they never need to wait for a change in flight. */
const readOnly =
  /:(list|get|search|state|status|categories|invitees|households|photo|noticeCheck|notice|signInSheet|export|preview|verify)$/;

/**
 * Changes are sent one after another, in the order the secretary made them: two quick edits of the same
 * field sent in parallel could otherwise arrive swapped, and the older would win.
 */
let changes: Promise<unknown> = Promise.resolve();

/** The one typed way into the main side: resolves with the value or throws an ApiError. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const send = () => transport.send(channel, input);
  const pending = readOnly.test(channel) ? send() : (changes = changes.then(send, send));
  const envelope = (await pending) as Envelope<unknown>;
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value as Output<C>;
}

export const onAppEvent = (listener: (event: AppEvent) => void) => transport.subscribe(listener);

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.unexpected');
}
