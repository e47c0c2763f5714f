// A fake of the few GitHub REST endpoints the Action calls (issue comments), on 127.0.0.1: it keeps the
// comments in memory and records every request, so tests assert exactly what the Action asked for.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /repos/acme/network/issues/7/comments?per_page=100 */
  url: string;
  authorization: string | undefined;
  body: any;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Comments per issue number. */
  comments: Map<number, FakeComment[]>;
  /** Answer every request with this status instead (403: a read-only token). */
  refuseWith?: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function fakeGitHub(): Promise<FakeGitHub> {
  let nextId = 9000;
  const fake: FakeGitHub = { url: '', requests: [], comments: new Map(), close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = req.url ?? '';
    fake.requests.push({ method: req.method ?? '', url, authorization: req.headers.authorization, body });
    if (fake.refuseWith) return send(res, fake.refuseWith, { message: 'Resource not accessible by integration' });
    const u = new URL(url, 'http://x');
    const list = u.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
    const one = u.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
    if (list && req.method === 'GET') {
      const all = fake.comments.get(Number(list[3])) ?? [];
      const perPage = Number(u.searchParams.get('per_page') ?? 30);
      const page = Number(u.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const headers: Record<string, string> = {};
      if (page < last) headers.link = `<${fake.url}${u.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${fake.url}${u.pathname}?per_page=${perPage}&page=${last}>; rel="last"`;
      return send(res, 200, all.slice((page - 1) * perPage, page * perPage), headers);
    }
    if (list && req.method === 'POST') {
      const comment = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
      const all = fake.comments.get(Number(list[3])) ?? [];
      all.push(comment);
      fake.comments.set(Number(list[3]), all);
      return send(res, 201, comment);
    }
    if (one && req.method === 'PATCH') {
      for (const all of fake.comments.values()) {
        const c = all.find((x) => x.id === Number(one[3]));
        if (c) {
          c.body = body.body;
          return send(res, 200, c);
        }
      }
      return send(res, 404, { message: 'Not Found' });
    }
    return send(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return fake;
}
