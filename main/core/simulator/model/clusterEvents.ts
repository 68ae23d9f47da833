/** A notable model event, for logs, tests and the demo timeline. */
export interface ClusterEvent {
  readonly atMs: number;
  readonly node?: string;
  readonly kind: string;
  readonly text: string;
}
