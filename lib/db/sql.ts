// The smallest interface both drivers share, for the migration runner and the listener.
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}
