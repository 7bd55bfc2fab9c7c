/** A public status page. Times are epoch milliseconds; `timeZone` is an IANA zone name. */
export interface Page {
  readonly id: string;
  readonly name: string;
  readonly url: string | null;
  readonly timeZone: string;
  readonly locale: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}
