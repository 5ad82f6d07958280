import type http from 'node:http';
import type { AppEvent } from '../../shared/contract';

/** A main window, a projector and a few tabs each hold one; more than this is not a secretary. */
const maxStreams = 32;
/** Pushes a client has not read yet; past this it is asleep or hostile, and is cut off (EventSource reconnects). */
const maxUnread = 256 * 1024;

/** The Server-Sent Events clients of GET /api/events. */
export class EventStreams {
  private readonly clients = new Set<http.ServerResponse>();

  get full(): boolean {
    return this.clients.size >= maxStreams;
  }

  open(res: http.ServerResponse, headers: http.OutgoingHttpHeaders): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  push(event: AppEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.clients) {
      if (res.writableLength > maxUnread) {
        this.clients.delete(res);
        res.destroy();
      } else if (!res.destroyed) res.write(frame);
    }
  }

  closeAll(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
