export type Unsubscribe = () => void;

/**
 * A typed set of listeners. A listener that throws must not leave the synchronizer half-way
 * through a state change, so its error goes to `onListenerError` instead of up the stack.
 */
export class Listeners<Payload> {
  private readonly listeners = new Set<(payload: Payload) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  add(listener: (payload: Payload) => void): Unsubscribe {
    // Wrapped so that adding the same function twice gives two independent subscriptions.
    const entry = (payload: Payload): void => listener(payload);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(payload: Payload): void {
    for (const listener of this.listeners) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
