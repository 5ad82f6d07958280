import { contract, isChannel } from '../shared/contract';
import type { Envelope } from '../shared/envelope';
import { AppError, errorBody } from '../shared/errors';
import type { Locale } from '../shared/locale';
import { describeIssue } from '../shared/validation';
import type { Handlers } from './services/context';

/**
 * Who is calling: in Electron our own top frame, in the browser host our own origin. `locale` is the language
 * the page shows, when it says; refusals are worded in it (else in the app's setting).
 */
export type Caller = { trusted: boolean; locale?: Locale };
export type Guard = (channel: string, input: unknown, caller: Caller) => Promise<Envelope<unknown>>;
export type Log = (message: string, error?: unknown) => void;

/**
 * The one door into the services, shared by the IPC binding and the browser host:
 * check the caller, parse the input strictly, run the handler, and answer an envelope whatever happens.
 */
export function createGuard(handlers: Handlers, locale: () => Locale, log: Log): Guard {
  return async (channel, input, caller) => {
    const lang = caller.locale ?? locale();
    if (!caller.trusted) return { ok: false, error: errorBody('forbidden', lang) };
    if (!isChannel(channel)) return { ok: false, error: errorBody('unknown_channel', lang, { channel }) };
    try {
      const parsed = contract[channel].input.safeParse(input);
      if (!parsed.success) {
        const detail = describeIssue(parsed.error.issues[0]!, lang, channel);
        return { ok: false, error: errorBody('invalid_input', lang, { detail }) };
      }
      const handler = handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: errorBody(error.code, lang, error.params) };
      log(`channel ${channel} failed`, error);
      return { ok: false, error: errorBody('internal', lang) };
    }
  };
}
