/**
 * A TLS front for the local Temporal dev server, for test/temporal-tls.int-spec.ts. The dev server of the Temporal
 * CLI (1.9.1, `temporal server start-dev`) has no TLS options, so this terminates TLS as a Temporal frontend with
 * mTLS (or Temporal Cloud) would: it requires a client certificate signed by the test CA (requestCert,
 * rejectUnauthorized), optionally requires `authorization: Bearer <key>` (as Temporal Cloud does for API keys,
 * answering UNAUTHENTICATED otherwise), and forwards each gRPC call (HTTP/2 stream) in plain text to the dev server.
 */
import http2, { ClientHttp2Session, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface TlsProxyOptions {
  upstream: string; // host:port of the plain dev server
  key: Buffer;
  cert: Buffer;
  /** CA that client certificates must chain to; none: no client certificate asked for. */
  clientCa?: Buffer;
  /** The API key a call must carry; undefined: none asked for. Changeable while running (a rotation). */
  apiKey?: () => string | undefined;
}

export interface TlsProxy {
  port: number;
  /** Calls answered by the dev server, and calls refused for their API key. */
  stats: { forwarded: number; refusedKey: number; handshakesRefused: number };
  /** Each call forwarded: its gRPC method, the authorization and the namespace header it carried. */
  calls: Array<{ method: string; authorization?: string; namespace?: string }>;
  close(): Promise<void>;
}

const HOP = new Set([':method', ':path', ':scheme', ':authority']);

export async function startTlsProxy(o: TlsProxyOptions): Promise<TlsProxy> {
  const stats = { forwarded: 0, refusedKey: 0, handshakesRefused: 0 };
  const calls: TlsProxy['calls'] = [];
  let upstream: ClientHttp2Session | undefined;
  const session = () => {
    if (!upstream || upstream.closed || upstream.destroyed) {
      upstream = http2.connect(`http://${o.upstream}`);
      upstream.on('error', () => undefined);
    }
    return upstream;
  };
  const server = http2.createSecureServer({
    key: o.key,
    cert: o.cert,
    ...(o.clientCa ? { ca: o.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
  });
  server.on('tlsClientError', () => void stats.handshakesRefused++);
  // tracked so that close() does not wait for the clients' keep-alive connections
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('stream', (stream, headers: IncomingHttpHeaders) => {
    const wanted = o.apiKey?.();
    if (wanted !== undefined && headers['authorization'] !== `Bearer ${wanted}`) {
      stats.refusedKey++;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'bad API key',
        },
        { endStream: true },
      );
      return;
    }
    calls.push({
      method: String(headers[':path']).split('/').pop() ?? '',
      ...(typeof headers['authorization'] === 'string' ? { authorization: headers['authorization'] } : {}),
      ...(typeof headers['temporal-namespace'] === 'string'
        ? { namespace: headers['temporal-namespace'] }
        : {}),
    });
    const forward: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers))
      if (!name.startsWith(':') || HOP.has(name)) forward[name] = value;
    forward[':authority'] = o.upstream;
    forward[':scheme'] = 'http';
    const up = session().request(forward);
    let trailers: OutgoingHttpHeaders = {};
    stream.on('data', (chunk: Buffer) => up.write(chunk));
    stream.on('end', () => up.end());
    stream.on('close', () => up.destroyed || up.close());
    up.on('response', (h) => {
      if (h['grpc-status'] !== undefined) {
        // trailers-only response (an error): one HEADERS frame that ends the stream
        stream.respond(h as OutgoingHttpHeaders, { endStream: true });
        return;
      }
      stats.forwarded++;
      stream.respond(h as OutgoingHttpHeaders, { waitForTrailers: true });
    });
    up.on('data', (chunk: Buffer) => stream.writable && stream.write(chunk));
    up.on('trailers', (t) => (trailers = t as OutgoingHttpHeaders));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    up.on('end', () => stream.writable && stream.end());
    up.on('error', () => stream.destroyed || stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        upstream?.close();
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
