// A real DNS server for tests (dns2, UDP on 127.0.0.1, an ephemeral port): the records are what the
// test puts in its maps; a name with none answers NXDOMAIN. Point DNS_SERVERS at `server`.
import dns2 from 'dns2';

const { Packet } = dns2;

export interface TestDns {
  /** `127.0.0.1:<port>`, for DNS_SERVERS. */
  server: string;
  txt: Map<string, string[]>;
  a: Map<string, string[]>;
  aaaa: Map<string, string[]>;
  /** Every name asked, in order (lower case). */
  asked: string[];
  close(): Promise<void>;
}

export async function startDnsServer(): Promise<TestDns> {
  const txt = new Map<string, string[]>();
  const a = new Map<string, string[]>();
  const aaaa = new Map<string, string[]>();
  const asked: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        const name = question.name.toLowerCase();
        asked.push(name);
        if (!txt.has(name) && !a.has(name) && !aaaa.has(name)) response.header.rcode = 3; // NXDOMAIN
        const base = { name: question.name, class: Packet.CLASS.IN, ttl: 1 };
        if (question.type === Packet.TYPE.TXT) for (const data of txt.get(name) ?? []) response.answers.push({ ...base, type: Packet.TYPE.TXT, data } as never);
        if (question.type === Packet.TYPE.A) for (const address of a.get(name) ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address } as never);
        if (question.type === Packet.TYPE.AAAA) for (const address of aaaa.get(name) ?? []) response.answers.push({ ...base, type: Packet.TYPE.AAAA, address } as never);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    server: `127.0.0.1:${addresses.udp!.port}`,
    txt,
    a,
    aaaa,
    asked,
    close: () => server.close(),
  };
}
