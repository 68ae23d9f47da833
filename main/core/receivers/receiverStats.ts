/** What a receiver did with what it got (shown in the UI; malformed and hostile input is counted, not fatal). */
export interface ReceiverStats {
  received: number;
  accepted: number;
  dropped: number;
  /** Last reason a message was dropped. */
  lastDropReason?: string;
}

/** Fresh zeroed stats. */
export function newReceiverStats(): ReceiverStats {
  return { received: 0, accepted: 0, dropped: 0 };
}
