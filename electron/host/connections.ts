import type http from 'node:http';
import type net from 'node:net';

/** Below the usual 1,024 open files, so a flood of sockets is turned away instead of starving accept(). */
export const maxConnections = 512;
/**
 * Requests one socket may have sent ahead of their answers. A browser never pipelines (each request waits for its
 * answer), while 4,000 pipelined GETs on a socket that never read once took the host from 315 MB to 2.9 GB.
 */
export const maxPipelined = 8;
/** Answer bytes a socket may leave unread; our largest file is ~0.7 MB, a stream is cut off far below this. */
export const maxUnsent = 16 * 1024 * 1024;
/**
 * A new connection must have sent its first request's headers by then. A browser sends them with its first
 * packet; 30 s (Node's headersTimeout, kept for the requests that follow) let a trickle of sockets sit at the cap.
 */
export const firstRequestWithin = 10_000;

/**
 * Who may hold one of the host's connections. A local process holds no token but can open sockets at will: at the
 * cap, the newcomer takes the place of the connection that has waited longest without a request in flight (one
 * trickling its headers, or idle), so a complete request still gets in; a socket that pipelines or stops reading
 * its answers is cut off before it costs memory.
 */
export class Connections {
  /** Open sockets with nothing in flight, the one idle longest first. */
  private readonly idle = new Set<net.Socket>();
  /** Open sockets in the order they connected. */
  private readonly open = new Set<net.Socket>();
  private readonly inFlight = new WeakMap<net.Socket, number>();

  constructor(private readonly cap = maxConnections) {}

  watch(server: http.Server): void {
    server.on('connection', (socket: net.Socket) => this.opened(socket));
  }

  /** False when the request's socket is (now) cut off: the request gets no answer. */
  admit(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const socket = req.socket;
    if (socket.destroyed) return false;
    const count = (this.inFlight.get(socket) ?? 0) + 1;
    if (count > maxPipelined || socket.writableLength > maxUnsent) {
      socket.destroy();
      return false;
    }
    this.inFlight.set(socket, count);
    this.idle.delete(socket);
    res.once('close', () => {
      const left = (this.inFlight.get(socket) ?? 1) - 1;
      this.inFlight.set(socket, left);
      if (left === 0 && !socket.destroyed) this.idle.add(socket);
    });
    return true;
  }

  private opened(socket: net.Socket): void {
    this.open.add(socket);
    this.idle.add(socket);
    const first = setTimeout(() => {
      if (!this.inFlight.has(socket)) socket.destroy();
    }, firstRequestWithin);
    first.unref();
    socket.once('close', () => {
      clearTimeout(first);
      this.open.delete(socket);
      this.idle.delete(socket);
    });
    if (this.open.size > this.cap) this.makeRoom(socket);
  }

  /**
   * Idle longest first, else the oldest whose answers sit unread (a client that reads drains its socket within
   * milliseconds), else the newcomer itself: every other connection is being served.
   */
  private makeRoom(newcomer: net.Socket): void {
    const others = (sockets: Set<net.Socket>) => [...sockets].filter((s) => s !== newcomer && !s.destroyed);
    const victim = others(this.idle)[0] ?? others(this.open).find((socket) => socket.writableLength > 0) ?? newcomer;
    this.open.delete(victim);
    this.idle.delete(victim);
    victim.destroy();
  }
}
