import type { AppEvent } from '../shared/contract';

export type Listener = (event: AppEvent) => void;

/** Pushes to every open window (main window, projector) and every browser-host client. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
