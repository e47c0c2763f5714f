import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One diagnostic as yaml-language-server publishes it (LSP: 0-based line and character). */
export interface LspDiagnostic {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  source?: string;
}

/**
 * yaml-language-server run as VS Code runs it: a child process speaking LSP over stdio. The editor's
 * settings (the `yaml.*` keys of .vscode/settings.json) are answered when the server asks for them.
 */
export class YamlLanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly waiting = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  private version = 0;
  private stderr = '';
  private exited: string | undefined;

  constructor(
    private readonly root: string,
    private readonly settings: Record<string, unknown>,
  ) {
    const bin = join(dirname(createRequire(import.meta.url).resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
    this.child = spawn(process.execPath, [bin, '--stdio'], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => void (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
    // A server that dies fails every call still waiting, with what it said, instead of a timeout.
    this.child.on('exit', (code) => {
      this.exited = `yaml-language-server exited (${code}): ${this.stderr}`;
      for (const done of this.pending.values()) done(undefined);
      for (const done of this.waiting.values()) done([{ message: this.exited, range: { start: { line: -1, character: 0 }, end: { line: -1, character: 0 } } }]);
    });
  }

  async start(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.yamlSettings() });
  }

  /**
   * Opens a document and waits for its diagnostics. Each path is opened once and stays open (closing
   * publishes an empty list that a later open of the same path could mistake for its own).
   */
  diagnostics(file: string, text: string): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(file).href;
    if (this.waiting.has(uri)) throw new Error(`${file} is open already`);
    if (this.exited) throw new Error(this.exited);
    const result = new Promise<LspDiagnostic[]>((resolve) => this.waiting.set(uri, resolve));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++this.version, text } });
    return result;
  }

  /** Hover text at a 0-based position of a document opened with diagnostics(). */
  async hover(file: string, line: number, character: number): Promise<string> {
    const uri = pathToFileURL(file).href;
    const result = (await this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents?: { value?: string } } | null;
    return result?.contents?.value ?? '';
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    await this.request('shutdown', null);
    this.notify('exit', null);
    this.child.kill();
  }

  private yamlSettings(): Record<string, unknown> {
    // The settings file's dotted keys (`yaml.schemas`) as the sections VS Code hands out.
    const yaml: Record<string, unknown> = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };
    for (const [key, value] of Object.entries(this.settings)) if (key.startsWith('yaml.')) yaml[key.slice(5)] = value;
    return { yaml };
  }

  private send(message: Record<string, unknown>): void {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  private handle(message: any): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    } else if (message.method === 'workspace/configuration') {
      const sections = this.yamlSettings();
      this.send({ id: message.id, result: message.params.items.map((i: { section: string }) => (sections as any)[i.section] ?? null) });
    } else if (message.id !== undefined) {
      this.send({ id: message.id, result: null }); // client/registerCapability and the like
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const done = this.waiting.get(message.params.uri);
      this.waiting.delete(message.params.uri);
      done?.(message.params.diagnostics);
    }
  }
}
