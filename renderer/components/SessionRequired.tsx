/**
 * The browser host refused this page: it was opened without this start's access code, or the host restarted since.
 * Nothing here can fix that (every call is refused); the host's message, in the secretary's language, says what will.
 */
export function SessionRequired({ message }: { message: string }) {
  return (
    <main className="first-run">
      <section className="first-run-card" role="alert" aria-labelledby="session-title">
        <h1 id="session-title">议事亭 Yishiting</h1>
        <p className="lead">{message}</p>
      </section>
    </main>
  );
}
