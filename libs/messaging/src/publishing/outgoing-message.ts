/** What every transport carries: the contract's key and the validated JSON value. */
export interface OutgoingMessage {
  key: string;
  value: string;
}
