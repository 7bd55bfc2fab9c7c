export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'heartbeat', 'postgres', 'upstream'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export interface HttpSpec {
  readonly type: 'http';
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** Accepted status codes as inclusive ranges, e.g. [[200, 299]]. */
  readonly acceptedStatus: readonly (readonly [number, number])[];
  readonly keyword: string | null;
  /** true: the keyword (or regex) must be absent. */
  readonly keywordAbsent: boolean;
  readonly regex: string | null;
  /** A JSON path like "$.status" or "status.db" and the value it must equal (compared as strings). */
  readonly jsonPath: string | null;
  readonly jsonExpected: string | null;
  readonly degradedAboveMs: number | null;
  readonly maxRedirects: number;
  readonly verifyTls: boolean;
  readonly certExpiryWarningDays: number | null;
  readonly maxBodyBytes: number;
}

export interface TcpSpec {
  readonly type: 'tcp';
  readonly host: string;
  readonly port: number;
}

export interface DnsSpec {
  readonly type: 'dns';
  readonly hostname: string;
  readonly recordType: DnsRecordType;
  /** Values that must all be present in the answer (empty: any answer will do). */
  readonly expected: readonly string[];
  /** "127.0.0.1:5353"; null uses the system resolver. */
  readonly resolver: string | null;
}

export interface TlsSpec {
  readonly type: 'tls';
  readonly host: string;
  readonly port: number;
  readonly servername: string | null;
  readonly warningDays: number;
  readonly verifyTls: boolean;
}

export interface HeartbeatSpec {
  readonly type: 'heartbeat';
  readonly token: string;
  readonly graceMs: number;
}

export interface PostgresSpec {
  readonly type: 'postgres';
  readonly url: string;
  readonly query: string;
  readonly degradedAboveMs: number | null;
}

export interface UpstreamSpec {
  readonly type: 'upstream';
  /** A Statuspage-compatible summary.json (or components.json). */
  readonly url: string;
  /** The upstream component to mirror, by name or id; null mirrors the page's overall indicator. */
  readonly component: string | null;
}

export type MonitorSpec =
  HttpSpec | TcpSpec | DnsSpec | TlsSpec | HeartbeatSpec | PostgresSpec | UpstreamSpec;

/** A configured check of one component. */
export interface Monitor {
  readonly id: string;
  readonly componentId: string;
  /** Stable within its component, from config: "<component key>#<index>" unless given. */
  readonly key: string;
  readonly enabled: boolean;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Consecutive failures before the monitor counts as down. */
  readonly retries: number;
  /** Consecutive successes before a down monitor counts as up again. */
  readonly recoveries: number;
  readonly spec: MonitorSpec;
}
