import { channels, isChannel, type Channel } from '../shared/contract';
import type { Handler, Handlers } from './services/context';

/**
 * The services' handler maps as one map, checked when the core starts: a channel handled twice (an object spread
 * would let the last one win silently), a name the contract does not declare, or a channel nobody handles throws.
 * `rest` answers the channels no map handles, for a core that serves only a few of them.
 */
export function mergeHandlers(
  maps: readonly Partial<Handlers>[],
  rest?: (channel: Channel) => (input: never) => unknown,
): Handlers {
  const merged = new Map<Channel, Handler<Channel>>();
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (!isChannel(name)) throw new Error(`handler for ${name}, which the contract does not declare`);
      if (merged.has(name)) throw new Error(`channel ${name} is handled twice`);
      merged.set(name, handler as Handler<Channel>);
    }
  }
  for (const channel of channels) {
    if (merged.has(channel)) continue;
    if (!rest) throw new Error(`channel ${channel} has no handler`);
    merged.set(channel, rest(channel) as Handler<Channel>);
  }
  return Object.fromEntries(merged) as Handlers;
}
