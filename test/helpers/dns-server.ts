import { createSocket, type RemoteInfo } from 'node:dgram';
import { once } from 'node:events';
import dnsPacket from 'dns-packet';

export interface DnsRecords {
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly CNAME?: string;
  readonly MX?: readonly { readonly preference: number; readonly exchange: string }[];
  /** Each record is a list of character strings, as on the wire. */
  readonly TXT?: readonly (readonly string[])[];
}

export interface TestDnsServer {
  /** "127.0.0.1:port", the form a DNS monitor's resolver takes. */
  readonly address: string;
  readonly queries: () => number;
  readonly close: () => Promise<void>;
}

const NXDOMAIN = 3;

/**
 * A UDP DNS server on 127.0.0.1 answering from `zone`: unknown names get NXDOMAIN, known names
 * without the asked type an empty NOERROR. With `silent`, it reads queries and never answers.
 */
export async function startDnsServer(
  zone: Readonly<Record<string, DnsRecords>>,
  options: { silent?: boolean } = {},
): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  let queries = 0;
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    queries += 1;
    if (options.silent === true) return;
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (question === undefined) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const records = zone[name];
    const answers = records === undefined ? [] : answersFor(question.name, question.type, records);
    const response = dnsPacket.encode({
      id: query.id ?? 0,
      type: 'response',
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER |
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        (records === undefined ? NXDOMAIN : 0),
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    queries: () => queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answersFor(name: string, type: string, records: DnsRecords): dnsPacket.Answer[] {
  const base = { name, ttl: 60, class: 'IN' as const };
  switch (type) {
    case 'A':
      return (records.A ?? []).map((data) => ({ ...base, type: 'A' as const, data }));
    case 'AAAA':
      return (records.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA' as const, data }));
    case 'CNAME':
      return records.CNAME === undefined ? [] : [{ ...base, type: 'CNAME' as const, data: records.CNAME }];
    case 'MX':
      return (records.MX ?? []).map((mx) => ({
        ...base,
        type: 'MX' as const,
        data: { preference: mx.preference, exchange: mx.exchange },
      }));
    case 'TXT':
      return (records.TXT ?? []).map((chunks) => ({ ...base, type: 'TXT' as const, data: [...chunks] }));
    default:
      return [];
  }
}
